"""Timestamps as the two APIs print them, and parsed back.

Zendesk Sell: ``2017-09-25T13:12:47Z``. Ruddr: with milliseconds, ``2025-04-18T10:22:37.614Z``.
"""

import functools
import time
from datetime import date, datetime, timedelta, timezone

_EPOCH = date(1970, 1, 1)


def zendesk_time(epoch_seconds: float) -> str:
    day, second = divmod(int(epoch_seconds), 86400)
    return f"{_utc_date(day)}T{_clock()[second]}Z"


def ruddr_time(epoch_ms: int) -> str:
    day, ms = divmod(epoch_ms, 86_400_000)
    return f"{_utc_date(day)}T{_clock()[ms // 1000]}.{ms % 1000:03d}Z"


def parse_zendesk_time(text: str) -> float:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp()


def now_ms() -> int:
    return time.time_ns() // 1_000_000


# The large datasets format millions of timestamps: dates are cached per day and the time of
# day is looked up in a table of all 86,400 "HH:MM:SS" strings (built on first use).
@functools.lru_cache(maxsize=65536)
def _utc_date(day: int) -> str:
    return (_EPOCH + timedelta(days=day)).isoformat()


@functools.cache
def _clock() -> list[str]:
    return [f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)]
