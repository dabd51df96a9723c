"""Each API's stages in the unified shape of the `stages` stream (stage_apis/unified_stage.py says
what the shape means and decides what the API docs leave open)."""

from collections.abc import Mapping

from stage_apis.ruddr.api import RUDDR
from stage_apis.ruddr.rules import ACTIVE_FIELD, PIPELINE_FIELD, STATUS_FIELD
from stage_apis.unified_stage import STAGE_STATUSES, PipelineNames, UnifiedStage, is_number, win_probability
from stage_apis.zendesk_sell.api import ZENDESK_SELL

ZENDESK_SELL_STATUS_OF_CATEGORY = {
    "incoming": "open",
    "in_progress": "open",
    "won": "won",
    "lost": "lost",
    "unqualified": "lost",
}


def zendesk_sell_stage(stage: Mapping[str, object], pipeline_names: PipelineNames) -> UnifiedStage:
    category = stage.get("category")
    status = ZENDESK_SELL_STATUS_OF_CATEGORY.get(category) if isinstance(category, str) else None
    likelihood = stage.get("likelihood")
    return {
        "source": ZENDESK_SELL.key,
        "id": _text(stage.get("id")),
        "pipeline_id": _text(stage.get("pipeline_id")),
        "pipeline_name": pipeline_names.get(stage.get("pipeline_id")),
        "name": stage.get("name"),
        "description": None,
        "status": status,
        "category": category,
        "win_probability": win_probability(likelihood / 100 if is_number(likelihood) else None, status),
        "position": stage.get("position"),
        "is_active": stage.get("active"),
        "created_at": stage.get("created_at"),
        "updated_at": stage.get("updated_at"),
    }


def ruddr_stage(stage: Mapping[str, object], pipeline_names: PipelineNames) -> UnifiedStage:
    status_id = stage.get(STATUS_FIELD)
    status = status_id if status_id in STAGE_STATUSES else None
    return {
        "source": RUDDR.key,
        "id": stage.get("id"),
        "pipeline_id": stage.get(PIPELINE_FIELD),
        "pipeline_name": pipeline_names.get(stage.get(PIPELINE_FIELD)),
        "name": stage.get("name"),
        "description": stage.get("description"),
        "status": status,
        "category": status_id,
        "win_probability": win_probability(stage.get("probability"), status),
        "position": None,
        "is_active": stage.get(ACTIVE_FIELD),
        "created_at": stage.get("createdAt"),
        "updated_at": None,
    }


def _text(value: object) -> str | None:
    return None if value is None else str(value)
