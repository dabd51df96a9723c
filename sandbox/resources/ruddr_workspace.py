"""The Ruddr workspace: ``GET /api/workspace`` (the base URL) answers ``{"id", "name"}``."""

from ..apis.base import Handler
from ..apis.ruddr import RUDDR, stable_uuid
from ..request import Request
from ..responses import Response, json_response


class Workspace:
    api = RUDDR
    key = "workspace"
    path = "/api/workspace"

    def routes(self) -> dict[str, dict[str, Handler]]:
        return {self.path: {"GET": self.get}}

    def get(self, state, request: Request) -> Response:
        return json_response(200, state.dataset[self])

    def default_data(self) -> dict:
        return {"id": stable_uuid("ruddr-workspace"), "name": "Acme Consulting GmbH — Sandbox"}

    def large_data(self, count: int) -> dict:
        return {"id": "6f1c2d3e-4a5b-4c6d-8e7f-a0b1c2d3e4f5", "name": f"Large workspace ({count} stages)"}

    def snapshot(self, workspace: dict) -> dict:
        return workspace


RESOURCE = Workspace()
