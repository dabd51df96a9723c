"""The HTTP layer: a threading HTTP/1.1 server with keep-alive and Nagle's algorithm off.

Each response is written with one ``send`` (head and body together); nothing is logged per
request. Transport faults are carried out here: ``drop`` closes the connection without an
answer, ``truncate`` announces the whole body but sends half of it and closes.
"""

import socket
import sys
import time
import traceback
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .app import Application, new_request_id
from .request import Request
from .responses import Response, json_response

SERVER_HEADER = "source-stages-sandbox"


class SandboxServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def __init__(self, address: tuple[str, int], app: Application):
        super().__init__(address, SandboxRequestHandler)
        self.app = app

    def handle_error(self, request, client_address) -> None:
        # A client that hangs up (timeouts, dropped-connection faults) is normal here.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class SandboxRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: SandboxServer

    def log_message(self, format, *args) -> None:
        pass

    def do_GET(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        path, _, query = self.path.partition("?")
        host = self.headers.get("Host") or "%s:%d" % self.server.server_address[:2]
        request = Request(self.command, path, query, self.headers, body, host, new_request_id())
        try:
            response = self.server.app.handle(request)
        except Exception:
            traceback.print_exc()
            response = json_response(500, {"status": 500, "message": "sandbox bug; see its stderr"})
        self._send(response, request.request_id)

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    def _send(self, response: Response, request_id: str) -> None:
        if response.transport == "drop":
            self._hang_up()
            return
        body = response.body
        head = [f"HTTP/1.1 {response.status} {_phrase(response.status)}",
                f"Date: {_http_date()}",
                f"Server: {SERVER_HEADER}",
                f"X-Request-Id: {request_id}"]
        if response.status != 204:
            head.append(f"Content-Length: {len(body)}")
        if response.content_type:
            head.append(f"Content-Type: {response.content_type}")
            head.append("Content-Language: en")
        head.extend(f"{name}: {value}" for name, value in response.headers)
        if self.close_connection:
            head.append("Connection: close")
        if response.transport == "truncate":
            body = body[:len(body) // 2]
        self.wfile.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
        if response.transport == "truncate":
            self._hang_up()

    def _hang_up(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


_date_cache = (0, "")


def _http_date() -> str:
    """The ``Date`` header's value, formatted at most once a second."""
    global _date_cache
    second = int(time.time())
    if _date_cache[0] != second:
        _date_cache = (second, formatdate(second, usegmt=True))
    return _date_cache[1]


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"
