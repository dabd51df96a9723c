"""The unified `stages` record: one shape for the stages of every API, which source-stages emits
(source_stages/schemas/stages.json documents each field; source_stages/unified_mapping.py maps
each API's stages onto it) and destination-ruddr reads.

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

from collections.abc import Mapping
from typing import TypeGuard

from stage_apis.ruddr.rules import STATUSES

UNIFIED_STREAM = "stages"
STAGE_STATUSES = STATUSES  # the unified `status` takes Ruddr's statuses
DECIDED_WIN_PROBABILITY = {"won": 1.0, "lost": 0.0}

UnifiedStage = dict[str, object]
PipelineNames = Mapping[object, object]  # the API's pipeline id -> name, as the API gave them


def win_probability(own: object, status: str | None) -> float | None:
    """The source's own figure (a number from 0 to 1), else 1 or 0 for a decided stage, else None."""
    if is_number(own):
        return own
    return None if status is None else DECIDED_WIN_PROBABILITY.get(status)


def is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
