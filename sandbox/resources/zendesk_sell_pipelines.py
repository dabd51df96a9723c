"""Zendesk Sell pipelines: ``GET /v2/pipelines``.

Records: ``id``, ``name``, ``disabled``, ``created_at``, ``updated_at`` and the undocumented
``locale_key``. ``default``: the "Sales Pipeline" of a new account, a second pipeline with an id
above 2^31 and an awkward name, and a disabled third. ``large:N``: one pipeline per ten stages,
ids from 5000000000, every fifth disabled.
"""

import math

from ..apis.zendesk_sell_list import ZendeskSellList, parse_bool, parse_text
from ..large_dataset import STAGES_PER_PIPELINE, ZENDESK_EPOCH, each
from ..tables import LazyRows, Row
from ..timestamps import zendesk_time

SALES, PARTNERS, ARCHIVED = 1843215, 3000000017, 4294967311
LARGE_BASE = 5_000_000_000


def pipeline(pipeline_id: int, name: str, disabled: bool, created_at: str, updated_at: str | None = None,
             locale_key: str | None = None) -> Row:
    return {"id": pipeline_id, "name": name, "disabled": disabled, "created_at": created_at,
            "updated_at": updated_at or created_at, "locale_key": locale_key}


def default_rows() -> list[Row]:
    return [
        pipeline(SALES, "Sales Pipeline", False, "2017-09-25T13:12:47Z", locale_key="sales_pipeline"),
        pipeline(PARTNERS, 'Partners, "EMEA" & Zürich — 2nd', False, "2019-03-04T08:15:00Z",
                 "2023-11-30T17:45:09Z"),
        pipeline(ARCHIVED, "Archived\nold deals", True, "2018-01-02T00:00:00Z", "2021-06-07T10:00:00Z"),
    ]


def large_rows(stages: int) -> LazyRows:
    return LazyRows(math.ceil(stages / STAGES_PER_PIPELINE), each(_large_row_json), _large_index)


def _large_row_json(j: int) -> str:
    created = zendesk_time(ZENDESK_EPOCH + 600 * j)
    return (f'{{"id":{LARGE_BASE + j},"name":"Pipeline {j}, “large”",'
            f'"disabled":{"true" if j % 5 == 4 else "false"},'
            f'"created_at":"{created}","updated_at":"{created}","locale_key":null}}')


def _large_index(pipeline_id) -> int | None:
    return pipeline_id - LARGE_BASE if type(pipeline_id) is int else None


RESOURCE = ZendeskSellList(
    key="pipelines",
    path="/v2/pipelines",
    item_type="pipeline",
    sort_fields=("id", "name"),
    filters=(("name", parse_text), ("disabled", parse_bool)),
    default_rows=default_rows,
    large_rows=large_rows,
    inserted=lambda dataset, pipeline_id, created_at: pipeline(pipeline_id, f"Inserted pipeline {pipeline_id}",
                                                               False, created_at),
)
