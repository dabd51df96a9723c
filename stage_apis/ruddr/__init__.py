"""Ruddr (the workspace API): `GET /opportunity-stages` and `GET /opportunity-pipelines`, and the
rules of `POST /opportunity-stages`."""
