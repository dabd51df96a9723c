"""Transport guarantees: TLS verification is never turned off anywhere in the package, and the
connector announces itself with a User-Agent naming the connector and its version (seen by a
loopback server, since the sandbox's request log does not record headers)."""

import http.server
import re
import threading
from pathlib import Path

import source_stages
from sandbox import unique_credentials
from stage_apis.version import __version__
from test_support.runs import run_connector

PACKAGE = Path(source_stages.__file__).parent
DISABLING = re.compile(r"verify\s*=\s*False|CERT_NONE|disable_warnings|InsecureRequestWarning|check_hostname\s*=\s*False")


def test_no_source_file_disables_tls_verification() -> None:
    offenders = [str(path) for path in PACKAGE.rglob("*.py") if DISABLING.search(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_process_sends_a_user_agent_with_the_connector_name_and_version() -> None:
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.headers.get("User-Agent"))
            self.send_response(401)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"message": "unauthorized"}')

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    token, _ = unique_credentials()
    try:
        config = {"zendesk_sell": {"access_token": token, "base_url": f"http://127.0.0.1:{server.server_port}"}}
        run = run_connector("check", config, debug=True)
    finally:
        server.shutdown()
    assert run.connection_status["status"] == "FAILED"
    assert seen == [f"source-stages/{__version__}"]
    assert token not in run.output
