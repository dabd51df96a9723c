"""``Sandbox``: start the sandbox as a real process, talk to its control plane, stop it.

    with Sandbox.start(dataset="default", rate_limits=False) as sb:
        sb.url, sb.zendesk_base_url, sb.ruddr_base_url
        sb.add_fault(path="/v2/stages", kind="status", status=429, times=2)
        sb.requests(method="POST", path="/api/workspace/opportunity-stages")
"""

import http.client
import json
import os
import pathlib
import selectors
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any
from urllib.parse import urlencode

from .credentials import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN
from .resources import zendesk_sell_stages

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]
READY_PREFIX = "Sandbox listening on "


class SandboxError(RuntimeError):
    pass


class Sandbox:
    def __init__(self, process: subprocess.Popen, url: str, stderr_file):
        self.process = process
        self.url = url
        self._stderr_file = stderr_file
        self._control: http.client.HTTPConnection | None = None
        self._control_lock = threading.Lock()

    @classmethod
    def start(cls, dataset: str = "default", zendesk_token: str = DEFAULT_ZENDESK_TOKEN,
              ruddr_key: str = DEFAULT_RUDDR_KEY, rate_limits: bool = False, faults: tuple[str, ...] = (),
              request_log: str | os.PathLike | None = None, port: int = 0, timeout: float = 30.0) -> "Sandbox":
        """Start ``python -m sandbox`` and wait until it listens.

        ``faults`` are command-line specs (``"/v2/stages,status=429,times=2"``)."""
        command = [sys.executable, "-m", "sandbox", "--port", str(port), "--dataset", dataset,
                   "--zendesk-token", zendesk_token, "--ruddr-key", ruddr_key]
        if rate_limits:
            command.append("--rate-limits")
        for spec in faults:
            command += ["--fault", spec]
        if request_log is not None:
            command += ["--request-log", os.fspath(request_log)]
        python_path = os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "PYTHONPATH": python_path, "PYTHONUNBUFFERED": "1"}
        stderr_file = tempfile.TemporaryFile()
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=stderr_file)
        try:
            url = _wait_until_listening(process, timeout)
        except SandboxError as error:
            process.kill()
            process.wait()
            stderr_file.seek(0)
            raise SandboxError(f"{error}\n{stderr_file.read().decode(errors='replace')}") from None
        return cls(process, url, stderr_file)

    # ------------------------------------------------------------------ process
    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    @property
    def zendesk_base_url(self) -> str:
        return self.url

    @property
    def ruddr_base_url(self) -> str:
        return self.url + "/api/workspace"

    def stop(self, timeout: float = 5.0) -> None:
        """SIGTERM, then wait; kill only if it does not exit in ``timeout`` seconds."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._control is not None:
            self._control.close()
            self._control = None
        if self.process.stdout:
            self.process.stdout.close()
        self._stderr_file.close()

    def stderr(self) -> str:
        """What the process wrote to stderr so far (tracebacks of sandbox bugs, failed mutations)."""
        self._stderr_file.seek(0)
        return self._stderr_file.read().decode(errors="replace")

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    # ------------------------------------------------------------ control plane
    def reset(self) -> None:
        self._call("POST", "/reset")

    def requests(self, method: str | None = None, path: str | None = None) -> list[dict]:
        """The request log, oldest first (only requests with this method and/or path, if given)."""
        filters = {name: value for name, value in (("method", method), ("path", path)) if value is not None}
        return self._call("GET", "/requests" + (f"?{urlencode(filters)}" if filters else ""))

    def clear_requests(self) -> None:
        self._call("DELETE", "/requests")

    def add_fault(self, path: str, kind: str = "status", status: int | None = None, times: int | None = 1,
                  retry_after: int | str | None = None, after: int = 0, delay: float = 0.0,
                  method: str | None = None, serve_first: bool = False) -> None:
        self._call("POST", "/faults", {"path": path, "kind": kind, "status": status, "times": times,
                                       "retry_after": retry_after, "after": after, "delay": delay, "method": method,
                                       "serve_first": serve_first})

    def faults(self) -> list[dict]:
        return self._call("GET", "/faults")

    def clear_faults(self) -> None:
        self._call("DELETE", "/faults")

    def set_rate_limits(self, enabled: bool) -> None:
        self._call("PUT", "/rate-limits", {"enabled": enabled})

    def data(self) -> dict:
        return self._call("GET", "/data")

    def add_mutation(self, path: str, after: int = 1, action: str = "insert", record: dict | None = None,
                     id: Any = None) -> dict:
        return self._call("POST", "/mutations", {"path": path, "after": after, "action": action,
                                                 "record": record, "id": id})

    def mutations(self) -> list[dict]:
        return self._call("GET", "/mutations")

    def change_data(self, path: str, action: str = "insert", record: dict | None = None, id: Any = None) -> dict:
        """Insert, update or delete a record of the list at ``path`` now (as ``add_mutation`` would
        later); returns that record."""
        return self._call("POST", "/data", {"path": path, "action": action, "record": record, "id": id})

    def update_zendesk_stage(self, stage_id: int, **fields) -> dict:
        """Change fields of a Zendesk Sell stage now, moving its updated_at forward."""
        return self.change_data(zendesk_sell_stages.RESOURCE.path, "update", fields, stage_id)

    def set_token(self, api: str, value: str) -> None:
        """``api``: "zendesk_sell" or "ruddr"; the old token is refused from now on (401)."""
        self._call("PUT", f"/tokens/{api}", {"value": value})

    def set_ruddr_api_access(self, enabled: bool) -> None:
        """False: every Ruddr call is answered 423 (API access disabled for the workspace)."""
        self._call("PUT", "/ruddr-api-access", {"enabled": enabled})

    def _call(self, method: str, path: str, body: dict | None = None):
        """One control-plane call over a kept-alive connection (tests make many of them)."""
        data = json.dumps(body).encode() if body is not None else None
        with self._control_lock:
            if self._control is None:
                self._control = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self._control.request(method, f"/_sandbox{path}", body=data,
                                      headers={"Content-Type": "application/json"})
                response = self._control.getresponse()
                payload = response.read()
            except (OSError, http.client.HTTPException) as error:
                self._control.close()
                self._control = None
                raise SandboxError(f"{method} /_sandbox{path}: {error!r} (is the sandbox still running?)") from None
        if response.status >= 400:
            raise SandboxError(f"{method} /_sandbox{path}: {response.status} {payload.decode(errors='replace')}")
        return json.loads(payload)


def _wait_until_listening(process: subprocess.Popen, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise SandboxError(f"the sandbox did not start within {timeout} s")
            if not selector.select(remaining):
                continue
            line = process.stdout.readline().decode(errors="replace")
            if not line:
                raise SandboxError(f"the sandbox exited with code {process.wait()} before listening")
            if line.startswith(READY_PREFIX):
                return line[len(READY_PREFIX):].split()[0]
    finally:
        selector.close()
