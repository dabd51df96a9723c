"""The request log: every API request's method, path, raw query and status (and arrival time).

Kept in memory for the control plane (the oldest entries are dropped beyond ``LIMIT``) and,
with ``--request-log FILE``, appended to FILE as JSON lines.
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

    def record(self, method: str, path: str, query: str, status: int | None) -> None:
        entry = (method, path, query, status, time.time())
        self._entries.append(entry)
        if self._file is not None:
            with self._lock:
                self._file.write(json.dumps(self._as_dict(entry), ensure_ascii=False) + "\n")

    def entries(self) -> list[dict]:
        return [self._as_dict(entry) for entry in list(self._entries)]

    def clear(self) -> None:
        self._entries.clear()

    @staticmethod
    def _as_dict(entry: tuple) -> dict:
        method, path, query, status, at = entry
        return {"method": method, "path": path, "query": query, "status": status, "time": at}
