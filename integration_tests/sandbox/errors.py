"""Error bodies exactly as each API documents them.

Zendesk Sell: ``{"errors": [{"error": {code, message, details}, "meta": {...}}], "meta":
{"type": "errors", "http_status": "401 Unauthorized", "logref": <X-Request-Id>, ...}}``.
Ruddr: ``{"status": 401, "message": "..."}`` (plus ``errors`` on validation failures).
502 and 504 come from the gateway in front of either API, so they are HTML.
"""

from http import HTTPStatus

from .responses import Response, json_response

ZENDESK_ERRORS_DOC = "https://developer.zendesk.com/api-reference/sales-crm/errors/"

# status -> (code, message, details)
ZENDESK_CODES = {
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

RUDDR_MESSAGES = {
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

GATEWAY_STATUSES = (502, 504)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def zendesk_error(status: int, request_id: str, details: str | None = None,
                  headers: tuple[tuple[str, str], ...] = ()) -> Response:
    if status in GATEWAY_STATUSES:
        return gateway_error(status, headers)
    phrase = _phrase(status)
    code, message, default_details = ZENDESK_CODES.get(status, (phrase.lower().replace(" ", "_"), phrase, phrase))
    links = {"more_info": ZENDESK_ERRORS_DOC}
    body = {
        "errors": [{"error": {"code": code, "message": message, "details": details or default_details},
                    "meta": {"type": "error", "links": links}}],
        "meta": {"type": "errors", "http_status": f"{status} {phrase}", "logref": request_id, "links": links},
    }
    return json_response(status, body, headers)


def ruddr_error(status: int, message: str | None = None, errors: list[str] | None = None,
                headers: tuple[tuple[str, str], ...] = ()) -> Response:
    if status in GATEWAY_STATUSES:
        return gateway_error(status, headers)
    body = {"status": status, "message": message or RUDDR_MESSAGES.get(status, _phrase(status))}
    if errors is not None:
        body["errors"] = errors
    return json_response(status, body, headers)


def gateway_error(status: int, headers: tuple[tuple[str, str], ...] = ()) -> Response:
    title = f"{status} {_phrase(status)}"
    html = (f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n"
            f"<center><h1>{title}</h1></center>\r\n</body>\r\n</html>\r\n")
    return Response(status, html.encode(), "text/html", headers)
