"""Reads shared within one sync: the unified `stages` stream reuses what the list streams read.

When the catalog selects `stages`, each list stream keeps the records of a read that went from
the first page to the last (after the connector's own filters, before the incremental cut), and
`stages` takes them instead of requesting the same pages again. The streams are read at the same
time, so `stages` first waits for the list streams this sync reads to finish (whether or not they
succeed). A read that resumed from a page token is incomplete and not kept; a list stream this
sync does not select, or whose read failed, `stages` reads itself. Without `stages` in the catalog
nothing is kept, so a large read holds no records in memory.
"""

import threading
from collections.abc import Iterable

from stage_apis.pagination import Records


class SharedReads:
    def __init__(self, keep: bool = False, reading: Iterable[str] = ()):
        """`keep`: whether list streams keep their records; `reading`: the streams this sync reads."""
        self.keep = keep
        self._complete: dict[str, Records] = {}
        self._finished = {stream_name: threading.Event() for stream_name in reading}

    def recorder(self, stream_name: str) -> "ReadRecorder":
        return ReadRecorder(self, stream_name)

    def finished(self, stream_name: str) -> None:
        """This sync's read of the stream is over, complete or not."""
        if stream_name in self._finished:
            self._finished[stream_name].set()

    def complete_read(self, stream_name: str) -> Records | None:
        """The records of a complete read of this stream in this sync, or None; waits for a read of
        it that this sync is still doing."""
        if stream_name in self._finished:
            self._finished[stream_name].wait()
        return self._complete.get(stream_name)

    def _publish(self, stream_name: str, records: Records) -> None:
        self._complete[stream_name] = records


class ReadRecorder:
    """One stream's side: `first_page()`, `add(records)` per page, `last_page()`."""

    def __init__(self, shared: SharedReads, stream_name: str):
        self._shared = shared
        self._stream_name = stream_name
        self._records: Records | None = None  # None: not recording

    def first_page(self) -> None:
        self._records = [] if self._shared.keep else None

    def add(self, records: Records) -> None:
        if self._records is not None:
            self._records.extend(records)

    def last_page(self) -> None:
        if self._records is not None:
            self._shared._publish(self._stream_name, self._records)
            self._records = None
