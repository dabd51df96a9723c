"""The mapping of both APIs' stages onto one `stages` record (schemas/stages.json documents it).

Decisions the API docs leave open:
- A category the docs do not list (Zendesk Sell documents incoming, in_progress, won, lost and
  unqualified; Ruddr open, won and lost) keeps its value in `category`, and `status` is null:
  guessing open/won/lost would put a stage on the wrong side of a forecast. The stream warns once
  per sync, naming every such category and how many stages have it.
- `win_probability` is the source's own figure when it has one. A won or lost stage without one
  (Zendesk Sell leaves `likelihood` null on its won, lost and unqualified stages) gets 1 or 0: a
  deal in such a stage is decided, and Ruddr gives its won and lost stages exactly 1 and 0, so a
  forecast summing amount x win_probability treats both systems alike. An open stage or one of
  unknown status without a figure stays null: nothing says how likely it is.
"""

from dataclasses import dataclass
from typing import Any, Callable, Dict, Mapping, Optional

from source_stages.providers import RUDDR, ZENDESK_SELL

UnifiedStage = Dict[str, Any]
PipelineNames = Mapping[Any, Optional[str]]  # the source's pipeline id -> name

ZENDESK_SELL_STATUS = {"incoming": "open", "in_progress": "open", "won": "won", "lost": "lost", "unqualified": "lost"}
RUDDR_STATUS = {"open": "open", "won": "won", "lost": "lost"}
DECIDED_WIN_PROBABILITY = {"won": 1.0, "lost": 0.0}


def zendesk_sell_stage(stage: Mapping[str, Any], pipeline_names: PipelineNames) -> UnifiedStage:
    category = stage.get("category")
    status = ZENDESK_SELL_STATUS.get(category) if isinstance(category, str) else None
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
        "win_probability": _win_probability(likelihood / 100 if _is_number(likelihood) else None, status),
        "position": stage.get("position"),
        "is_active": stage.get("active"),
        "created_at": stage.get("created_at"),
        "updated_at": stage.get("updated_at"),
    }


def ruddr_stage(stage: Mapping[str, Any], pipeline_names: PipelineNames) -> UnifiedStage:
    status_id = stage.get("statusId")
    status = RUDDR_STATUS.get(status_id) if isinstance(status_id, str) else None
    probability = stage.get("probability")
    return {
        "source": RUDDR.key,
        "id": stage.get("id"),
        "pipeline_id": stage.get("opportunityPipelineId"),
        "pipeline_name": pipeline_names.get(stage.get("opportunityPipelineId")),
        "name": stage.get("name"),
        "description": stage.get("description"),
        "status": status,
        "category": status_id,
        "win_probability": _win_probability(probability if _is_number(probability) else None, status),
        "position": None,
        "is_active": stage.get("isActive"),
        "created_at": stage.get("createdAt"),
        "updated_at": None,
    }


@dataclass(frozen=True)
class StageSource:
    """Where one provider's stages and pipeline names come from, and how a stage maps."""

    provider_key: str
    stages_stream: str
    pipelines_stream: str
    to_unified: Callable[[Mapping[str, Any], PipelineNames], UnifiedStage]


STAGE_SOURCES = {
    ZENDESK_SELL.key: StageSource(ZENDESK_SELL.key, "zendesk_sell_stages", "zendesk_sell_pipelines", zendesk_sell_stage),
    RUDDR.key: StageSource(RUDDR.key, "ruddr_opportunity_stages", "ruddr_opportunity_pipelines", ruddr_stage),
}


def _win_probability(own: Optional[float], status: Optional[str]) -> Optional[float]:
    return own if own is not None else DECIDED_WIN_PROBABILITY.get(status)  # type: ignore[arg-type]


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _text(value: Any) -> Optional[str]:
    return None if value is None else str(value)
