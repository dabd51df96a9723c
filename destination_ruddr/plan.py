"""What to do with each valid stage, given the stages Ruddr already has, and in which order.

Order: the source's. Pipelines in the order the input first names them; in a pipeline, the
stages with a `position` by position, then the others oldest first (`createdAt` / `created_at`),
then in input order. Ruddr keeps the order stages were created in, so it then lists them as the
source does.

A stage whose pipeline already has one of its name (exactly) is compared on every field of the
body (description, probability, statusId, isActive; a missing description is null and a missing
isActive is true, as a POST would make them): the same is `unchanged`; different is `update` (a
PATCH of the fields that differ) with on_existing=update, `skip` with on_existing=skip. If Ruddr
holds several stages of that name in the pipeline, the oldest is the one compared.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from destination_ruddr.config import SKIP, UPDATE
from destination_ruddr.input_stages import BODY_FIELDS
from destination_ruddr.validation import Stage
from stage_apis.ruddr.rules import PIPELINE_FIELD

# The actions; UPDATE and SKIP are also the values of the `on_existing` option that chooses them.
CREATE, UNCHANGED = "create", "unchanged"
ACTIONS = (CREATE, UPDATE, UNCHANGED, SKIP)
COMPARED_FIELDS = tuple(name for name in BODY_FIELDS if name != "name")


@dataclass(frozen=True)
class Step:
    action: str
    stage: Stage
    existing: Mapping[str, object] | None = None  # Ruddr's stage of that name
    changes: dict[str, tuple[object, object]] = field(default_factory=dict)  # field -> (Ruddr's value, the record's)

    @property
    def existing_id(self) -> object:
        """The id of Ruddr's stage of that name (None for a stage to create)."""
        return None if self.existing is None else self.existing["id"]

    @property
    def patch(self) -> dict[str, object]:
        return {name: new for name, (_, new) in self.changes.items()}


def plan(stages: Sequence[Stage], existing: Sequence[Mapping[str, object]], on_existing: str) -> list[Step]:
    oldest: dict[tuple[object, object], Mapping[str, object]] = {}
    for stage in sorted(existing, key=lambda stage: str(stage.get("createdAt")), reverse=True):
        oldest[stage.get(PIPELINE_FIELD), stage.get("name")] = stage  # the oldest is set last
    return [_step(stage, oldest.get(stage.key), on_existing) for stage in write_order(stages)]


def write_order(stages: Sequence[Stage]) -> list[Stage]:
    pipelines: dict[object, int] = {}
    for stage in stages:
        pipelines.setdefault(stage.body[PIPELINE_FIELD], len(pipelines))

    def place(stage: Stage) -> tuple[object, ...]:
        position, created_at = stage.record.position, stage.record.created_at
        positioned = isinstance(position, int) and not isinstance(position, bool)
        dated = isinstance(created_at, str)
        return (
            pipelines[stage.body[PIPELINE_FIELD]],
            not positioned,
            position if positioned else 0,
            not dated,
            created_at if dated else "",
            stage.record.number,
        )

    return sorted(stages, key=place)


def _step(stage: Stage, existing: Mapping[str, object] | None, on_existing: str) -> Step:
    if existing is None:
        return Step(CREATE, stage)
    changes = {
        name: (existing.get(name), stage.body[name])
        for name in COMPARED_FIELDS
        if not _same(existing.get(name), stage.body[name])
    }
    if not changes:
        return Step(UNCHANGED, stage, existing)
    return Step(UPDATE if on_existing == UPDATE else SKIP, stage, existing, changes)


def _same(theirs: object, ours: object) -> bool:
    if theirs == "":
        theirs = None  # Ruddr stores an empty string as null
    if isinstance(theirs, bool) or isinstance(ours, bool):
        return theirs is ours
    return theirs == ours  # numbers compare by value: 1 == 1.0
