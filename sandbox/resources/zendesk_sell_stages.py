"""Zendesk Sell stages: ``GET /v2/stages``.

Records: the documented ``id``, ``name``, ``category``, ``active``, ``position``, ``likelihood``
(null on won/lost/unqualified), ``pipeline_id``, ``created_at``, ``updated_at`` and the undocumented
``locale_key``, ``position_hash``, ``has_original_name``.

``default``: the documented seven default stages (Prospecting ... Unqualified, positions 1, 2,
3, 7, 8, 9, 10) in "Sales Pipeline", plus stages of the second pipeline with ids above 2^31,
unicode/comma/quote/newline names and gappy positions, plus two of the disabled third pipeline.
``large:N``: N stages, ten per pipeline (one per ``large_dataset.PLACES``), ids ``3000000000 + 3 *
i`` (above 2^31, with gaps), created one minute apart.
"""

import hashlib
import operator
from itertools import repeat

from ..apis.zendesk_sell_list import ZendeskSellList, parse_bool, parse_int, parse_text
from ..large_dataset import PLACES, STAGES_PER_PIPELINE, ZENDESK_EPOCH, Place, by_place, fixed, masked, timestamps
from ..tables import LazyRows, Row
from .zendesk_sell_pipelines import ARCHIVED, PARTNERS, SALES
from .zendesk_sell_pipelines import LARGE_BASE as LARGE_PIPELINE_BASE
from .zendesk_sell_pipelines import RESOURCE as PIPELINES

LARGE_BASE, LARGE_STEP = 3_000_000_000, 3
LARGE_HASH = 0x9E3779B97F4A7C15  # a large stage's position_hash = (id * LARGE_HASH) mod 2^48, in hex


def stage(stage_id: int, name: str, category: str, active: bool, position: int, likelihood: int | None,
          pipeline_id: int, created_at: str, updated_at: str | None = None, locale_key: str | None = None) -> Row:
    return {
        "id": stage_id, "name": name, "category": category, "active": active, "position": position,
        "likelihood": likelihood, "pipeline_id": pipeline_id, "created_at": created_at,
        "updated_at": updated_at or created_at, "locale_key": locale_key,
        "position_hash": hashlib.sha1(f"{pipeline_id}:{position}:{stage_id}".encode()).hexdigest()[:12],
        "has_original_name": locale_key is not None,
    }


_CREATED = "2017-09-25T13:12:47Z"


def default_rows() -> list[Row]:
    return [
        # The documented default pipeline (stages page table).
        stage(9875401, "Prospecting", "incoming", True, 1, 5, SALES, _CREATED, locale_key="prospecting"),
        stage(9875402, "Qualified", "in_progress", True, 2, 10, SALES, _CREATED, locale_key="qualified"),
        stage(9875403, "Quote", "in_progress", True, 3, 20, SALES, _CREATED, locale_key="quote"),
        stage(9875404, "Closure", "in_progress", True, 7, 50, SALES, _CREATED, locale_key="closure"),
        stage(9875405, "Won", "won", False, 8, None, SALES, _CREATED, locale_key="won"),
        stage(9875406, "Lost", "lost", False, 9, None, SALES, _CREATED, locale_key="lost"),
        stage(9875407, "Unqualified", "unqualified", False, 10, None, SALES, _CREATED, "2022-02-14T09:30:00Z",
              locale_key="unqualified"),
        # Custom stages: ids above 2^31, awkward names, gaps in positions, likelihood 0.
        stage(2147483648, "Erstkontakt – “warm”", "incoming", True, 1, 0, PARTNERS, "2019-03-04T08:15:00Z"),
        stage(2147483650, 'Negotiation, "final"', "in_progress", True, 4, 65, PARTNERS, "2019-03-04T08:15:01Z",
              "2024-05-06T07:08:09Z"),
        stage(3000000001, "Legal review\nand contract", "in_progress", True, 5, 80, PARTNERS,
              "2019-03-04T08:15:02Z"),
        stage(3000000002, "见面 / Meeting 🤝", "in_progress", True, 9, 90, PARTNERS, "2020-07-01T12:00:00Z"),
        stage(3000000003, "Won ✅", "won", False, 12, None, PARTNERS, "2019-03-04T08:15:03Z"),
        stage(3000000004, "Lost, 'no budget'", "lost", False, 13, None, PARTNERS, "2019-03-04T08:15:04Z"),
        stage(3000000005, "Unqualified", "unqualified", False, 20, None, PARTNERS, "2019-03-04T08:15:05Z"),
        stage(4294967296, "Old prospecting", "incoming", True, 1, 5, ARCHIVED, "2018-01-02T00:00:00Z"),
        stage(4294967297, " Leading and trailing spaces ", "in_progress", True, 3, 33, ARCHIVED,
              "2018-01-02T00:00:01Z"),
    ]


