"""The ``large:N`` dataset: N deterministic stages per API, ten stages per pipeline.

Rows are computed from their index when asked for (``LazyRows``), so ``large:1000000`` starts as
fast as ``large:10``. A window of stage rows is written straight as UTF-8 JSON text, which is
what makes a first read of a page cheap: each of the ten places in a pipeline has a byte template
holding everything fixed, the varying values of the window are computed column by column (ranges,
slices of a table of all times of day), and each row is one ``%`` of its template. Ids map back
to indexes arithmetically: Zendesk Sell ids are ``3000000000 + 3 * i`` (above 2^31, with gaps);
Ruddr ids are UUID-v4-shaped strings whose last group is an invertible function of the index.
"""

import functools
import json
import math
import operator
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from itertools import chain, cycle, islice, repeat

from ..records import ruddr_order, ruddr_time, zendesk_order, zendesk_time
from ..tables import LazyRows, Table
from .dataset import Dataset

STAGES_PER_PIPELINE = 10
ZENDESK_STAGE_BASE, ZENDESK_STAGE_STEP = 3_000_000_000, 3
ZENDESK_PIPELINE_BASE = 5_000_000_000
ZENDESK_EPOCH = 1_500_000_000  # 2017-07-14
ZENDESK_HASH = 0x9E3779B97F4A7C15  # position_hash = (id * ZENDESK_HASH) mod 2^48, in hex
RUDDR_NEWEST_MS = 1_735_689_600_000  # 2025-01-01T00:00:00.000Z: the newest stage
_EPOCH_DATE = date(1970, 1, 1)


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _fixed(value) -> str:
    """A JSON value as fixed template text (``%`` doubled)."""
    return _json(value).replace("%", "%%")


def _masked(first: int, step: int, count: int, mask: int) -> Iterable[int]:
    """``(first + k * step) & mask`` for k in 0..count-1."""
    return map(operator.and_, range(first, first + step * count, step), repeat(mask))


class ReversibleIds:
    """Index <-> UUID-v4-shaped string, without storing anything."""

    _MODULUS = 1 << 48
    _MULTIPLIER = 0x5DEECE66D
    _INVERSE = pow(_MULTIPLIER, -1, _MODULUS)
    _HEAD_MULTIPLIER = 2654435761

    def __init__(self, salt: int):
        self._salt = salt
        # Filled with ``columns``: a hash of the index, its low 12 bits, the invertible node.
        self.format = f"%08x-{salt & 0xFFFF:04x}-4%03x-a{salt % 4096:03x}-%012x"

    def columns(self, start: int, stop: int) -> tuple[Iterable[int], Iterable[int], Iterable[int]]:
        """The values for ``format`` of the indexes start..stop-1, one iterable per placeholder."""
        count, salt = stop - start, self._salt
        return (_masked(start * self._HEAD_MULTIPLIER + salt, self._HEAD_MULTIPLIER, count, 0xFFFFFFFF),
                _masked(start, 1, count, 0xFFF),
                _masked(start * self._MULTIPLIER + salt, self._MULTIPLIER, count, self._MODULUS - 1))

    def make(self, index: int) -> str:
        return self.format % next(zip(*self.columns(index, index + 1)))

    def make_many(self, start: int, stop: int) -> list[bytes]:
        return list(map(self.format.encode().__mod__, zip(*self.columns(start, stop))))

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


class Slot:
    """The stage at one place in a pipeline, as byte templates of its row in each API.

    ``zendesk`` takes: id, index, pipeline_id, created_at, updated_at, position_hash. ``ruddr``
    takes: the id's three parts, index, index again (printed by the description of odd places,
    consumed unprinted by the ``null`` of even ones), isActive, opportunityPipelineId, createdAt
    to the second, its milliseconds.
    """

    def __init__(self, position: int, name: str, category: str, likelihood: int | None, status: str,
                 probability: float):
        original = category in ("incoming", "won", "lost")
        name_open = _fixed(name)[:-1]  # '"Name' without the closing quote: ' #i"' follows
        self.zendesk = (
            f'{{"id":%d,"name":{name_open} #%d","category":{_fixed(category)},'
            f'"active":{_fixed(category not in ("won", "lost", "unqualified"))},"position":{2 * position + 1},'
            f'"likelihood":{_fixed(likelihood)},"pipeline_id":%d,"created_at":"%sZ","updated_at":"%sZ",'
            f'"locale_key":{_fixed(name.lower() if original else None)},"position_hash":"%012x",'
            f'"has_original_name":{_fixed(original)}}}').encode()
        description = f'"Stage %s, slot {position}: \\"awkward\\"\\ntext"' if position % 2 else "null%.0s"
        self.ruddr = (
            f'{{"id":"{STAGE_IDS.format}","name":{name_open} #%s","description":{description},'
            f'"probability":{_fixed(probability)},"statusId":{_fixed(status)},"isActive":%s,'
            f'"opportunityPipelineId":"%s","createdAt":"%s.%03dZ"}}').encode()


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
ZENDESK_TEMPLATES = [slot.zendesk for slot in SLOTS]
RUDDR_TEMPLATES = [slot.ruddr for slot in SLOTS]
RUDDR_ACTIVE = [b"false"] + [b"true"] * 12  # isActive by index mod 13
# Ruddr createdAt (ms) of index i: RUDDR_NEWEST_MS - 1000 * i - (i * 7919) % 1000, strictly older
# as i grows, with varied milliseconds; the milliseconds repeat every 1000 indexes.
RUDDR_MILLIS = [(1000 - i * 7919 % 1000) % 1000 for i in range(1000)]


