"""A Zendesk Sell list resource (``GET /v2/stages``, ``GET /v2/pipelines``): the page-number list.

Parameters: ``page`` (from 1), ``per_page`` (1..100, default 25), ``sort_by`` (comma list of the
resource's sort fields, each optionally ``:asc``/``:desc``; default ``id:asc``; ties always end
in ``id`` ascending; nulls sort last ascending, first descending), ``ids`` (comma list) and the
resource's filters (exact match, e.g. ``name``). A bad value is a 400 ``invalid_param``; unknown
parameters are ignored.

Envelope: ``{"items": [{"data": ..., "meta": {"type": <item_type>}}], "meta": {"type":
"collection", "count": <items on this page>, "links": {...}}}``. Links repeat the request's other
parameters and then ``page`` and ``per_page``; ``prev_page`` only after page 1, ``next_page`` only
when a later page has items. A page past the end is 200 with no items.

Data changes: an inserted record gets the largest id + 1 unless it names one, and an update
moves ``updated_at`` forward (by at least one second).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring  # json.dumps's string encoder (ensure_ascii=False)
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import parse_qsl, unquote_plus

from ..request import Request
from ..responses import Response
from ..tables import LazyRows, Row, Table, rows_as_json
from ..timestamps import parse_zendesk_time, zendesk_time
from .base import Handler, TableResource
from .zendesk_sell import ZENDESK_SELL

if TYPE_CHECKING:
    from ..datasets import Dataset
    from ..state import SandboxState

DEFAULT_PER_PAGE, MAX_PER_PAGE = 25, 100
DEFAULT_SORT = (("id", False),)


class InvalidParam(Exception):
    pass


def parse_int(name: str, raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise InvalidParam(f"Parameter '{name}' must be an integer, got {raw!r}.") from None


def parse_bool(name: str, raw: str) -> bool:
    lowered = raw.lower()
    if lowered not in ("true", "false"):
        raise InvalidParam(f"Parameter '{name}' must be true or false, got {raw!r}.")
    return lowered == "true"


def parse_text(name: str, raw: str) -> str:
    return raw


@dataclass(frozen=True, eq=False)
class ZendeskSellList(TableResource):
    key: str                        # name in data()["zendesk_sell"]
    path: str
    item_type: str                  # items[].meta.type
    sort_fields: tuple[str, ...]
    filters: tuple[tuple[str, Callable[[str, str], Any]], ...]  # (parameter = field name, parser)
    default_rows: Callable[[], list[Row]]
    large_rows: Callable[[int], LazyRows]
    inserted: Callable[[Dataset, int, str], Row]  # (dataset, id, created_at) -> an inserted record's defaults

    api: ClassVar = ZENDESK_SELL

    def routes(self) -> dict[str, dict[str, Handler]]:
        return {self.path: {"GET": self.list_records}}

    def list_records(self, state: SandboxState, request: Request) -> Response:
        table: Table = state.dataset[self]
        key = (self.path, state.generation, table.version, request.host, request.path, request.query)
        body = state.page_cache.get(key)
        if body is None:
            try:
                body = self._page_body(request, table)
            except InvalidParam as error:
                return self.api.error(400, request, str(error))
            state.page_cache.put(key, body)
        return Response(200, body)

    def new_row(self, dataset: Dataset, record: Row) -> Row:
        table: Table = dataset[self]
        row_id = record.pop("id", None) or (table.rows[-1]["id"] + 1 if len(table.rows) else 1)
        return {**self.inserted(dataset, row_id, zendesk_time(time.time())), **record}

    def changed_fields(self, dataset: Dataset, row: Row, fields: Row) -> Row:
        previous = parse_zendesk_time(row["updated_at"])
        fields.setdefault("updated_at", zendesk_time(max(time.time(), previous + 1)))
        return fields

    def _page_body(self, request: Request, table: Table) -> bytes:
        params = dict(parse_qsl(request.query, keep_blank_values=True))
        page = parse_int("page", params.get("page", "1"))
        if page < 1:
            raise InvalidParam("Parameter 'page' must be greater than or equal to 1.")
        per_page = parse_int("per_page", params.get("per_page", str(DEFAULT_PER_PAGE)))
        if not 1 <= per_page <= MAX_PER_PAGE:
            raise InvalidParam(f"Parameter 'per_page' must be between 1 and {MAX_PER_PAGE}.")
        sort = parse_sort(params.get("sort_by"), self.sort_fields)
        ids = parse_ids(params["ids"]) if "ids" in params else None
        filters = tuple((name, parse(name, params[name])) for name, parse in self.filters if name in params)

        rows = select(table, filters, ids, sort)
        start = (page - 1) * per_page
        records = rows_as_json(rows, slice(start, start + per_page))
        link = _link_maker(request, per_page)
        links = {"self": link(page), "first_page": link(1)}
        if page > 1:
            links["prev_page"] = link(page - 1)
        if start + per_page < len(rows):
            links["next_page"] = link(page + 1)
        # Assembled from per-record JSON text (see LazyRows): the same bytes json.dumps would give.
        item_end = b',"meta":{"type":"%s"}}' % self.item_type.encode()
        items = (item_end + b',{"data":').join(records)
        links_json = ",".join(f'"{name}":{encode_basestring(url)}' for name, url in links.items())
        meta = f'{{"type":"collection","count":{len(records)},"links":{{{links_json}}}}}'.encode()
        return b'{"items":[%s],"meta":%s}' % (b'{"data":%s%s' % (items, item_end) if records else b"", meta)


def parse_sort(raw: str | None, allowed: tuple[str, ...]) -> tuple[tuple[str, bool], ...]:
    if raw is None:
        return DEFAULT_SORT
    sort = []
    for entry in raw.split(","):
        name, _, direction = entry.strip().partition(":")
        if name not in allowed:
            raise InvalidParam(f"Parameter 'sort_by' has unknown field {name!r}; allowed: {', '.join(allowed)}.")
        if direction not in ("", "asc", "desc"):
            raise InvalidParam(f"Parameter 'sort_by' has unknown direction {direction!r}; use asc or desc.")
        sort.append((name, direction == "desc"))
    return tuple(sort)


def parse_ids(raw: str) -> tuple[int, ...]:
    return tuple(parse_int("ids", part) for part in raw.split(",") if part.strip())


def select(table: Table, filters: tuple, ids: tuple[int, ...] | None, sort: tuple) -> Sequence[dict]:
    """The rows matching the filters, in the requested order (cached per data version)."""
    if not filters and ids is None and sort == DEFAULT_SORT:
        return table.rows

    def build() -> list:
        if ids is not None:
            found = (table.get(row_id) for row_id in dict.fromkeys(ids))
            rows = sorted((row for row in found if row is not None), key=table.order_key)
        else:
            rows = table.rows
        rows = [row for row in rows if all(row.get(name) == value for name, value in filters)]
        for name, descending in reversed(sort):
            rows.sort(key=lambda row: (row.get(name) is None, row.get(name)), reverse=descending)
        return rows

    return table.view((filters, ids, sort), build)


def _link_maker(request: Request, per_page: int):
    kept = [pair for pair in request.query.split("&")
            if pair and unquote_plus(pair.partition("=")[0]) not in ("page", "per_page")]
    prefix = f"http://{request.host}{request.path}?" + "".join(pair + "&" for pair in kept)
    return lambda page: f"{prefix}page={page}&per_page={per_page}"
