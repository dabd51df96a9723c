"""The ``large:N`` dataset: N deterministic stages per API, ten stages per pipeline.

Rows are computed from their index when asked for (``LazyRows``), so ``large:1000000`` starts as
fast as ``large:10``. Ids map back to indexes arithmetically: Zendesk Sell ids are
``3000000000 + 3 * i`` (above 2^31, with gaps); Ruddr ids are UUID-v4-shaped strings whose last
group is an invertible function of the index.
"""

import math

from ..records import (ruddr_order, ruddr_pipeline, ruddr_time, zendesk_order, zendesk_pipeline, zendesk_stage,
                       zendesk_time)
from ..tables import LazyRows, Table
from .dataset import Dataset

STAGES_PER_PIPELINE = 10
ZENDESK_STAGE_BASE, ZENDESK_STAGE_STEP = 3_000_000_000, 3
ZENDESK_PIPELINE_BASE = 5_000_000_000
ZENDESK_EPOCH = 1_500_000_000  # 2017-07-14
RUDDR_NEWEST_MS = 1_735_689_600_000  # 2025-01-01T00:00:00.000Z: the newest stage

# (name, Zendesk category, likelihood, Ruddr statusId, Ruddr probability) per slot in a pipeline.
SLOTS = [
    ("Prospecting", "incoming", 5, "open", 0.05),
    ('Qualified, "hot"', "in_progress", 10, "open", 0.1),
    ("Quote – Angebot", "in_progress", 20, "open", 0.2),
    ("Demo\nscheduled", "in_progress", 35, "open", 0.35),
    ("Négociation", "in_progress", 50, "open", 0.5),
    ("Closure", "in_progress", 65, "open", 0.65),
    ("Contract 📄", "in_progress", 80, "open", 0.8125),
    ("Won", "won", None, "won", 1),
    ("Lost", "lost", None, "lost", 0),
    ("Unqualified", "unqualified", None, "lost", 0),
]


class ReversibleIds:
    """Index <-> UUID-v4-shaped string, without storing anything."""

    _MODULUS = 1 << 48
    _MULTIPLIER = 0x5DEECE66D
    _INVERSE = pow(_MULTIPLIER, -1, _MODULUS)

    def __init__(self, salt: int):
        self._salt = salt

    def make(self, index: int) -> str:
        node = (index * self._MULTIPLIER + self._salt) % self._MODULUS
        head = (index * 2654435761 + self._salt) & 0xFFFFFFFF
        return f"{head:08x}-{self._salt & 0xFFFF:04x}-4{index % 4096:03x}-a{self._salt % 4096:03x}-{node:012x}"

    def index(self, value) -> int | None:
        if not isinstance(value, str) or len(value) != 36:
            return None
        try:
            node = int(value[24:], 16)
        except ValueError:
            return None
        index = ((node - self._salt) * self._INVERSE) % self._MODULUS
        return index if self.make(index) == value else None


def build_large(count: int) -> Dataset:
    pipelines = math.ceil(count / STAGES_PER_PIPELINE)
    stage_ids, pipeline_ids = ReversibleIds(0x51A6E5), ReversibleIds(0x919E1)
    return Dataset(
        name=f"large:{count}",
        zendesk_stages=Table(LazyRows(count, _zendesk_stage, _zendesk_stage_index), zendesk_order),
        zendesk_pipelines=Table(LazyRows(pipelines, _zendesk_pipeline, _zendesk_pipeline_index), zendesk_order),
        ruddr_stages=Table(LazyRows(count, lambda i: _ruddr_stage(i, stage_ids, pipeline_ids), stage_ids.index),
                           ruddr_order, descending=True),
        ruddr_pipelines=Table(LazyRows(pipelines, lambda j: _ruddr_pipeline(j, pipeline_ids), pipeline_ids.index),
                              ruddr_order, descending=True),
        ruddr_workspace={"id": "6f1c2d3e-4a5b-4c6d-8e7f-a0b1c2d3e4f5", "name": f"Large workspace ({count} stages)"},
    )


def _zendesk_stage(i: int) -> dict:
    slot = i % STAGES_PER_PIPELINE
    name, category, likelihood, _, _ = SLOTS[slot]
    created = ZENDESK_EPOCH + 60 * i
    return zendesk_stage(ZENDESK_STAGE_BASE + ZENDESK_STAGE_STEP * i, f"{name} #{i}", category, slot < 7,
                         2 * slot + 1, likelihood, ZENDESK_PIPELINE_BASE + i // STAGES_PER_PIPELINE,
                         zendesk_time(created), zendesk_time(created + 3600 * (i % 7)),
                         locale_key=name.lower() if slot in (0, 7, 8) else None)


def _zendesk_stage_index(stage_id) -> int | None:
    if not isinstance(stage_id, int):
        return None
    offset = stage_id - ZENDESK_STAGE_BASE
    return offset // ZENDESK_STAGE_STEP if offset % ZENDESK_STAGE_STEP == 0 else None


def _zendesk_pipeline(j: int) -> dict:
    return zendesk_pipeline(ZENDESK_PIPELINE_BASE + j, f"Pipeline {j}, “large”", j % 5 == 4,
                            zendesk_time(ZENDESK_EPOCH + 600 * j))


def _zendesk_pipeline_index(pipeline_id) -> int | None:
    return pipeline_id - ZENDESK_PIPELINE_BASE if isinstance(pipeline_id, int) else None


def _ruddr_created_ms(i: int) -> int:
    # Strictly older as i grows (index 0 is the newest), with varied milliseconds.
    return RUDDR_NEWEST_MS - 1000 * i - (i * 7919) % 1000


def _ruddr_stage(i: int, stage_ids: ReversibleIds, pipeline_ids: ReversibleIds) -> dict:
    slot = i % STAGES_PER_PIPELINE
    name, _, _, status, probability = SLOTS[slot]
    return {
        "id": stage_ids.make(i),
        "name": f"{name} #{i}",
        "description": None if slot % 2 == 0 else f'Stage {i}, slot {slot}: "awkward"\ntext',
        "probability": probability,
        "statusId": status,
        "isActive": i % 13 != 0,
        "opportunityPipelineId": pipeline_ids.make(i // STAGES_PER_PIPELINE),
        "createdAt": ruddr_time(_ruddr_created_ms(i)),
    }


def _ruddr_pipeline(j: int, pipeline_ids: ReversibleIds) -> dict:
    # Older than every one of its stages, and strictly older as j grows.
    created = RUDDR_NEWEST_MS - STAGES_PER_PIPELINE * 1000 * (j + 1)
    return ruddr_pipeline(pipeline_ids.make(j), f"Pipeline {j}, “large”", None if j % 2 else "Generated.",
                          j % 5 != 4, ruddr_time(created))
