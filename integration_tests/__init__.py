"""Integration tests and the bundled sandbox API (``python -m sandbox``)."""
