"""Ruddr: what every resource shares.

Paths live under ``/api/workspace``. The bearer key is checked (401), then whether API access is
enabled for the workspace (423). The rate limit (20 requests/s, burst 60) is shared by the
workspace, so by every key. Records are newest first by ``createdAt`` (ties broken by ``id``, also
descending); ids are UUID v4. Error bodies as documented: ``{"status": 401, "message": "..."}``,
plus ``errors`` on validation failures.
"""

from __future__ import annotations

import json
import uuid
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..request import Request
from ..responses import GATEWAY_STATUSES, Response, gateway_error, json_response, phrase
from .base import EmulatedApi

if TYPE_CHECKING:
    from ..state import SandboxState

MESSAGES = {
    400: "There was a problem processing your request. See errors for more details.",
    401: "The provided bearer token is missing or invalid.",
    403: "This feature is not enabled for your workspace.",
    404: "The requested resource was not found.",
    405: "Method not allowed.",
    409: "The request conflicts with the current state of the resource.",
    423: "API access is disabled, please contact support for assistance.",
    429: "Too many requests",
    500: "An unexpected error occurred.",
    503: "The service is temporarily unavailable.",
}


class Ruddr(EmulatedApi):
    name = "ruddr"
    prefix = ("api", "workspace")
    bucket = (60, 20.0)
    descending = True

    def order_key(self, row: dict) -> Any:
        return row["createdAt"], row["id"]

    def refusal(self, request: Request, state: SandboxState) -> int | None:
        status = EmulatedApi.refusal(self, request, state)
        if status is None and not state.ruddr_api_enabled:
            return 423
        return status

    def rate_limit_key(self, request: Request) -> str:
        return "workspace"

    def error(self, status: int, request: Request, message: str | None = None,
              headers: tuple[tuple[str, str], ...] = (), errors: list[str] | None = None) -> Response:
        if status in GATEWAY_STATUSES:
            return gateway_error(status, headers)
        body = {"status": status, "message": message or MESSAGES.get(status, phrase(status))}
        if errors is not None:
            body["errors"] = errors
        return json_response(status, body, headers)


RUDDR = Ruddr()


def canonical_uuid(value: Any) -> str | None:
    """The lower-case hyphenated form of a UUID string, or None if it is not one."""
    if not isinstance(value, str) or len(value) != 36:
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def stable_uuid(seed: str) -> str:
    """A version-4-shaped UUID derived from ``seed`` (Ruddr ids are UUID v4)."""
    return str(uuid.UUID(bytes=uuid.uuid5(uuid.NAMESPACE_URL, seed).bytes, version=4))


def parse_body(raw: bytes) -> Any:
    """A write's JSON body (numbers with a fraction as Decimal, so decimal places can be counted);
    ValueError if it is not JSON."""
    return json.loads(raw or b"null", parse_float=Decimal, parse_constant=_reject_constant)


def _reject_constant(name: str):
    raise ValueError(f"{name} is not JSON")
