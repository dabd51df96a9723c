"""Reads shared within one sync: the unified `stages` stream reuses what the raw streams read.

When the catalog selects `stages`, each raw stream keeps the records of a read that went from
the first page to the last (after the connector's own filters, before the incremental cut), and
`stages` takes them instead of requesting the same pages again. A read that resumed from a page
token is incomplete and not kept. Without `stages` in the catalog nothing is kept, so a large
read holds no records in memory.
"""

from typing import Any, Dict, List, Mapping, Optional

Records = List[Mapping[str, Any]]


class SharedReads:
    def __init__(self, keep: bool = False):
        self.keep = keep
        self._complete: Dict[str, Records] = {}

    def recorder(self, stream_name: str) -> "ReadRecorder":
        return ReadRecorder(self, stream_name)

    def complete_read(self, stream_name: str) -> Optional[Records]:
        """The records of a complete read of this stream in this sync, or None."""
        return self._complete.get(stream_name)

    def _publish(self, stream_name: str, records: Records) -> None:
        self._complete[stream_name] = records


class ReadRecorder:
    """One stream's side: `first_page()`, `add(records)` per page, `last_page()`."""

    def __init__(self, shared: SharedReads, stream_name: str):
        self._shared = shared
        self._stream_name = stream_name
        self._records: Optional[Records] = None  # None: not recording

    def first_page(self) -> None:
        self._records = [] if self._shared.keep else None

    def add(self, records: Records) -> None:
        if self._records is not None:
            self._records.extend(records)

    def last_page(self) -> None:
        if self._records is not None:
            self._shared._publish(self._stream_name, self._records)
            self._records = None