def _template(place: Place) -> bytes:
    """A large stage's row at ``place``; takes id, index, pipeline_id, created_at, updated_at,
    position_hash."""
    original = place.category in ("incoming", "won", "lost")
    name_open = fixed(place.name)[:-1]  # '"Name' without the closing quote: ' #i"' follows
    return (f'{{"id":%d,"name":{name_open} #%d","category":{fixed(place.category)},'
            f'"active":{fixed(place.category not in ("won", "lost", "unqualified"))},'
            f'"position":{2 * place.position + 1},"likelihood":{fixed(place.likelihood)},"pipeline_id":%d,'
            f'"created_at":"%sZ","updated_at":"%sZ","locale_key":{fixed(place.name.lower() if original else None)},'
            f'"position_hash":"%012x","has_original_name":{fixed(original)}}}').encode()


TEMPLATES = [_template(place) for place in PLACES]


def large_rows(count: int) -> LazyRows:
    return LazyRows(count, large_rows_json, _large_index)


def large_rows_json(start: int, stop: int) -> list[bytes]:
    """Stages start..stop-1: id 3000000000 + 3i, pipeline i // 10, created_at one minute per index
    after ZENDESK_EPOCH, updated_at (i % 7) hours after created_at."""
    count = stop - start
    first_id = LARGE_BASE + LARGE_STEP * start
    created = ZENDESK_EPOCH + 60 * start
    # updated_at of rows 7 apart: the same i % 7, so 7 minutes apart.
    updated = [b""] * count
    for offset in range(min(7, count)):
        i = start + offset
        updated[offset::7] = timestamps(created + 60 * offset + 3600 * (i % 7), 420, len(range(offset, count, 7)))
    pipeline_tenths = LARGE_PIPELINE_BASE * STAGES_PER_PIPELINE
    return list(map(operator.mod, by_place(TEMPLATES, start, count), zip(
        range(first_id, first_id + LARGE_STEP * count, LARGE_STEP),
        range(start, stop),
        map(operator.floordiv, range(pipeline_tenths + start, pipeline_tenths + stop), repeat(STAGES_PER_PIPELINE)),
        timestamps(created, 60, count),
        updated,
        masked(first_id * LARGE_HASH, LARGE_STEP * LARGE_HASH, count, 0xFFFFFFFFFFFF))))


def _large_index(stage_id) -> int | None:
    if type(stage_id) is not int:
        return None
    offset = stage_id - LARGE_BASE
    return offset // LARGE_STEP if offset % LARGE_STEP == 0 else None


def _inserted(dataset, stage_id: int, created_at: str) -> Row:
    pipeline = dataset[PIPELINES].first()
    return stage(stage_id, f"Inserted stage {stage_id}", "in_progress", True, 5, 25,
                 pipeline["id"] if pipeline else 1, created_at)


RESOURCE = ZendeskSellList(
    key="stages",
    path="/v2/stages",
    item_type="stage",
    sort_fields=("pipeline_id", "id", "name", "category", "position", "likelihood"),
    filters=(("pipeline_id", parse_int), ("name", parse_text), ("active", parse_bool)),
    default_rows=default_rows,
    large_rows=large_rows,
    inserted=_inserted,
)
