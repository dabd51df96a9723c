"""One API request, start to finish, in the order a real gateway and API would decide it:

scripted fault -> unknown path (404) / method (405) -> the API's own refusals (Zendesk Sell:
``Accept`` 406, then the bearer token 401; Ruddr: the bearer token 401, then API access 423) ->
rate limit (429) -> scripted data change -> handler.

A fault either replaces that (``status``, ``drop``; ``slow`` waits first), or, with
``serve_first``, comes after it: the request is carried out and then its answer is lost or late
(``malformed_json`` and ``truncated`` always mangle the real answer). Every API request is logged;
control-plane requests (``/_sandbox/...``) are not. A ``slow`` request still waiting when the
sandbox is reset is neither carried out nor logged afterwards: the reset state is the next test's.
"""

import time
import uuid

from .control import ControlPlane
from .faults import Fault
from .request import Request
from .resources import RESOURCES
from .responses import Response
from .routes import Route, Router
from .state import SandboxState


def new_request_id() -> str:
    return str(uuid.uuid4())


class Application:
    def __init__(self, state: SandboxState):
        self.state = state
        self._router = Router(RESOURCES)
        self._control = ControlPlane(state)

    def handle(self, request: Request) -> Response:
        if request.segments[:1] == ["_sandbox"]:
            return self._control.handle(request)
        resets = self.state.resets
        response = self._handle_api(request, resets)
        self.state.log.record(resets, request.method, request.path, request.query,
                              None if response.transport == "drop" else response.status, request.body)
        return response

    def _handle_api(self, request: Request, resets: int) -> Response:
        route = self._router.resolve(request.method, request.segments)
        fault = self.state.faults.take(request.method, request.normalized_path)
        if fault is None:
            return self._serve(route, request)
        if not fault.serve_first:
            if fault.kind == "slow":
                time.sleep(fault.delay)
                if self.state.resets != resets:  # the sandbox was reset meanwhile: the next test's data
                    return Response(0, transport="drop")
                return self._serve(route, request)
            return _failure(fault, route, request)
        response = self._serve(route, request)
        if fault.kind == "malformed_json":
            return Response(response.status, response.body[:len(response.body) // 2], response.content_type,
                            response.headers)
        if fault.kind == "truncated":
            return Response(response.status, response.body, response.content_type, response.headers, "truncate")
        if fault.kind == "slow":
            time.sleep(fault.delay)
            return response
        return _failure(fault, route, request)

    def _serve(self, route: Route, request: Request) -> Response:
        state, api = self.state, route.api
        if route.handler is None:
            return api.error(405 if route.path_known else 404, request)
        refusal = api.refusal(request, state)
        if refusal is not None:
            return api.error(refusal, request)
        if not state.rate_limiter.allow(api, request):
            return api.error(429, request)
        state.mutations.apply_due(state.dataset, request.normalized_path)
        return route.handler(state, request, *route.args)


def _failure(fault: Fault, route: Route, request: Request) -> Response:
    """The answer of a ``status`` or ``drop`` fault."""
    if fault.kind == "drop":
        return Response(0, transport="drop")
    headers = (("Retry-After", fault.retry_after),) if fault.retry_after is not None else ()
    return route.api.error(fault.status, request, headers=headers)
