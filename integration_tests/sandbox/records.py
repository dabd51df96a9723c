"""Record shapes, timestamps and natural orders of the two APIs.

Zendesk Sell lists default to ``id`` ascending and print times as ``2017-09-25T13:12:47Z``.
Ruddr lists are newest first by ``createdAt`` (ties broken by ``id``, also descending) and print
times with milliseconds, ``2025-04-18T10:22:37.614Z``.
"""

import functools
import hashlib
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from typing import Any

RUDDR_STAGE_FIELDS = ("id", "name", "description", "probability", "statusId", "isActive",
                      "opportunityPipelineId", "createdAt")
RUDDR_PIPELINE_FIELDS = ("id", "name", "description", "isActive", "createdAt")
_EPOCH = date(1970, 1, 1)


def zendesk_time(epoch_seconds: float) -> str:
    day, second = divmod(int(epoch_seconds), 86400)
    return f"{_utc_date(day)}T{_clock()[second]}Z"


def ruddr_time(epoch_ms: int) -> str:
    day, ms = divmod(epoch_ms, 86_400_000)
    return f"{_utc_date(day)}T{_clock()[ms // 1000]}.{ms % 1000:03d}Z"


# The large datasets format millions of timestamps: dates are cached per day and the time of
# day is looked up in a table of all 86,400 "HH:MM:SS" strings (built on first use).
@functools.lru_cache(maxsize=65536)
def _utc_date(day: int) -> str:
    return (_EPOCH + timedelta(days=day)).isoformat()


@functools.cache
def _clock() -> list[str]:
    return [f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)]


def parse_zendesk_time(text: str) -> float:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp()


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def zendesk_order(row: dict) -> Any:
    return row["id"]


def ruddr_order(row: dict) -> Any:
    return row["createdAt"], row["id"]


def position_hash(seed: str) -> str:
    return hashlib.sha1(seed.encode()).hexdigest()[:12]


def stable_uuid(seed: str) -> str:
    """A version-4-shaped UUID derived from ``seed`` (Ruddr ids are UUID v4)."""
    return str(uuid.UUID(bytes=uuid.uuid5(uuid.NAMESPACE_URL, seed).bytes, version=4))


def zendesk_stage(stage_id: int, name: str, category: str, active: bool, position: int,
                  likelihood: int | None, pipeline_id: int, created_at: str, updated_at: str | None = None,
                  locale_key: str | None = None) -> dict:
    return {
        "id": stage_id, "name": name, "category": category, "active": active, "position": position,
        "likelihood": likelihood, "pipeline_id": pipeline_id, "created_at": created_at,
        "updated_at": updated_at or created_at, "locale_key": locale_key,
        "position_hash": position_hash(f"{pipeline_id}:{position}:{stage_id}"),
        "has_original_name": locale_key is not None,
    }


def zendesk_pipeline(pipeline_id: int, name: str, disabled: bool, created_at: str,
                     updated_at: str | None = None, locale_key: str | None = None) -> dict:
    return {"id": pipeline_id, "name": name, "disabled": disabled, "created_at": created_at,
            "updated_at": updated_at or created_at, "locale_key": locale_key}


def ruddr_stage(stage_id: str, fields: dict, created_at: str) -> dict:
    """A stage from validated write fields, keyed in the order Ruddr's examples print them."""
    values = {**fields, "id": stage_id, "createdAt": created_at}
    return {name: values.get(name) for name in RUDDR_STAGE_FIELDS}


def ruddr_pipeline(pipeline_id: str, name: str, description: str | None, is_active: bool, created_at: str) -> dict:
    return {"id": pipeline_id, "name": name, "description": description, "isActive": is_active,
            "createdAt": created_at}
