"""What a handler returns: status, body bytes, content type, extra headers, transport mishaps."""

import json
from dataclasses import dataclass

JSON = "application/json; charset=utf-8"


@dataclass(slots=True)
class Response:
    status: int
    body: bytes = b""
    content_type: str | None = JSON
    headers: tuple[tuple[str, str], ...] = ()
    # "drop": close the connection without answering; "truncate": announce the full
    # Content-Length, send half the body, close.
    transport: str | None = None


def encode_json(payload) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def json_response(status: int, payload, headers: tuple[tuple[str, str], ...] = ()) -> Response:
    return Response(status, encode_json(payload), JSON, headers)
