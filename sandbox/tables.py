"""Record tables: rows kept in the API's natural order, looked up by id, changed by mutations.

A table starts either from a list or from ``LazyRows`` (rows computed from their index, so a
``large:1000000`` dataset costs nothing at startup). Every change builds a new list. Filtered
or re-sorted views are computed once per data version and cached.
"""

import json
from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import Any

Row = dict[str, Any]


class LazyRows(Sequence):
    """``count`` rows made on demand from their index; ``index_of(id)`` maps an id back.

    ``rows_json(start, stop)`` (the UTF-8 JSON text of those rows) is the one source of a row:
    list pages use the text as is (fast: no dict is built or encoded), everything else parses it.
    """

    CHUNK = 1000  # rows parsed at a time when iterating

    def __init__(self, count: int, rows_json: Callable[[int, int], list[bytes]],
                 index_of: Callable[[Any], int | None]):
        self._count = count
        self._rows_json = rows_json
        self._index_of = index_of

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, item):
        if isinstance(item, slice):
            return [json.loads(text) for text in self.json_slice(item)]
        if item < 0:
            item += self._count
        if not 0 <= item < self._count:
            raise IndexError(item)
        return json.loads(self._rows_json(item, item + 1)[0])

    def __iter__(self) -> Iterator[Row]:
        for start in range(0, self._count, self.CHUNK):
            yield from self[start:start + self.CHUNK]

    def json_slice(self, window: slice) -> list[bytes]:
        start, stop, step = window.indices(self._count)
        if step == 1:
            return self._rows_json(start, max(start, stop))
        return [self._rows_json(i, i + 1)[0] for i in range(start, stop, step)]

    def index_of(self, row_id: Any) -> int | None:
        index = self._index_of(row_id)
        return index if index is not None and 0 <= index < self._count else None


def rows_as_json(rows: Sequence[Row], window: slice) -> list[bytes]:
    """The UTF-8 JSON text of ``rows[window]``, one ``bytes`` per row."""
    if isinstance(rows, LazyRows):
        return rows.json_slice(window)
    return [encode_row(row).encode() for row in rows[window]]


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

    def get(self, row_id: Any) -> Row | None:
        position = self.position(row_id)
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
        position = self.position(row_id)
        if position is None:
            raise KeyError(row_id)
        rows = list(self._rows)
        row = rows.pop(position)
        self._replace(rows)
        return row

    def update(self, row_id: Any, fields: Row) -> Row:
        position = self.position(row_id)
        if position is None:
            raise KeyError(row_id)
        rows = list(self._rows)
        rows[position] = {**rows[position], **fields}
        rows.sort(key=self._order_key, reverse=self._descending)
        self._replace(rows)
        return self.get(row_id)

    def position(self, row_id: Any) -> int | None:
        """Where the row with this id is in ``rows``, or None."""
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
