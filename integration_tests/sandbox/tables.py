"""Record tables: rows kept in the API's natural order, looked up by id, changed by mutations.

A table starts either from a list or from ``LazyRows`` (rows computed from their index, so a
``large:1000000`` dataset costs nothing at startup). Every change builds a new list. Filtered
or re-sorted views are computed once per data version and cached.
"""

import json
import queue
import threading
from collections.abc import Callable, Hashable, Sequence
from typing import Any

Row = dict[str, Any]


class LazyRows(Sequence):
    """``count`` rows made on demand from their index; ``index_of(id)`` maps an id back.

    ``row_json(index)`` is the one source of a row: list pages use the JSON text as is (fast:
    no dict is built or encoded), everything else parses it. After a window of rows is served
    as JSON, the next window of the same size is prepared by a background thread (read-ahead),
    so a client paging forward finds its next page ready while it is still busy with this one.
    """

    READ_AHEAD_WINDOWS = 8

    def __init__(self, count: int, row_json: Callable[[int], str], index_of: Callable[[Any], int | None]):
        self._count = count
        self._row_json = row_json
        self._index_of = index_of
        self._ready: dict[tuple[int, int], list[str]] = {}

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, item):
        if isinstance(item, slice):
            return [json.loads(self._row_json(i)) for i in range(*item.indices(self._count))]
        if item < 0:
            item += self._count
        if not 0 <= item < self._count:
            raise IndexError(item)
        return json.loads(self._row_json(item))

    def json_slice(self, window: slice) -> list[str]:
        start, stop, step = window.indices(self._count)
        if step != 1 or start >= stop:
            return [self._row_json(i) for i in range(start, stop, step)]
        rows = self._ready.pop((start, stop), None)
        if rows is None:
            rows = self._build(start, stop)
        if stop < self._count:
            _read_ahead.schedule(self, stop, min(self._count, 2 * stop - start))
        return rows

    def prepare(self, start: int, stop: int) -> None:
        if (start, stop) in self._ready:
            return
        if len(self._ready) >= self.READ_AHEAD_WINDOWS:  # drop the oldest unclaimed window
            self._ready.pop(next(iter(self._ready)), None)
        self._ready[(start, stop)] = self._build(start, stop)

    def _build(self, start: int, stop: int) -> list[str]:
        return [self._row_json(i) for i in range(start, stop)]

    def index_of(self, row_id: Any) -> int | None:
        index = self._index_of(row_id)
        return index if index is not None and 0 <= index < self._count else None


class _ReadAhead:
    """One background thread preparing windows of lazy rows; at most a few pending at a time."""

    MAX_PENDING = 8

    def __init__(self):
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._pending = 0
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def schedule(self, rows: "LazyRows", start: int, stop: int) -> None:
        with self._lock:
            if self._pending >= self.MAX_PENDING:
                return
            self._pending += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="sandbox-read-ahead", daemon=True)
                self._thread.start()
        self._queue.put((rows, start, stop))

    def _work(self) -> None:
        while True:
            rows, start, stop = self._queue.get()
            rows.prepare(start, stop)
            with self._lock:
                self._pending -= 1


_read_ahead = _ReadAhead()


def rows_as_json(rows: Sequence[Row], window: slice) -> list[str]:
    """The JSON text of ``rows[window]``, one string per row."""
    if isinstance(rows, LazyRows):
        return rows.json_slice(window)
    return [encode_row(row) for row in rows[window]]


def encode_row(row: Row) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


class Table:
    """Rows of one resource, always in natural order (``order_key``, optionally descending)."""

    def __init__(self, rows: Sequence[Row], order_key: Callable[[Row], Any], descending: bool = False):
        self._rows = rows
        self._order_key = order_key
        self._descending = descending
        self._positions: dict[Any, int] | None = None
        self._views: dict[Hashable, list[Row]] = {}
        self.version = 0

    @property
    def rows(self) -> Sequence[Row]:
        return self._rows

    @property
    def order_key(self) -> Callable[[Row], Any]:
        return self._order_key

    @property
    def descending(self) -> bool:
        return self._descending

    def get(self, row_id: Any) -> Row | None:
        position = self._position(row_id)
        return None if position is None else self._rows[position]

    def first(self) -> Row | None:
        return self._rows[0] if len(self._rows) else None

    def view(self, key: Hashable, build: Callable[[], list[Row]]) -> list[Row]:
        """A derived row list (filtered/sorted), cached until the table changes."""
        cached = self._views.get(key)
        if cached is None:
            if len(self._views) > 64:
                self._views.clear()
            cached = self._views[key] = build()
        return cached

    def insert(self, row: Row) -> Row:
        if self.get(row["id"]) is not None:
            raise ValueError(f"id {row['id']!r} already exists")
        rows = [*self._rows, row]
        rows.sort(key=self._order_key, reverse=self._descending)
        self._replace(rows)
        return row

    def delete(self, row_id: Any) -> Row:
        position = self._position(row_id)
        if position is None:
            raise KeyError(row_id)
        rows = list(self._rows)
        row = rows.pop(position)
        self._replace(rows)
        return row

    def update(self, row_id: Any, fields: Row) -> Row:
        position = self._position(row_id)
        if position is None:
            raise KeyError(row_id)
        rows = list(self._rows)
        rows[position] = {**rows[position], **fields}
        rows.sort(key=self._order_key, reverse=self._descending)
        self._replace(rows)
        return self.get(row_id)

    def _position(self, row_id: Any) -> int | None:
        if isinstance(self._rows, LazyRows):
            return self._rows.index_of(row_id)
        if self._positions is None:
            self._positions = {row["id"]: i for i, row in enumerate(self._rows)}
        return self._positions.get(row_id)

    def _replace(self, rows: list[Row]) -> None:
        # Copy on write: a request that already holds the old rows keeps a consistent list.
        self._rows = rows
        self._positions = None
        self._views = {}
        self.version += 1
