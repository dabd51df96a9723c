"""The request log: every API request's method, path, raw query, status, arrival time and body.

``status`` is what the client got (null for a dropped connection). ``body`` is the request's JSON
body (its text if it is not JSON; null without one), so a test can see what a client wrote.
Kept in memory for the control plane (the oldest entries are dropped beyond ``LIMIT``) and,
with ``--request-log FILE``, appended to FILE as JSON lines.

A request that began before the sandbox's last reset is not logged (``epoch``): a slow answer of
one test must not land in the log of the next.
"""

import json
import threading
import time
from collections import deque

LIMIT = 1_000_000


class RequestLog:
    def __init__(self, path: str | None = None):
        self._entries: deque[tuple] = deque(maxlen=LIMIT)
        self._lock = threading.Lock()
        self._file = open(path, "a", encoding="utf-8", buffering=1) if path else None
        self._epoch = 0

    def record(self, epoch: int, method: str, path: str, query: str, status: int | None, body: bytes) -> None:
        """Log a request that began in `epoch` (the sandbox's reset count then), unless a reset came since."""
        entry = (method, path, query, status, time.time(), body)
        with self._lock:
            if epoch != self._epoch:
                return
            self._entries.append(entry)
            if self._file is not None:
                self._file.write(json.dumps(self._as_dict(entry), ensure_ascii=False) + "\n")

    def entries(self, method: str | None = None, path: str | None = None) -> list[dict]:
        """The entries, oldest first; only those with this method and/or path if given."""
        return [self._as_dict(entry) for entry in list(self._entries)
                if (method is None or entry[0] == method) and (path is None or entry[1] == path)]

    def clear(self, epoch: int | None = None) -> None:
        """Empty the log; with `epoch` (a reset), requests begun before it are not logged any more."""
        with self._lock:
            self._entries.clear()
            if epoch is not None:
                self._epoch = epoch

    @staticmethod
    def _as_dict(entry: tuple) -> dict:
        method, path, query, status, at, body = entry
        return {"method": method, "path": path, "query": query, "status": status, "time": at,
                "body": _decode(body)}


def _decode(body: bytes):
    if not body:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return body.decode("utf-8", "replace")
