"""Ruddr: the workspace, opportunity stages (list, get, create, update, delete) and pipelines.

Lists: ``limit`` (1..100, default 10), ``startingAfter`` / ``endingBefore`` (UUID cursors, not
both), exact ``name``; newest first by ``createdAt``, ties by ``id`` (also descending);
``{"results": [...], "hasMore": bool}``. Unknown parameters are ignored. A cursor is located by
its record's place in that order, so it works with any filter. A cursor id that does not (or no
longer) exist is a 400 naming the parameter: a client that pages while stages are deleted learns
it instead of silently skipping or repeating records.
"""

import json
import uuid
from decimal import Decimal
from urllib.parse import parse_qsl

from .errors import ruddr_error
from .records import now_ms, ruddr_stage, ruddr_time
from .request import Request
from .responses import Response, json_response
from .ruddr_validation import canonical_uuid, validate_stage
from .state import SandboxState
from .tables import Table, rows_as_json

DEFAULT_LIMIT, MAX_LIMIT = 10, 100
NOUNS = {"ruddr_stages": "opportunity stage", "ruddr_pipelines": "opportunity pipeline"}


class BadRequest(Exception):
    pass


class RuddrApi:
    def __init__(self, state: SandboxState):
        self._state = state

    def workspace(self, request: Request) -> Response:
        return json_response(200, self._state.dataset.ruddr_workspace)

    def list_stages(self, request: Request) -> Response:
        return self._list(request, "ruddr_stages")

    def list_pipelines(self, request: Request) -> Response:
        return self._list(request, "ruddr_pipelines")

    def get_stage(self, request: Request, stage_id: str) -> Response:
        return self._get(stage_id, "ruddr_stages")

    def get_pipeline(self, request: Request, pipeline_id: str) -> Response:
        return self._get(pipeline_id, "ruddr_pipelines")

    def create_stage(self, request: Request) -> Response:
        body = _parse_body(request.body)
        if isinstance(body, Response):
            return body
        with self._state.lock:
            fields, errors = validate_stage(body, partial=False, pipeline_exists=self._pipeline_exists)
            if errors:
                return ruddr_error(400, errors=errors)
            return json_response(200, self._stages.insert(ruddr_stage(str(uuid.uuid4()), fields, ruddr_time(now_ms()))))

    def update_stage(self, request: Request, stage_id: str) -> Response:
        body = _parse_body(request.body)
        if isinstance(body, Response):
            return body
        with self._state.lock:
            found = self._find(stage_id, "ruddr_stages")
            if isinstance(found, Response):
                return found
            fields, errors = validate_stage(body, partial=True, pipeline_exists=self._pipeline_exists)
            if errors:
                return ruddr_error(400, errors=errors)
            return json_response(200, self._stages.update(found["id"], fields))

    def delete_stage(self, request: Request, stage_id: str) -> Response:
        with self._state.lock:
            found = self._find(stage_id, "ruddr_stages")
            if isinstance(found, Response):
                return found
            self._stages.delete(found["id"])
        return Response(204, b"", None)

    @property
    def _stages(self) -> Table:
        return self._state.dataset.ruddr_stages

    def _pipeline_exists(self, pipeline_id: str) -> bool:
        return self._state.dataset.ruddr_pipelines.get(pipeline_id) is not None

    def _get(self, row_id: str, table_name: str) -> Response:
        found = self._find(row_id, table_name)
        return found if isinstance(found, Response) else json_response(200, found)

    def _find(self, row_id: str, table_name: str) -> dict | Response:
        canonical = canonical_uuid(row_id)
        if canonical is None:
            return ruddr_error(400, "Parameter 'id' is not a valid UUID.")
        row = getattr(self._state.dataset, table_name).get(canonical)
        if row is None:
            return ruddr_error(404, f"The {NOUNS[table_name]} with id '{canonical}' was not found.")
        return row

    def _list(self, request: Request, table_name: str) -> Response:
        state = self._state
        table: Table = getattr(state.dataset, table_name)
        key = (table_name, state.generation, table.version, request.query)
        body = state.page_cache.get(key)
        if body is None:
            try:
                records, has_more = _page(table, dict(parse_qsl(request.query, keep_blank_values=True)),
                                          NOUNS[table_name])
            except BadRequest as error:
                return ruddr_error(400, str(error))
            body = b'{"results":[%s],"hasMore":%s}' % (b",".join(records), b"true" if has_more else b"false")
            state.page_cache.put(key, body)
        return Response(200, body)


def _page(table: Table, params: dict, noun: str) -> tuple[list[bytes], bool]:
    """The JSON text of the page's records, and hasMore."""
    limit = _parse_limit(params.get("limit"))
    if "startingAfter" in params and "endingBefore" in params:
        raise BadRequest("Parameters 'startingAfter' and 'endingBefore' cannot be used together.")
    rows = table.rows
    if "name" in params:
        name = params["name"]
        rows = table.view(("name", name), lambda: [row for row in table.rows if row["name"] == name])
    if "startingAfter" in params:
        start = _cursor_index(table, rows, "startingAfter", params["startingAfter"], noun, after=True)
        return rows_as_json(rows, slice(start, start + limit)), start + limit < len(rows)
    if "endingBefore" in params:
        end = _cursor_index(table, rows, "endingBefore", params["endingBefore"], noun, after=False)
        return rows_as_json(rows, slice(max(0, end - limit), end)), end - limit > 0
    return rows_as_json(rows, slice(0, limit)), limit < len(rows)


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


def _cursor_index(table: Table, rows, name: str, raw: str, noun: str, after: bool) -> int:
    """Where in ``rows`` a page starts (``after``: just past the cursor) or ends (just before it)."""
    cursor_id = canonical_uuid(raw)
    if cursor_id is None:
        raise BadRequest(f"Parameter '{name}' is not a valid UUID.")
    position = table.position(cursor_id)
    if position is None:
        raise BadRequest(f"Parameter '{name}' does not match an existing {noun}.")
    if rows is table.rows:  # unfiltered: the cursor's own place
        return position + 1 if after else position
    cursor, order_key = table.order_key(table.get(cursor_id)), table.order_key
    if after:
        return _first_index(rows, lambda row: order_key(row) < cursor)
    return _first_index(rows, lambda row: order_key(row) <= cursor)


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


def _parse_body(raw: bytes):
    """The JSON body (numbers with a fraction as Decimal, so decimal places can be counted)."""
    try:
        return json.loads(raw or b"null", parse_float=Decimal, parse_constant=_reject_constant)
    except ValueError:
        return ruddr_error(400, "The request body is not valid JSON.")


def _reject_constant(name: str):
    raise ValueError(f"{name} is not JSON")
