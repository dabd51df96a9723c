"""Integration tests and the bundled sandbox API (``python -m integration_tests.sandbox``)."""
