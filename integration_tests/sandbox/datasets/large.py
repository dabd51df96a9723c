"""The ``large:N`` dataset: N deterministic stages per API, ten stages per pipeline.

Rows are computed from their index when asked for (``LazyRows``), so ``large:1000000`` starts as
fast as ``large:10``; each row is written straight as JSON text, which is what makes a first
read of a page cheap. Ids map back to indexes arithmetically: Zendesk Sell ids are
``3000000000 + 3 * i`` (above 2^31, with gaps); Ruddr ids are UUID-v4-shaped strings whose last
group is an invertible function of the index.
"""

import functools
import json
import math

from ..records import ruddr_order, ruddr_time, zendesk_order, zendesk_time
from ..tables import LazyRows, Table
from .dataset import Dataset

STAGES_PER_PIPELINE = 10
ZENDESK_STAGE_BASE, ZENDESK_STAGE_STEP = 3_000_000_000, 3
ZENDESK_PIPELINE_BASE = 5_000_000_000
ZENDESK_EPOCH = 1_500_000_000  # 2017-07-14
RUDDR_NEWEST_MS = 1_735_689_600_000  # 2025-01-01T00:00:00.000Z: the newest stage


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


class Slot:
    """The fixed part of the stage at one place in a pipeline, as pre-joined JSON fragments."""

    def __init__(self, position: int, name: str, category: str, likelihood: int | None, status: str,
                 probability: float):
        original = category in ("incoming", "won", "lost")
        self.name_open = _json(name)[:-1]  # '"Name' without the closing quote: ' #i"' follows
        self.zendesk_middle = (f'","category":{_json(category)},'
                               f'"active":{_json(category not in ("won", "lost", "unqualified"))},'
                               f'"position":{2 * position + 1},"likelihood":{_json(likelihood)},"pipeline_id":')
        self.zendesk_locale = f',"locale_key":{_json(name.lower() if original else None)},"position_hash":"'
        self.zendesk_end = f'","has_original_name":{_json(original)}}}'
        self.ruddr_middle = f',"probability":{_json(probability)},"statusId":{_json(status)},"isActive":'


SLOTS = [Slot(position, *values) for position, values in enumerate([
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
])]


class ReversibleIds:
    """Index <-> UUID-v4-shaped string, without storing anything."""

    _MODULUS = 1 << 48
    _MULTIPLIER = 0x5DEECE66D
    _INVERSE = pow(_MULTIPLIER, -1, _MODULUS)

    def __init__(self, salt: int):
        self._salt = salt
        self._middle = f"-{salt & 0xFFFF:04x}-4"
        self._variant = f"-a{salt % 4096:03x}-"

    def make(self, index: int) -> str:
        node = (index * self._MULTIPLIER + self._salt) & 0xFFFFFFFFFFFF
        head = (index * 2654435761 + self._salt) & 0xFFFFFFFF
        return f"{head:08x}{self._middle}{index & 0xFFF:03x}{self._variant}{node:012x}"

    def index(self, value) -> int | None:
        if not isinstance(value, str) or len(value) != 36:
            return None
        try:
            node = int(value[24:], 16)
        except ValueError:
            return None
        index = ((node - self._salt) * self._INVERSE) % self._MODULUS
        return index if self.make(index) == value else None


STAGE_IDS, PIPELINE_IDS = ReversibleIds(0x51A6E5), ReversibleIds(0x919E1)
_pipeline_uuid = functools.lru_cache(maxsize=4096)(PIPELINE_IDS.make)  # ten stages in a row share one


def build_large(count: int) -> Dataset:
    pipelines = math.ceil(count / STAGES_PER_PIPELINE)
    return Dataset(
        name=f"large:{count}",
        zendesk_stages=Table(LazyRows(count, zendesk_stage_json, _zendesk_stage_index), zendesk_order),
        zendesk_pipelines=Table(LazyRows(pipelines, zendesk_pipeline_json, _zendesk_pipeline_index), zendesk_order),
        ruddr_stages=Table(LazyRows(count, ruddr_stage_json, STAGE_IDS.index), ruddr_order, descending=True),
        ruddr_pipelines=Table(LazyRows(pipelines, ruddr_pipeline_json, PIPELINE_IDS.index), ruddr_order,
                              descending=True),
        ruddr_workspace={"id": "6f1c2d3e-4a5b-4c6d-8e7f-a0b1c2d3e4f5", "name": f"Large workspace ({count} stages)"},
    )


def zendesk_stage_json(i: int) -> str:
    slot = SLOTS[i % STAGES_PER_PIPELINE]
    stage_id = ZENDESK_STAGE_BASE + ZENDESK_STAGE_STEP * i
    created = ZENDESK_EPOCH + 60 * i
    return (f'{{"id":{stage_id},"name":{slot.name_open} #{i}{slot.zendesk_middle}'
            f'{ZENDESK_PIPELINE_BASE + i // STAGES_PER_PIPELINE},"created_at":"{zendesk_time(created)}",'
            f'"updated_at":"{zendesk_time(created + 3600 * (i % 7))}"{slot.zendesk_locale}'
            f'{(stage_id * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFF:012x}{slot.zendesk_end}')


def _zendesk_stage_index(stage_id) -> int | None:
    if type(stage_id) is not int:
        return None
    offset = stage_id - ZENDESK_STAGE_BASE
    return offset // ZENDESK_STAGE_STEP if offset % ZENDESK_STAGE_STEP == 0 else None


def zendesk_pipeline_json(j: int) -> str:
    created = zendesk_time(ZENDESK_EPOCH + 600 * j)
    return (f'{{"id":{ZENDESK_PIPELINE_BASE + j},"name":"Pipeline {j}, “large”",'
            f'"disabled":{"true" if j % 5 == 4 else "false"},'
            f'"created_at":"{created}","updated_at":"{created}","locale_key":null}}')


def _zendesk_pipeline_index(pipeline_id) -> int | None:
    return pipeline_id - ZENDESK_PIPELINE_BASE if type(pipeline_id) is int else None


def ruddr_stage_json(i: int) -> str:
    position = i % STAGES_PER_PIPELINE
    slot = SLOTS[position]
    # Strictly older as i grows (index 0 is the newest), with varied milliseconds.
    created = RUDDR_NEWEST_MS - 1000 * i - (i * 7919) % 1000
    description = "null" if position % 2 == 0 else f'"Stage {i}, slot {position}: \\"awkward\\"\\ntext"'
    return (f'{{"id":"{STAGE_IDS.make(i)}","name":{slot.name_open} #{i}","description":{description}'
            f'{slot.ruddr_middle}{"true" if i % 13 else "false"},'
            f'"opportunityPipelineId":"{_pipeline_uuid(i // STAGES_PER_PIPELINE)}",'
            f'"createdAt":"{ruddr_time(created)}"}}')


def ruddr_pipeline_json(j: int) -> str:
    # Older than every one of its stages, and strictly older as j grows.
    created = RUDDR_NEWEST_MS - STAGES_PER_PIPELINE * 1000 * (j + 1)
    return (f'{{"id":"{PIPELINE_IDS.make(j)}","name":"Pipeline {j}, “large”",'
            f'"description":{"null" if j % 2 else _json("Generated.")},"isActive":{"false" if j % 5 == 4 else "true"},'
            f'"createdAt":"{ruddr_time(created)}"}}')
