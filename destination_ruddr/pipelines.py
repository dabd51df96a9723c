"""Which Ruddr pipeline a record's stage goes to, from the workspace's pipelines (listed once a sync).

In this order: the record's own Ruddr pipeline id, if it is a pipeline of this workspace (a
record read from another workspace has an id that is not, and goes on to its name); else the
Ruddr pipeline whose name equals the record's `pipeline_name` exactly; else `default_pipeline_id`;
else none, and the record is invalid. The destination never creates a pipeline: the create page
of Ruddr pipelines is not documented.
"""

import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence

from destination_ruddr.input_stages import InputStage
from destination_ruddr.messages import shown
from destination_ruddr.seed_rules import Problem
from stage_apis.ruddr.rules import PIPELINE_FIELD


class Pipelines:
    def __init__(self, pipelines: Sequence[Mapping[str, object]], default_id: str | None):
        self._names: dict[object, object] = {pipeline["id"]: pipeline.get("name") for pipeline in pipelines}
        self._by_name: dict[object, list[object]] = defaultdict(list)
        for pipeline in pipelines:
            self._by_name[pipeline.get("name")].append(pipeline["id"])
        self._default_id = default_id

    def has(self, pipeline_id: object) -> bool:
        return pipeline_id in self._names

    def name(self, pipeline_id: object) -> str:
        """The pipeline as messages name it."""
        return f"{shown(self._names[pipeline_id])} ({pipeline_id})"

    def listing(self) -> str:
        return ", ".join(self.name(pipeline_id) for pipeline_id in self._names) or "none"

    def resolve(self, stage: InputStage) -> object:
        """The id of the stage's pipeline (as Ruddr lists it), or a Problem saying why there is none."""
        own_id = _canonical_uuid(stage.pipeline_id)
        if own_id is not None and self.has(own_id):
            return own_id
        named = self._by_name.get(stage.pipeline_name, []) if isinstance(stage.pipeline_name, str) else []
        if len(named) > 1:
            return Problem(
                PIPELINE_FIELD,
                f"is ambiguous: {len(named)} Ruddr pipelines are named {shown(stage.pipeline_name)}; rename all but "
                "one in Ruddr",
            )
        if named:
            return named[0]
        if self._default_id is not None:
            return self._default_id
        return Problem(
            PIPELINE_FIELD, f"has no Ruddr pipeline: {self._tried(stage)}, and no default_pipeline_id is set"
        )

    def _tried(self, stage: InputStage) -> str:
        tried = []
        if stage.pipeline_id is not None:
            tried.append(f"its pipeline id {shown(stage.pipeline_id)} is not a pipeline of this workspace")
        if stage.pipeline_name is not None:
            tried.append(f"no Ruddr pipeline is named {shown(stage.pipeline_name)}")
        return ", ".join(tried) or "the record names no pipeline"


def _canonical_uuid(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None
