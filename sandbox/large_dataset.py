"""What the resources' ``large:N`` rows share: N stages per API, ten stages per pipeline.

Rows are computed from their index when asked for (``LazyRows``), so ``large:1000000`` starts as
fast as ``large:10``. A window of stage rows is written straight as UTF-8 JSON text, which is
what makes a first read of a page cheap: each of the ten places in a pipeline has a byte template
holding everything fixed, the varying values of the window are computed column by column (ranges,
slices of a table of all times of day, the helpers below), and each row is one ``%`` of its
template. Ids map back to indexes arithmetically (``ReversibleIds`` for UUIDs).
"""

import functools
import json
import operator
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from itertools import chain, cycle, islice, repeat
from typing import NamedTuple

STAGES_PER_PIPELINE = 10
ZENDESK_EPOCH = 1_500_000_000  # 2017-07-14: Zendesk Sell stage i is created i minutes after it
RUDDR_NEWEST_MS = 1_735_689_600_000  # 2025-01-01T00:00:00.000Z: the newest Ruddr stage
_EPOCH_DATE = date(1970, 1, 1)


class Place(NamedTuple):
    """A stage's place in a pipeline, as both APIs' stages at that place show it."""

    position: int
    name: str
    category: str  # Zendesk Sell
    likelihood: int | None
    status: str  # Ruddr
    probability: float


PLACES = [Place(position, *values) for position, values in enumerate([
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


def to_json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def fixed(value) -> str:
    """A JSON value as fixed template text (``%`` doubled)."""
    return to_json(value).replace("%", "%%")


def masked(first: int, step: int, count: int, mask: int) -> Iterable[int]:
    """``(first + k * step) & mask`` for k in 0..count-1."""
    return map(operator.and_, range(first, first + step * count, step), repeat(mask))


def by_place(values: list, start: int, count: int) -> Iterable:
    """``values[i % len(values)]`` for i in start..start+count-1."""
    return islice(chain(values[start % len(values):], cycle(values)), count)


def each(row_json: Callable[[int], str]) -> Callable[[int, int], list[bytes]]:
    """Rows start..stop-1 from a function of one index (for the few rows of small tables)."""
    return lambda start, stop: [row_json(j).encode() for j in range(start, stop)]


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
        return (masked(start * self._HEAD_MULTIPLIER + salt, self._HEAD_MULTIPLIER, count, 0xFFFFFFFF),
                masked(start, 1, count, 0xFFF),
                masked(start * self._MULTIPLIER + salt, self._MULTIPLIER, count, self._MODULUS - 1))

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


@functools.lru_cache(maxsize=65536)
def _date(day: int) -> bytes:
    return (_EPOCH_DATE + timedelta(days=day)).isoformat().encode() + b"T"


@functools.cache
def _clock() -> list[bytes]:
    """All 86,400 b"HH:MM:SS" (built on first use)."""
    return [b"%02d:%02d:%02d" % (h, m, s) for h in range(24) for m in range(60) for s in range(60)]


def timestamps(first: int, step: int, count: int) -> list[bytes]:
    """b"YYYY-MM-DDTHH:MM:SS" (UTC) of the epoch seconds first, first + step, ... (step may be < 0)."""
    clock, stamps = _clock(), []
    while len(stamps) < count:
        day, second = divmod(first, 86400)
        in_day = min(count - len(stamps), (86399 - second) // step + 1 if step > 0 else second // -step + 1)
        end = second + in_day * step
        stamps += map(_date(day).__add__, clock[second:end if end >= 0 else None:step])
        first += in_day * step
    return stamps
