"""What a handler returns: status, body bytes, content type, extra headers, transport mishaps."""

import json
from dataclasses import dataclass
from http import HTTPStatus

JSON = "application/json; charset=utf-8"
GATEWAY_STATUSES = (502, 504)  # answered by the gateway in front of either API, as HTML


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


def phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def gateway_error(status: int, headers: tuple[tuple[str, str], ...] = ()) -> Response:
    title = f"{status} {phrase(status)}"
    html = (f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n"
            f"<center><h1>{title}</h1></center>\r\n</body>\r\n</html>\r\n")
    return Response(status, html.encode(), "text/html", headers)
