"""``python -m sandbox``: parse the flags, build the state, serve until stopped.

The first line on stdout is ``Sandbox listening on http://HOST:PORT`` (with ``--port 0``, the
port the system picked); ``Sandbox.start`` waits for it. SIGTERM and Ctrl-C stop it cleanly.
"""

import argparse
import signal
import sys

from . import datasets
from .app import Application
from .credentials import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN
from .faults import Fault
from .server import SandboxServer
from .state import SandboxConfig, SandboxState


def parse_args(argv: list[str] | None = None) -> tuple[SandboxConfig, str, int]:
    parser = argparse.ArgumentParser(
        prog="python -m sandbox",
        description="A local emulator of the Zendesk Sell and Ruddr stage/pipeline APIs.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (0 = pick a free one; default 8000)")
    parser.add_argument("--dataset", default="default", help="'default' or 'large:N' (default: default)")
    parser.add_argument("--zendesk-token", default=DEFAULT_ZENDESK_TOKEN,
                        help="the Zendesk Sell bearer token to accept (default: the documented sandbox token)")
    parser.add_argument("--ruddr-key", default=DEFAULT_RUDDR_KEY,
                        help="the Ruddr API key to accept (default: the documented sandbox key)")
    parser.add_argument("--rate-limits", action="store_true",
                        help="enforce Zendesk Sell 10 req/s per token and Ruddr 20 req/s, burst 60")
    parser.add_argument("--fault", action="append", default=[], metavar="SPEC",
                        help="[METHOD ]PATH,key=value,... e.g. /v2/stages,status=429,times=2 or "
                             "'POST /api/workspace/opportunity-stages,kind=drop,serve_first=true' (repeatable)")
    parser.add_argument("--request-log", metavar="FILE", help="also append every API request to FILE as JSON lines")
    args = parser.parse_args(argv)
    try:
        datasets.load(args.dataset)
        faults = tuple(_fault_values(Fault.from_spec(spec)) for spec in args.fault)
    except ValueError as error:
        parser.error(str(error))
    config = SandboxConfig(dataset=args.dataset, zendesk_token=args.zendesk_token, ruddr_key=args.ruddr_key,
                           rate_limits=args.rate_limits, faults=faults, request_log=args.request_log)
    return config, args.host, args.port


def _fault_values(fault: Fault) -> dict:
    return {key: value for key, value in fault.to_dict().items() if key not in ("seen", "fired")}


def _stop(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> None:
    config, host, port = parse_args(argv)
    try:
        server = SandboxServer((host, port), Application(SandboxState(config)))
    except OSError as error:  # port in use, request log not writable
        sys.exit(f"sandbox: cannot start: {error}")
    url = "http://%s:%d" % server.server_address[:2]
    try:
        # Installed inside the try: a SIGTERM right after the ready line must still end cleanly.
        signal.signal(signal.SIGTERM, _stop)
        print(f"Sandbox listening on {url} (dataset {config.dataset})\n"
              f"  Zendesk Sell base URL: {url}\n"
              f"  Ruddr base URL:        {url}/api/workspace\n"
              f"  control plane:         {url}/_sandbox/", flush=True)
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    sys.exit(0)
