"""The connector's version: the one place it is written (setup.py, metadata.yaml, the Dockerfile
labels and CHANGELOG.md are checked against it by unit_tests/test_version_consistency.py)."""

__version__ = "0.1.0"
