"""The control plane under ``/_sandbox/`` (no auth, never logged, never faulted or rate limited).

    GET    /_sandbox/health                      {"status": "ok", "dataset": ...}
    POST   /_sandbox/reset                       back to the starting state
    GET    /_sandbox/requests[?method=&path=]    the request log (only those entries); DELETE clears it
    GET    /_sandbox/faults                      POST adds one (Fault fields as JSON); DELETE clears
    GET    /_sandbox/rate-limits                 PUT {"enabled": bool}
    GET    /_sandbox/data                        every record of both APIs
    POST   /_sandbox/data                        {path, action, record, id}: change the data now; answers
                                                 the record inserted, updated or deleted (unknown id: 404)
    GET    /_sandbox/mutations                   POST adds one {path, action, after, record, id}; DELETE clears
    PUT    /_sandbox/tokens/{api}                {"value": "..."}: the token/key the API now accepts
    PUT    /_sandbox/ruddr-api-access            {"enabled": bool}: false answers Ruddr calls with 423

Bad input is a 400 ``{"error": "..."}``.
"""

import json
from urllib.parse import parse_qsl

from . import data_changes
from .faults import Fault
from .request import Request
from .responses import Response, json_response
from .state import SandboxState


class ControlError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class ControlPlane:
    def __init__(self, state: SandboxState):
        self._state = state

    def handle(self, request: Request) -> Response:
        try:
            return self._dispatch(request.method, request.segments[1:], request)
        except ControlError as error:
            return json_response(error.status, {"error": str(error)})
        except (ValueError, TypeError) as error:
            return json_response(400, {"error": str(error)})

    def _dispatch(self, method: str, parts: list[str], request: Request) -> Response:
        state = self._state
        match method, parts:
            case "GET", ["health"]:
                return json_response(200, {"status": "ok", "dataset": state.config.dataset})
            case "POST", ["reset"]:
                state.reset()
                return _ok()
            case "GET", ["requests"]:
                return json_response(200, state.log.entries(**_request_filter(request.query)))
            case "DELETE", ["requests"]:
                state.log.clear()
                return _ok()
            case "GET", ["faults"]:
                return json_response(200, state.faults.list())
            case "POST", ["faults"]:
                state.faults.add(Fault.from_dict(_object(request)))
                return _ok(201)
            case "DELETE", ["faults"]:
                state.faults.clear()
                return _ok()
            case "GET", ["rate-limits"]:
                return json_response(200, {"enabled": state.rate_limiter.enabled})
            case "PUT", ["rate-limits"]:
                state.rate_limiter.set_enabled(_flag(_object(request)))
                return _ok()
            case "GET", ["data"]:
                with state.lock:
                    return json_response(200, state.dataset.snapshot())
            case "POST", ["data"]:
                return json_response(200, self._change_data(_object(request)))
            case "GET", ["mutations"]:
                return json_response(200, state.mutations.list())
            case "POST", ["mutations"]:
                mutation = state.mutations.add(state.dataset, **_object(request))
                return json_response(201, mutation.to_dict())
            case "DELETE", ["mutations"]:
                state.mutations.clear()
                return _ok()
            case "PUT", ["tokens", api]:
                state.set_token(api, _object(request).get("value"))
                return _ok()
            case "PUT", ["ruddr-api-access"]:
                state.ruddr_api_enabled = _flag(_object(request))
                return _ok()
        raise ControlError(404, f"no control endpoint {method} {request.path}")

    def _change_data(self, body: dict) -> dict:
        with self._state.lock:
            change = data_changes.make(self._state.dataset, **body)
            try:
                return change.apply(self._state.dataset)
            except KeyError:
                raise ControlError(404, f"no record with id {change.id!r} behind {change.resource.path}") from None


def _object(request: Request) -> dict:
    try:
        value = json.loads(request.body or b"{}")
    except ValueError:
        raise ControlError(400, "the body is not valid JSON") from None
    if not isinstance(value, dict):
        raise ControlError(400, "the body must be a JSON object")
    return value


def _request_filter(query: str) -> dict:
    params = dict(parse_qsl(query))
    if "method" in params:
        params["method"] = params["method"].upper()
    unknown = set(params) - {"method", "path"}
    if unknown:
        raise ControlError(400, f"unknown request filter(s): {', '.join(sorted(unknown))}; filters: method, path")
    return params


def _flag(body: dict) -> bool:
    if not isinstance(body.get("enabled"), bool):
        raise ControlError(400, 'expected {"enabled": true|false}')
    return body["enabled"]


def _ok(status: int = 200) -> Response:
    return json_response(status, {"ok": True})
