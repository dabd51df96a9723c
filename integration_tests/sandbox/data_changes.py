"""Changing a dataset from outside the APIs: inserts, deletes and updates by resource path.

Used by scripted mutations (a change between two page requests) and by the control plane.
Inserted records get complete, legal defaults; a Ruddr stage goes through the POST validation.
Zendesk Sell updates bump ``updated_at`` (always forward, by at least one second).
"""

import time
import uuid
from typing import Any

from .datasets import Dataset
from .records import (now_ms, parse_zendesk_time, ruddr_pipeline, ruddr_stage, ruddr_time, zendesk_pipeline,
                      zendesk_stage, zendesk_time)
from .ruddr_validation import validate_stage
from .tables import Table

TABLES_BY_PATH = {
    "/v2/stages": "zendesk_stages",
    "/v2/pipelines": "zendesk_pipelines",
    "/api/workspace/opportunity-stages": "ruddr_stages",
    "/api/workspace/opportunity-pipelines": "ruddr_pipelines",
}


def table_name(path: str) -> str:
    name = TABLES_BY_PATH.get(path.rstrip("/"))
    if name is None:
        raise ValueError(f"no data behind {path!r}; paths with data: {', '.join(TABLES_BY_PATH)}")
    return name


def build_insert(dataset: Dataset, name: str, record: dict | None) -> dict:
    """A complete new record for table ``name`` (``record`` overrides the defaults)."""
    record = dict(record or {})
    table: Table = getattr(dataset, name)
    if name == "zendesk_stages":
        stage_id = record.pop("id", None) or _next_int_id(table)
        pipeline = dataset.zendesk_pipelines.first()
        row = zendesk_stage(stage_id, f"Inserted stage {stage_id}", "in_progress", True, 5, 25,
                            pipeline["id"] if pipeline else 1, zendesk_time(time.time()))
        return {**row, **record}
    if name == "zendesk_pipelines":
        pipeline_id = record.pop("id", None) or _next_int_id(table)
        return {**zendesk_pipeline(pipeline_id, f"Inserted pipeline {pipeline_id}", False,
                                   zendesk_time(time.time())), **record}
    stage_or_pipeline_id = record.pop("id", None) or str(uuid.uuid4())
    created = record.pop("createdAt", None) or ruddr_time(now_ms())
    if name == "ruddr_pipelines":
        return {**ruddr_pipeline(stage_or_pipeline_id, "Inserted pipeline", None, True, created), **record}
    pipeline = dataset.ruddr_pipelines.first()
    body = {"name": "Inserted stage", "probability": 0.5, "statusId": "open",
            "opportunityPipelineId": pipeline["id"] if pipeline else None, **record}
    fields, errors = validate_stage(body, partial=False,
                                    pipeline_exists=lambda pid: dataset.ruddr_pipelines.get(pid) is not None)
    if errors:
        raise ValueError(f"invalid Ruddr stage: {'; '.join(errors)}")
    return ruddr_stage(stage_or_pipeline_id, fields, created)


def update(dataset: Dataset, name: str, row_id: Any, fields: dict) -> dict:
    """Change fields of one record; raise KeyError if it does not exist."""
    table: Table = getattr(dataset, name)
    current = table.get(row_id)
    if current is None:
        raise KeyError(row_id)
    fields = {key: value for key, value in fields.items() if key != "id"}
    if name.startswith("zendesk"):
        previous = parse_zendesk_time(current["updated_at"])
        fields.setdefault("updated_at", zendesk_time(max(time.time(), previous + 1)))
    elif name == "ruddr_stages":
        fields, errors = validate_stage(fields, partial=True,
                                        pipeline_exists=lambda pid: dataset.ruddr_pipelines.get(pid) is not None)
        if errors:
            raise ValueError(f"invalid Ruddr stage: {'; '.join(errors)}")
    return table.update(row_id, fields)


def _next_int_id(table: Table) -> int:
    last = table.rows[-1]["id"] if len(table.rows) else 0
    return last + 1
