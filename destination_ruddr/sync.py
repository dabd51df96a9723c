"""One `write`: read the whole input, check every record, plan, then write in the source's order.

1. The input is read whole (input_reader.py).
2. Ruddr's pipelines are listed once; `default_pipeline_id`, if set, must be one of them.
3. Every record is checked (validation.py). Any invalid record: nothing is written.
4. Ruddr's stages are listed once (one list covers every pipeline: Ruddr cannot filter stages by
   pipeline), and each stage is planned: create, update, unchanged or skip (plan.py).
5. Each step is written and logged, and each input STATE goes out once the records before it
   are written (state_release.py). A dry run stops after logging the plan: no write, no STATE.
6. A summary: `created N, updated M, unchanged K, skipped S`.
"""

import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from airbyte_cdk.models import AirbyteMessage

from destination_ruddr.config import SKIP, UPDATE, DestinationConfig
from destination_ruddr.input_reader import read_input
from destination_ruddr.messages import failure, shown
from destination_ruddr.pipelines import Pipelines
from destination_ruddr.plan import ACTIONS, CREATE, UNCHANGED, Step, plan
from destination_ruddr.ruddr_writer import RuddrWriter
from destination_ruddr.state_release import StateRelease
from destination_ruddr.validation import invalid_records_error, validate_records
from stage_apis.ruddr.rules import PROBABILITY_PLACES

SUMMARY_WORDS = {CREATE: "created", UPDATE: "updated", UNCHANGED: "unchanged", SKIP: "skipped"}
LOG_VERBS = {  # (written, dry run)
    CREATE: ("Created", "Would create"),
    UPDATE: ("Updated", "Would update"),
    SKIP: ("Skipped", "Would skip"),
}


def write_stages(
    config: DestinationConfig,
    writer: RuddrWriter,
    streams: Sequence[str],
    messages: Iterable[AirbyteMessage],
    logger: logging.Logger,
) -> Iterator[AirbyteMessage]:
    received = read_input(messages, streams, logger)
    pipelines = load_pipelines(writer, config.default_pipeline_id)
    validated = validate_records(received.stages, pipelines)
    for stream, count in sorted(validated.rounded.items()):
        logger.info(f"{stream}: rounded {count} probability value(s) to {PROBABILITY_PLACES} decimal places.")
    if validated.invalid:
        raise invalid_records_error(validated.invalid)
    steps = plan(validated.stages, writer.stages(), config.on_existing)
    release = StateRelease(received.states)
    if not config.dry_run:
        yield from release.written(received.skipped)
    for step in steps:
        line = _log_line(step, pipelines, config.dry_run)
        if step.action == CREATE and not config.dry_run:
            line += f" Its id: {writer.create(step.stage.body, step.stage.record.label).get('id')}."
        elif step.action == UPDATE and not config.dry_run:
            writer.update(step.existing_id, step.patch, step.stage.record.label)
        if line:
            logger.info(line)
        if not config.dry_run:
            yield from release.written(step.stage.numbers)
    logger.info(summary(steps, config.dry_run))


def load_pipelines(writer: RuddrWriter, default_id: str | None) -> Pipelines:
    pipelines = Pipelines(writer.pipelines(), default_id)
    if default_id is not None and not pipelines.has(default_id):
        raise failure(
            f"`default_pipeline_id` {default_id} is not a pipeline of this Ruddr workspace; its pipelines are: "
            f"{pipelines.listing()}."
        )
    return pipelines


def summary(steps: Sequence[Step], dry_run: bool) -> str:
    counts = Counter(step.action for step in steps)
    text = ", ".join(f"{SUMMARY_WORDS[action]} {counts[action]}" for action in ACTIONS)
    return f"Dry run, nothing written; the write would have: {text}." if dry_run else f"Ruddr stages: {text}."


def _log_line(step: Step, pipelines: Pipelines, dry_run: bool) -> str:
    """What a step does (or would do), for the log; "" for an unchanged stage."""
    verbs = LOG_VERBS.get(step.action)
    if verbs is None:
        return ""
    line = f"{verbs[dry_run]} {step.stage.record.label} in the pipeline {pipelines.name(step.stage.key[0])}"
    changes = ", ".join(f"{name} {shown(old)} -> {shown(new)}" for name, (old, new) in step.changes.items())
    if step.action == UPDATE:
        line += f": {changes}"
    elif step.action == SKIP:
        line += f" (on_existing is skip; Ruddr's stage differs: {changes})"
    return line + "."
