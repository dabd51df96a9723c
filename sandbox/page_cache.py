"""Finished response bodies of list pages, so a repeated page costs a dictionary lookup.

Keys carry the dataset generation and the table version, so a change never serves a stale page.
The oldest entries go first once the cache holds more than ``MAX_BYTES``.
"""

import threading
from collections import OrderedDict
from collections.abc import Hashable

MAX_BYTES = 128 * 1024 * 1024


class PageCache:
    def __init__(self, max_bytes: int = MAX_BYTES):
        self._entries: OrderedDict[Hashable, bytes] = OrderedDict()
        self._size = 0
        self._max_bytes = max_bytes
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> bytes | None:
        return self._entries.get(key)

    def put(self, key: Hashable, body: bytes) -> None:
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = body
            self._size += len(body)
            while self._size > self._max_bytes and self._entries:
                _, evicted = self._entries.popitem(last=False)
                self._size -= len(evicted)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = 0
