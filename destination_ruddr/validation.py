"""Every input record checked before anything is written: values strict JSON does not hold
(json_values.py), the seed's rules (seed_rules.py), its pipeline (pipelines.py), and one stage per
name in a pipeline.

Two records for the same name in the same pipeline are one stage when they agree in every field
(a source may deliver a record twice) and a broken rule when they do not: which one Ruddr should
hold is not for the destination to guess. If any record is invalid, the sync writes nothing and
fails with a config_error that lists the bad records (at most MAX_LISTED of them, then a count).
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from destination_ruddr.input_stages import InputStage
from destination_ruddr.messages import failure
from destination_ruddr.pipelines import Pipelines
from destination_ruddr.seed_rules import Problem, check_body
from stage_apis.ruddr.rules import PIPELINE_FIELD

MAX_LISTED = 20


@dataclass
class Stage:
    """A valid record: the body to POST, and the input records it stands for (more than one when
    the input repeats it)."""

    record: InputStage
    body: dict[str, object]
    numbers: list[int]

    @property
    def key(self) -> tuple[object, object]:
        return self.body[PIPELINE_FIELD], self.body["name"]


@dataclass
class Validated:
    stages: list[Stage] = field(default_factory=list)
    invalid: list[tuple[InputStage, Problem]] = field(default_factory=list)
    rounded: Counter[str] = field(default_factory=Counter)  # stream -> probabilities rounded to the allowed places


def validate_records(records: Sequence[InputStage], pipelines: Pipelines) -> Validated:
    validated = Validated()
    by_key: dict[tuple[object, object], Stage] = {}
    for record in records:
        checked = check_body(record.body)
        pipeline = pipelines.resolve(record)
        flagged = {problem.field for problem in record.unstrict}  # said once: `probability` is NaN
        rules = [problem for problem in checked.problems if problem.field not in flagged]
        problems = [*record.unstrict, *rules] + ([pipeline] if isinstance(pipeline, Problem) else [])
        validated.invalid += [(record, problem) for problem in problems]
        if problems:
            continue
        if checked.rounded:
            validated.rounded[record.stream] += 1
        stage = Stage(record, {**checked.body, PIPELINE_FIELD: pipeline}, [record.number])
        first = by_key.get(stage.key)
        if first is None:
            by_key[stage.key] = stage
            validated.stages.append(stage)
        elif first.body == stage.body:
            first.numbers.append(record.number)
        else:
            rule = (
                f"is also the name of {first.record.label} in the same pipeline, with other fields; a pipeline "
                "cannot hold two stages of one name"
            )
            validated.invalid.append((record, Problem("name", rule)))
    return validated


def invalid_records_error(invalid: Sequence[tuple[InputStage, Problem]]) -> AirbyteTracedException:
    records = len({record.number for record, _ in invalid})
    listed = [f"{record.label}: `{problem.field}` {problem.rule}" for record, problem in invalid[:MAX_LISTED]]
    more = f"; and {len(invalid) - MAX_LISTED} more" if len(invalid) > MAX_LISTED else ""
    message = (
        f"{records} input record(s) break Ruddr's rules for an opportunity stage, so nothing was written: "
        f"{'; '.join(listed)}{more}."
    )
    return failure(message)
