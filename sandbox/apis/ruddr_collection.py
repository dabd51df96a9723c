"""A Ruddr collection (``/opportunity-stages``, ``/opportunity-pipelines``): cursor list, get one,
and, for a collection with write rules, create, update and delete.

Lists: ``limit`` (1..100, default 10), ``startingAfter`` / ``endingBefore`` (UUID cursors, not
both) and the collection's filters (exact match, e.g. ``name``); newest first; ``{"results":
[...], "hasMore": bool}``. Unknown parameters are ignored. A cursor is located by its record's
place in that order, so it works with any filter. A cursor id that does not (or no longer) exist
is a 400 naming the parameter: a client that pages while records are deleted learns it instead of
silently skipping or repeating records.

``GET .../{id}``: the record; 400 for a malformed id, 404 for an unknown one. ``POST`` (200 with
the record, which gets a new id and ``createdAt``), ``PATCH .../{id}`` (only the given fields)
and ``DELETE .../{id}`` (204) exist only for a collection with ``validate`` (the create/update
page's rules; a broken rule is a 400 listing every broken rule in ``errors``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import parse_qsl

from ..request import Request
from ..responses import Response, json_response
from ..tables import LazyRows, Row, Table, rows_as_json
from ..timestamps import now_ms, ruddr_time
from .base import Handler, TableResource
from .ruddr import RUDDR, canonical_uuid, parse_body

if TYPE_CHECKING:
    from ..datasets import Dataset
    from ..state import SandboxState

DEFAULT_LIMIT, MAX_LIMIT = 10, 100

# (dataset, body, partial) -> (the fields to store, the broken rules); partial: a PATCH body.
Validator = Callable[["Dataset", Any, bool], tuple[Row, list[str]]]


class BadRequest(Exception):
    pass


@dataclass(frozen=True, eq=False)
class RuddrCollection(TableResource):
    key: str                          # name in data()["ruddr"]
    path: str
    noun: str                         # "opportunity stage", in 404 and cursor messages
    fields: tuple[str, ...]           # a record's properties, in the order Ruddr prints them
    filters: tuple[str, ...]          # list parameters that match a property exactly
    default_rows: Callable[[], list[Row]]
    large_rows: Callable[[int], LazyRows]
    inserted: Callable[[Dataset], Row]  # the values a control-plane insert starts from
    validate: Validator | None = None   # None: read-only over the API (the control plane may change it)

    api: ClassVar = RUDDR

    def routes(self) -> dict[str, dict[str, Handler]]:
        collection: dict[str, Handler] = {"GET": self.list_records}
        one: dict[str, Handler] = {"GET": self.get_record}
        if self.validate is not None:
            collection["POST"] = self.create
            one.update(PATCH=self.update, DELETE=self.delete)
        return {self.path: collection, self.path + "/{id}": one}

    def row(self, row_id: str, values: Row, created_at: str) -> Row:
        """A record from its values, keyed in the order Ruddr prints them (others after those)."""
        values = {**values, "id": row_id, "createdAt": created_at}
        row = {name: values.get(name) for name in self.fields}
        row.update(values)
        return row

    # ------------------------------------------------------------------ the API
    def list_records(self, state: SandboxState, request: Request) -> Response:
        table: Table = state.dataset[self]
        key = (self.path, state.generation, table.version, request.query)
        body = state.page_cache.get(key)
        if body is None:
            try:
                records, has_more = self._page(table, dict(parse_qsl(request.query, keep_blank_values=True)))
            except BadRequest as error:
                return self.api.error(400, request, str(error))
            body = b'{"results":[%s],"hasMore":%s}' % (b",".join(records), b"true" if has_more else b"false")
            state.page_cache.put(key, body)
        return Response(200, body)

    def get_record(self, state: SandboxState, request: Request, row_id: str) -> Response:
        found = self._find(state, request, row_id)
        return found if isinstance(found, Response) else json_response(200, found)

    def create(self, state: SandboxState, request: Request) -> Response:
        body = self._body(request)
        if isinstance(body, Response):
            return body
        with state.lock:
            fields, errors = self.validate(state.dataset, body, False)
            if errors:
                return self.api.error(400, request, errors=errors)
            row = self.row(str(uuid.uuid4()), fields, ruddr_time(now_ms()))
            return json_response(200, state.dataset[self].insert(row))

    def update(self, state: SandboxState, request: Request, row_id: str) -> Response:
        body = self._body(request)
        if isinstance(body, Response):
            return body
        with state.lock:
            found = self._find(state, request, row_id)
            if isinstance(found, Response):
                return found
            fields, errors = self.validate(state.dataset, body, True)
            if errors:
                return self.api.error(400, request, errors=errors)
            return json_response(200, state.dataset[self].update(found["id"], fields))

    def delete(self, state: SandboxState, request: Request, row_id: str) -> Response:
        with state.lock:
            found = self._find(state, request, row_id)
            if isinstance(found, Response):
                return found
            state.dataset[self].delete(found["id"])
        return Response(204, b"", None)

    def _body(self, request: Request) -> Any:
        try:
            return parse_body(request.body)
        except ValueError:
            return self.api.error(400, request, "The request body is not valid JSON.")

    def _find(self, state: SandboxState, request: Request, row_id: str) -> Row | Response:
        canonical = canonical_uuid(row_id)
        if canonical is None:
            return self.api.error(400, request, "Parameter 'id' is not a valid UUID.")
        row = state.dataset[self].get(canonical)
        if row is None:
            return self.api.error(404, request, f"The {self.noun} with id '{canonical}' was not found.")
        return row

    def _page(self, table: Table, params: dict) -> tuple[list[bytes], bool]:
        """The JSON text of the page's records, and hasMore."""
        limit = _parse_limit(params.get("limit"))
        if "startingAfter" in params and "endingBefore" in params:
            raise BadRequest("Parameters 'startingAfter' and 'endingBefore' cannot be used together.")
        rows = table.rows
        filters = tuple((name, params[name]) for name in self.filters if name in params)
        if filters:
            rows = table.view(filters, lambda: [row for row in table.rows
                                                if all(row[name] == value for name, value in filters)])
        if "startingAfter" in params:
            start = self._cursor_index(table, rows, "startingAfter", params["startingAfter"], after=True)
            return rows_as_json(rows, slice(start, start + limit)), start + limit < len(rows)
        if "endingBefore" in params:
            end = self._cursor_index(table, rows, "endingBefore", params["endingBefore"], after=False)
            return rows_as_json(rows, slice(max(0, end - limit), end)), end - limit > 0
        return rows_as_json(rows, slice(0, limit)), limit < len(rows)

    def _cursor_index(self, table: Table, rows, name: str, raw: str, after: bool) -> int:
        """Where in ``rows`` a page starts (``after``: just past the cursor) or ends (just before it)."""
        cursor_id = canonical_uuid(raw)
        if cursor_id is None:
            raise BadRequest(f"Parameter '{name}' is not a valid UUID.")
        position = table.position(cursor_id)
        if position is None:
            raise BadRequest(f"Parameter '{name}' does not match an existing {self.noun}.")
        if rows is table.rows:  # unfiltered: the cursor's own place
            return position + 1 if after else position
        cursor, order_key = table.order_key(table.get(cursor_id)), table.order_key
        if after:
            return _first_index(rows, lambda row: order_key(row) < cursor)
        return _first_index(rows, lambda row: order_key(row) <= cursor)

    # ------------------------------------------------------------ data changes
    def new_row(self, dataset: Dataset, record: Row) -> Row:
        row_id = record.pop("id", None) or str(uuid.uuid4())
        created_at = record.pop("createdAt", None) or ruddr_time(now_ms())
        return self.row(row_id, self._checked(dataset, {**self.inserted(dataset), **record}, partial=False),
                        created_at)

    def changed_fields(self, dataset: Dataset, row: Row, fields: Row) -> Row:
        return self._checked(dataset, fields, partial=True)

    def _checked(self, dataset: Dataset, values: Row, partial: bool) -> Row:
        if self.validate is None:
            return values
        fields, errors = self.validate(dataset, values, partial)
        if errors:
            raise ValueError(f"invalid Ruddr {self.noun}: {'; '.join(errors)}")
        return fields


def _parse_limit(raw: str | None) -> int:
    if raw is None:
        return DEFAULT_LIMIT
    try:
        limit = int(raw)
    except ValueError:
        limit = 0
    if not 1 <= limit <= MAX_LIMIT:
        raise BadRequest(f"Parameter 'limit' must be an integer between 1 and {MAX_LIMIT}.")
    return limit


def _first_index(rows, predicate) -> int:
    """The first index whose row satisfies ``predicate`` (false...false true...true over rows)."""
    low, high = 0, len(rows)
    while low < high:
        middle = (low + high) // 2
        if predicate(rows[middle]):
            high = middle
        else:
            low = middle + 1
    return low
