"""Ruddr opportunity pipelines: ``GET /opportunity-pipelines`` and ``GET /opportunity-pipelines/{id}``.

Records: ``id``, ``name``, ``description``, ``isActive``, ``createdAt`` (the update page's
response). Only the update endpoint is documented, so the API has no create, update or delete here;
the control plane (``sb.change_data``) adds pipelines. ``default``: three pipelines, one inactive.
``large:N``: one pipeline per ten stages, each older than its stages.
"""

import math

from ..apis.ruddr import stable_uuid
from ..apis.ruddr_collection import RuddrCollection
from ..large_dataset import RUDDR_NEWEST_MS, STAGES_PER_PIPELINE, ReversibleIds, each, to_json
from ..tables import LazyRows, Row
from ..timestamps import ruddr_time

LARGE_IDS = ReversibleIds(0x919E1)

# key, name, description, isActive, createdAt; oldest first.
DEFAULT = [
    ("sales", "Sales", "Default pipeline for new business.", True, "2024-01-15T09:00:00.000Z"),
    ("legacy", "Legacy – 旧パイプライン", "Kept for history.\nDo not use.", False, "2024-02-10T16:20:31.007Z"),
    ("renewals", 'Renewals, upsell & "expansion"', None, True, "2024-06-01T12:30:45.120Z"),
]


def default_id(key: str) -> str:
    """The id of the ``default`` dataset's pipeline ``key``."""
    return stable_uuid(f"ruddr-pipeline-{key}")


def default_rows() -> list[Row]:
    return [RESOURCE.row(default_id(key), {"name": name, "description": description, "isActive": active}, created)
            for key, name, description, active, created in DEFAULT]


def large_rows(stages: int) -> LazyRows:
    return LazyRows(math.ceil(stages / STAGES_PER_PIPELINE), each(_large_row_json), LARGE_IDS.index)


def _large_row_json(j: int) -> str:
    # Older than every one of its stages, and strictly older as j grows.
    created = RUDDR_NEWEST_MS - STAGES_PER_PIPELINE * 1000 * (j + 1)
    return (f'{{"id":"{LARGE_IDS.make(j)}","name":"Pipeline {j}, “large”",'
            f'"description":{"null" if j % 2 else to_json("Generated.")},'
            f'"isActive":{"false" if j % 5 == 4 else "true"},"createdAt":"{ruddr_time(created)}"}}')


RESOURCE = RuddrCollection(
    key="opportunity_pipelines",
    path="/api/workspace/opportunity-pipelines",
    noun="opportunity pipeline",
    fields=("id", "name", "description", "isActive", "createdAt"),
    filters=("name",),
    default_rows=default_rows,
    large_rows=large_rows,
    inserted=lambda dataset: {"name": "Inserted pipeline", "description": None, "isActive": True},
)
