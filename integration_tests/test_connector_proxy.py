"""The proxy environment variables (set in this process for the run): HTTP_PROXY sends every request
through the proxy and NO_PROXY exempts the API's host (requests reads them for every request)."""

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from sandbox.connectors import sandbox_config
from test_support.runs import MESSAGES_ONLY, run_connector
from test_support.streams import STAGE_STREAMS

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection"}


class ForwardProxy(ThreadingHTTPServer):
    """A plain-HTTP forward proxy that remembers the absolute URLs it was asked for."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.urls: list = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        target = urlsplit(self.path)  # a proxy is sent the absolute URL
        self.server.urls.append(self.path)
        upstream = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        upstream.request("GET", f"{target.path}?{target.query}" if target.query else target.path, headers=headers)
        response = upstream.getresponse()
        body = response.read()
        self.send_response(response.status)
        for key, value in response.getheaders():
            if key.lower() not in HOP_BY_HOP | {"content-length"}:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        upstream.close()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def proxy():
    server = ForwardProxy()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def proxy_env(proxy_url: str, no_proxy: str) -> dict:
    return {"HTTP_PROXY": proxy_url, "http_proxy": proxy_url, "NO_PROXY": no_proxy, "no_proxy": no_proxy}


def test_every_request_goes_through_http_proxy(sandbox_factory, proxy) -> None:
    sb = sandbox_factory(dataset="large:250")
    run = run_connector("read", sandbox_config(sb, page_size=100), STAGE_STREAMS, launcher=MESSAGES_ONLY.source.with_env(proxy_env(proxy.url, "")))
    assert run.exit_code == 0, run.stderr[-2000:]
    assert {s: len(run.records(s)) for s in STAGE_STREAMS} == {s: 250 for s in STAGE_STREAMS}
    sandbox_urls = [r for r in sb.requests() if r["path"].endswith("stages")]
    assert len(sandbox_urls) == 6  # ceil(250/100) pages per stream
    assert len(proxy.urls) == 6, proxy.urls
    assert all(url.startswith(sb.zendesk_base_url) for url in proxy.urls)


def test_no_proxy_exempts_the_api_host(sandbox_factory, proxy) -> None:
    sb = sandbox_factory(dataset="large:250")
    run = run_connector("read", sandbox_config(sb, page_size=100), STAGE_STREAMS, launcher=MESSAGES_ONLY.source.with_env(proxy_env(proxy.url, "127.0.0.1")))
    assert run.exit_code == 0, run.stderr[-2000:]
    assert {s: len(run.records(s)) for s in STAGE_STREAMS} == {s: 250 for s in STAGE_STREAMS}
    assert proxy.urls == []
