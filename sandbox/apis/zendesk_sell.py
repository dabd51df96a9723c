"""Zendesk Sell: what every resource shares.

An ``Accept`` without JSON is refused (406) before the bearer token is checked (401). The rate
limit is 10 requests/s per access token. Records are in ``id`` order. Error bodies as the errors
page documents them: ``{"errors": [{"error": {code, message, details}, "meta": {...}}], "meta":
{"type": "errors", "http_status": "401 Unauthorized", "logref": <X-Request-Id>, ...}}``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..request import Request
from ..responses import GATEWAY_STATUSES, Response, gateway_error, json_response, phrase
from .base import EmulatedApi

if TYPE_CHECKING:
    from ..state import SandboxState

ACCEPTABLE = ("*/*", "application/*", "application/json")
ERRORS_DOC = "https://developer.zendesk.com/api-reference/sales-crm/errors/"

# status -> (code, message, details)
CODES = {
    400: ("invalid_param", "Invalid parameter", "A query parameter is invalid."),
    401: ("unauthorized", "Unauthorized", "Required access token is missing, malformed, expired, or invalid."),
    403: ("insufficient_scope", "Forbidden", "The access token does not have the scope this request requires."),
    404: ("not_found", "Not Found", "Requested path was not found."),
    406: ("not_acceptable", "Not Acceptable", "The only supported media type is application/json."),
    422: ("incorrect_payload", "Unprocessable Entity", "The request payload is invalid."),
    429: ("rate_limit_exceeded", "Too Many Requests",
          "Rate limit exceeded: 36,000 requests per hour (10 per second) per access token."),
    500: ("server_error", "Internal Server Error", "The server encountered an unexpected error."),
    503: ("temporarily_unavailable", "Service Unavailable", "The service is temporarily unavailable."),
}


class ZendeskSell(EmulatedApi):
    name = "zendesk_sell"
    bucket = (10, 10.0)

    def order_key(self, row: dict) -> Any:
        return row["id"]

    def refusal(self, request: Request, state: SandboxState) -> int | None:
        if not _accepts_json(request.headers.get("Accept")):
            return 406
        return EmulatedApi.refusal(self, request, state)

    def rate_limit_key(self, request: Request) -> str:
        return request.bearer_token()

    def error(self, status: int, request: Request, message: str | None = None,
              headers: tuple[tuple[str, str], ...] = ()) -> Response:
        if status in GATEWAY_STATUSES:
            return gateway_error(status, headers)
        status_phrase = phrase(status)
        code, title, default_details = CODES.get(status, (status_phrase.lower().replace(" ", "_"), status_phrase,
                                                          status_phrase))
        links = {"more_info": ERRORS_DOC}
        body = {
            "errors": [{"error": {"code": code, "message": title, "details": message or default_details},
                        "meta": {"type": "error", "links": links}}],
            "meta": {"type": "errors", "http_status": f"{status} {status_phrase}", "logref": request.request_id,
                     "links": links},
        }
        return json_response(status, body, headers)


ZENDESK_SELL = ZendeskSell()


def _accepts_json(accept: str | None) -> bool:
    if not accept or not accept.strip():
        return True
    return any(part.split(";")[0].strip().lower() in ACCEPTABLE for part in accept.split(","))
