"""The two input streams the destination accepts, and one record of either as a stage to write.

- `stages`, the unified shape source-stages emits (schemas/stages.json): `name`, `description`,
  `status` -> `statusId`, `win_probability` -> `probability`, `is_active` -> `isActive`; the
  pipeline by its Ruddr id (only when `source` is "ruddr") or by `pipeline_name`.
- `ruddr_opportunity_stages`, Ruddr's own shape: the create page's fields as they are, the
  pipeline by `opportunityPipelineId`; `id` and `createdAt` are not sent (Ruddr sets them).

Nothing is checked here (seed_rules.py does), except what no rule can see once the record is a
stage: a value strict JSON does not hold, anywhere in the record (json_values.py). A field the
record lacks is None, as null is; a record arrives without its null fields anyway (the CDK drops
them when it serialises a record).
A Ruddr field is found under its name or its name in lower case: PyAirbyte's caches hand records
over with lower-case column names (`statusid`).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from destination_ruddr.json_values import unstrict_values
from destination_ruddr.messages import shown
from destination_ruddr.seed_rules import Problem
from stage_apis.ruddr.api import RUDDR
from stage_apis.ruddr.rules import ACTIVE_FIELD, CREATE_FIELDS, PIPELINE_FIELD, STATUS_FIELD
from stage_apis.ruddr.streams import RuddrOpportunityStages
from stage_apis.unified_stage import UNIFIED_STREAM

RUDDR_STREAM = RuddrOpportunityStages.name
ACCEPTED_STREAMS = (UNIFIED_STREAM, RUDDR_STREAM)
BODY_FIELDS = CREATE_FIELDS  # the create page's body, less the pipeline (resolved separately)


@dataclass(frozen=True)
class InputStage:
    stream: str
    number: int  # its place among the input's records, from 1
    body: dict[str, object]  # BODY_FIELDS as the record gives them
    pipeline_id: object  # the record's own Ruddr pipeline id
    pipeline_name: object  # the name of its pipeline in the source
    position: object  # its place in its pipeline in the source, if the source has one
    created_at: object
    unstrict: tuple[Problem, ...] = ()  # values strict JSON does not hold (NaN, ...), by input field

    @property
    def label(self) -> str:
        """How messages name the record: its stream, number and name."""
        return f"{self.stream} record {self.number} (name {shown(self.body.get('name'))})"


def from_unified(record: Mapping[str, object], stream: str, number: int) -> InputStage:
    body = {
        "name": record.get("name"),
        "description": record.get("description"),
        "probability": record.get("win_probability"),
        STATUS_FIELD: record.get("status"),
        ACTIVE_FIELD: record.get("is_active"),
    }
    own_id = record.get("pipeline_id") if record.get("source") == RUDDR.key else None
    return InputStage(
        stream, number, body, own_id, record.get("pipeline_name"), record.get("position"), record.get("created_at")
    )


def from_ruddr(record: Mapping[str, object], stream: str, number: int) -> InputStage:
    body = {name: _field(record, name) for name in BODY_FIELDS}
    return InputStage(stream, number, body, _field(record, PIPELINE_FIELD), None, None, _field(record, "createdAt"))


def _field(record: Mapping[str, object], name: str) -> object:
    return record[name] if name in record else record.get(name.lower())


MAPPINGS: Mapping[str, Callable[[Mapping[str, object], str, int], InputStage]] = {
    UNIFIED_STREAM: from_unified,
    RUDDR_STREAM: from_ruddr,
}


def input_stage(stream: str, record: Mapping[str, object], number: int) -> InputStage:
    stage = MAPPINGS[stream](record, stream, number)
    unstrict = tuple(Problem(path or "(the record)", what) for path, what in unstrict_values(record))
    return replace(stage, unstrict=unstrict) if unstrict else stage
