"""One API request, start to finish, in the order a real gateway and API would decide it:

scripted fault -> unknown path (404) / method (405) -> Zendesk Sell ``Accept`` (406) -> bearer
token (401) -> Ruddr API access (423) -> rate limit (429) -> scripted data change -> handler.
Every API request is logged; control-plane requests (``/_sandbox/...``) are not.
"""

import time
import uuid

from .control import ControlPlane
from .errors import ruddr_error, zendesk_error
from .request import Request
from .responses import Response
from .routes import Route, Router
from .ruddr import RuddrApi
from .state import SandboxState
from .zendesk_sell import ZendeskSellApi

ACCEPTABLE = ("*/*", "application/*", "application/json")


def new_request_id() -> str:
    return str(uuid.uuid4())


class Application:
    def __init__(self, state: SandboxState):
        self.state = state
        self._router = Router(ZendeskSellApi(state), RuddrApi(state))
        self._control = ControlPlane(state)

    def handle(self, request: Request) -> Response:
        if request.segments[:1] == ["_sandbox"]:
            return self._control.handle(request)
        response = self._handle_api(request)
        self.state.log.record(request.method, request.path, request.query,
                              None if response.transport == "drop" else response.status)
        return response

    def _handle_api(self, request: Request) -> Response:
        route = self._router.resolve(request.method, request.segments)
        fault = self.state.faults.take(request.method, request.normalized_path)
        if fault is None:
            return self._serve(route, request)
        if fault.kind == "status":
            headers = (("Retry-After", fault.retry_after),) if fault.retry_after is not None else ()
            return _error(route.api, fault.status, request, headers=headers)
        if fault.kind == "drop":
            return Response(0, transport="drop")
        if fault.kind == "slow":
            time.sleep(fault.delay)
        response = self._serve(route, request)
        if fault.kind == "malformed_json":
            return Response(response.status, response.body[:len(response.body) // 2], response.content_type,
                            response.headers)
        if fault.kind == "truncated":
            return Response(response.status, response.body, response.content_type, response.headers, "truncate")
        return response

    def _serve(self, route: Route, request: Request) -> Response:
        state = self.state
        if route.handler is None:
            return _error(route.api, 405 if route.path_known else 404, request)
        if route.api == "zendesk_sell" and not _accepts_json(request.headers.get("Accept")):
            return _error(route.api, 406, request)
        token = request.bearer_token()
        if token is None or token != state.tokens[route.api]:
            return _error(route.api, 401, request)
        if route.api == "ruddr" and not state.ruddr_api_enabled:
            return _error(route.api, 423, request)
        limit_key = token if route.api == "zendesk_sell" else state.dataset.ruddr_workspace["id"]
        if not state.rate_limiter.allow(route.api, limit_key):
            return _error(route.api, 429, request)
        state.mutations.apply_due(state.dataset, request.normalized_path)
        return route.handler(request, *route.args)


def _error(api: str, status: int, request: Request, headers: tuple = ()) -> Response:
    if api == "zendesk_sell":
        return zendesk_error(status, request.request_id, headers=headers)
    return ruddr_error(status, headers=headers)


def _accepts_json(accept: str | None) -> bool:
    if not accept or not accept.strip():
        return True
    return any(part.split(";")[0].strip().lower() in ACCEPTABLE for part in accept.split(","))