def build_large(count: int) -> Dataset:
    pipelines = math.ceil(count / STAGES_PER_PIPELINE)
    return Dataset(
        name=f"large:{count}",
        zendesk_stages=Table(LazyRows(count, zendesk_stages_json, _zendesk_stage_index), zendesk_order),
        zendesk_pipelines=Table(LazyRows(pipelines, _each(zendesk_pipeline_json), _zendesk_pipeline_index),
                                zendesk_order),
        ruddr_stages=Table(LazyRows(count, ruddr_stages_json, STAGE_IDS.index), ruddr_order, descending=True),
        ruddr_pipelines=Table(LazyRows(pipelines, _each(ruddr_pipeline_json), PIPELINE_IDS.index), ruddr_order,
                              descending=True),
        ruddr_workspace={"id": "6f1c2d3e-4a5b-4c6d-8e7f-a0b1c2d3e4f5", "name": f"Large workspace ({count} stages)"},
    )


def _each(row_json: Callable[[int], str]) -> Callable[[int, int], list[bytes]]:
    return lambda start, stop: [row_json(j).encode() for j in range(start, stop)]


def _by_place(values: list, start: int, count: int) -> Iterable:
    """``values[i % len(values)]`` for i in start..start+count-1."""
    return islice(chain(values[start % len(values):], cycle(values)), count)


@functools.lru_cache(maxsize=65536)
def _date(day: int) -> bytes:
    return (_EPOCH_DATE + timedelta(days=day)).isoformat().encode() + b"T"


@functools.cache
def _clock() -> list[bytes]:
    """All 86,400 b"HH:MM:SS" (built on first use)."""
    return [b"%02d:%02d:%02d" % (h, m, s) for h in range(24) for m in range(60) for s in range(60)]


def _timestamps(first: int, step: int, count: int) -> list[bytes]:
    """b"YYYY-MM-DDTHH:MM:SS" (UTC) of the epoch seconds first, first + step, ... (step may be < 0)."""
    clock, stamps = _clock(), []
    while len(stamps) < count:
        day, second = divmod(first, 86400)
        in_day = min(count - len(stamps), (86399 - second) // step + 1 if step > 0 else second // -step + 1)
        end = second + in_day * step
        stamps += map(_date(day).__add__, clock[second:end if end >= 0 else None:step])
        first += in_day * step
    return stamps


def zendesk_stages_json(start: int, stop: int) -> list[bytes]:
    """Stages start..stop-1: id 3000000000 + 3i, pipeline i // 10, created_at one minute per index
    after ZENDESK_EPOCH, updated_at (i % 7) hours after created_at."""
    count = stop - start
    first_id = ZENDESK_STAGE_BASE + ZENDESK_STAGE_STEP * start
    created = ZENDESK_EPOCH + 60 * start
    # updated_at of rows 7 apart: the same i % 7, so 7 minutes apart.
    updated = [b""] * count
    for offset in range(min(7, count)):
        i = start + offset
        updated[offset::7] = _timestamps(created + 60 * offset + 3600 * (i % 7), 420, len(range(offset, count, 7)))
    pipeline_tenths = ZENDESK_PIPELINE_BASE * STAGES_PER_PIPELINE
    return list(map(operator.mod, _by_place(ZENDESK_TEMPLATES, start, count), zip(
        range(first_id, first_id + ZENDESK_STAGE_STEP * count, ZENDESK_STAGE_STEP),
        range(start, stop),
        map(operator.floordiv, range(pipeline_tenths + start, pipeline_tenths + stop), repeat(STAGES_PER_PIPELINE)),
        _timestamps(created, 60, count),
        updated,
        _masked(first_id * ZENDESK_HASH, ZENDESK_STAGE_STEP * ZENDESK_HASH, count, 0xFFFFFFFFFFFF))))


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


def ruddr_stages_json(start: int, stop: int) -> list[bytes]:
    """Stages start..stop-1 (index 0 is the newest): ids from STAGE_IDS, ten per pipeline of
    PIPELINE_IDS, createdAt as RUDDR_MILLIS describes."""
    count = stop - start
    # createdAt to the second: one second older per index, one more where the milliseconds are
    # not 0 (every index but the multiples of 1000).
    newest = RUDDR_NEWEST_MS // 1000
    created = _timestamps(newest - start - 1, -1, count)
    for i in range(-(-start // 1000) * 1000, stop, 1000):
        created[i - start] = _timestamps(newest - i, 1, 1)[0]
    numbers = list(map(b"%d".__mod__, range(start, stop)))
    pipeline_ids = PIPELINE_IDS.make_many(start // STAGES_PER_PIPELINE, (stop - 1) // STAGES_PER_PIPELINE + 1)
    pipelines = islice(chain.from_iterable(map(repeat, pipeline_ids, repeat(STAGES_PER_PIPELINE))),
                       start % STAGES_PER_PIPELINE, None)
    return list(map(operator.mod, _by_place(RUDDR_TEMPLATES, start, count), zip(
        *STAGE_IDS.columns(start, stop), numbers, numbers, _by_place(RUDDR_ACTIVE, start, count), pipelines, created,
        _by_place(RUDDR_MILLIS, start, count))))


def ruddr_pipeline_json(j: int) -> str:
    # Older than every one of its stages, and strictly older as j grows.
    created = RUDDR_NEWEST_MS - STAGES_PER_PIPELINE * 1000 * (j + 1)
    return (f'{{"id":"{PIPELINE_IDS.make(j)}","name":"Pipeline {j}, “large”",'
            f'"description":{"null" if j % 2 else _json("Generated.")},"isActive":{"false" if j % 5 == 4 else "true"},'
            f'"createdAt":"{ruddr_time(created)}"}}')
