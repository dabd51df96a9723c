"""Zendesk Sell (Core API v2): `GET /v2/stages` and `GET /v2/pipelines`."""
