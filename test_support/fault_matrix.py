"""The fault matrix: each scenario is a multi-page read of every stream by the connector (in
the test's process, or in `make docker-test` the image) against its own sandbox process, with faults
or data changes scripted on every stream's path. Each scenario is a test of its own
(test_faults_matrix.py), which pytest-xdist spreads over its workers.

Every scenario runs with long unique credentials and `--debug`; the outcome records whether
any line of stdout or stderr contains one of them.

Waits: SOURCE_STAGES_BACKOFF_SCALE=0.01 makes every backoff 1/100 of production (the CDK adds
1 s to each, so a retry costs about 1 s), SOURCE_STAGES_READ_TIMEOUT_SECONDS lowers the read
timeout for the slow-response scenario only. docs/reliability.md has the production numbers.

`python -m test_support.fault_matrix` runs every scenario with the console script, one after
the other, and prints a table of the outcomes.
"""

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence

from sandbox import Sandbox, unique_credentials
from sandbox.connectors import RAW_STREAMS, list_path, sandbox_config, sandbox_rows
from stage_apis.errors import BACKOFF_SCALE_ENV
from stage_apis.http_settings import READ_TIMEOUT_ENV
from test_support.runs import CONSOLE_SCRIPT, ConnectorRun, Launcher, run_connector
from test_support.sandbox_effects import let_faulted_requests_land
from test_support.streams import STAGE_STREAMS

DATASET_SIZE = 120  # large:120 = 120 stages and 12 pipelines per API
PAGE_SIZE = 4  # 30 pages of stages, 3 of pipelines
BACKOFF_SCALE = "0.01"
SLOW_READ_TIMEOUT = "1"
SLOW_DELAY = 2.5

RETRY_CAUSE = "Retryable: "  # stage_apis.errors logs one such line, with the cause, per retried failure


@dataclass(frozen=True)
class Scenario:
    name: str
    # Called with the sandbox and the rows before the read, once per stream path; scripts the faults.
    prepare: Callable[[Sandbox, str, str, List[dict]], None]
    streams: Sequence[str] = RAW_STREAMS
    env: Mapping[str, str] = field(default_factory=dict)
    dataset: str = f"large:{DATASET_SIZE}"


@dataclass
class StreamOutcome:
    expected: int  # records in the sandbox after the read
    emitted: int
    duplicated: int  # records emitted more than once
    missing_preexisting: List[Any]  # ids that existed before and after the read but were not emitted
    mismatched: List[Any]  # ids emitted with data other than the sandbox's
    retries: int  # requests the sandbox saw again with the same query


@dataclass
class Outcome:
    scenario: str
    run: ConnectorRun
    wall_seconds: float
    paths: Dict[str, str]  # each stream's list path
    streams: Dict[str, StreamOutcome]
    requests: List[dict]
    mutations: List[dict]
    before: Dict[str, List[dict]]
    after: Dict[str, List[dict]]
    leaked_secret_lines: List[str]

    @property
    def retries(self) -> int:
        return sum(s.retries for s in self.streams.values())

    @property
    def retry_log_lines(self) -> List[str]:
        """The CDK's own "Retrying in N seconds" lines."""
        return [message for message in self.run.log_messages() if "Retrying in" in message]

    @property
    def retry_causes(self) -> List[str]:
        return [message[len(RETRY_CAUSE):] for message in self.run.log_messages() if message.startswith(RETRY_CAUSE)]

    @property
    def stream_errors(self) -> Dict[str, dict]:
        """The per-stream error traces by stream, in the order of `paths` (streams are read at the same
        time, so they may fail in any order; the last trace of a failed read is a summary)."""
        by_stream = {e["stream_descriptor"]["name"]: e for e in self.run.error_traces if e.get("stream_descriptor")}
        return {stream: by_stream[stream] for stream in self.paths if stream in by_stream}


def without_nulls(record: Mapping[str, Any]) -> dict:
    """The CDK drops null-valued keys from emitted records."""
    return {key: value for key, value in record.items() if value is not None}


def run_scenario(scenario: Scenario, source: Launcher) -> Outcome:
    token, key = unique_credentials()
    with Sandbox.start(dataset=scenario.dataset, zendesk_token=token, ruddr_key=key) as sb:
        data_before = sb.data()
        before = {stream: sandbox_rows(data_before, stream) for stream in scenario.streams}
        paths = {stream: list_path(sb, stream) for stream in scenario.streams}
        for stream in scenario.streams:
            scenario.prepare(sb, stream, paths[stream], before[stream])
        config = sandbox_config(sb, zendesk_sell={"access_token": token, "max_requests_per_second": 1000},
                                ruddr={"api_key": key, "max_requests_per_second": 1000}, page_size=PAGE_SIZE)
        started = time.monotonic()
        launcher = source.with_env({BACKOFF_SCALE_ENV: BACKOFF_SCALE, **scenario.env}, timeout=120)
        run = run_connector("read", config, streams=scenario.streams, debug=True, launcher=launcher)
        wall = time.monotonic() - started
        let_faulted_requests_land(sb)  # a slow answer the client gave up on is logged when it is sent
        requests, mutations, data_after = sb.requests(), sb.mutations(), sb.data()
    after = {stream: sandbox_rows(data_after, stream) for stream in scenario.streams}
    streams = {stream: _stream_outcome(run, stream, before[stream], after[stream], requests, paths[stream])
               for stream in scenario.streams}
    leaked = [line for line in run.output.splitlines() if token in line or key in line]
    return Outcome(scenario.name, run, wall, paths, streams, requests, mutations, before, after, leaked)


def _stream_outcome(run: ConnectorRun, stream: str, before: List[dict], after: List[dict], requests: List[dict],
                    path: str) -> StreamOutcome:
    emitted = run.records(stream)
    counts = Counter(record["id"] for record in emitted)
    by_id = {record["id"]: record for record in emitted}
    current = {row["id"]: without_nulls(row) for row in after}
    existed = {row["id"] for row in before} & set(current)
    seen = Counter(r["query"] for r in requests if r["path"] == path)
    return StreamOutcome(
        expected=len(after),
        emitted=len(emitted),
        duplicated=sum(n - 1 for n in counts.values()),
        missing_preexisting=sorted((i for i in existed if i not in counts), key=str),
        mismatched=sorted((i for i, record in by_id.items() if i in current and record != current[i]), key=str),
        retries=sum(n - 1 for n in seen.values()),
    )


# The scenarios. A fault with after=1 lets page 1 through and hits page 2 (and its retries).

def faults(**fault: Any) -> Callable[[Sandbox, str, str, List[dict]], None]:
    return lambda sb, stream, path, before: sb.add_fault(path=path, after=1, **fault)


def burst(statuses: Sequence[int]) -> Callable[[Sandbox, str, str, List[dict]], None]:
    def prepare(sb: Sandbox, stream: str, path: str, before: List[dict]) -> None:
        for status in statuses:  # the first added fires first; each lets the next one have the retry
            sb.add_fault(path=path, kind="status", status=status, after=1, times=1)
    return prepare


TRANSIENT = (
    Scenario("429 without Retry-After, twice", faults(kind="status", status=429, times=2)),
    Scenario("429 with Retry-After: 7", faults(kind="status", status=429, times=1, retry_after="7")),
    Scenario("500 x3", faults(kind="status", status=500, times=3)),
    Scenario("502 x3", faults(kind="status", status=502, times=3)),
    Scenario("503 x3", faults(kind="status", status=503, times=3)),
    Scenario("504 x3", faults(kind="status", status=504, times=3)),
    Scenario("mixed burst 500, 502, 503", burst((500, 502, 503))),
    Scenario("malformed JSON body, once", faults(kind="malformed_json", times=1)),
    Scenario("truncated body, once", faults(kind="truncated", times=1)),
    Scenario("dropped connection, once", faults(kind="drop", times=1)),
    Scenario(f"response slower ({SLOW_DELAY:g} s) than the read timeout ({SLOW_READ_TIMEOUT} s), once",
             faults(kind="slow", delay=SLOW_DELAY, times=1), env={READ_TIMEOUT_ENV: SLOW_READ_TIMEOUT}),
)

FATAL = (
    Scenario("credential revoked after page 1 (401 for ever)", faults(kind="status", status=401, times=None)),
    Scenario("500 on every request after page 1", faults(kind="status", status=500, times=None)),
    Scenario("body not JSON on every request after page 1", faults(kind="malformed_json", times=None)),
    Scenario("JSON without the list envelope on every request after page 1", faults(kind="status", status=200, times=None)),
)


def _mutate(action: str, pick: Optional[Callable[[List[dict]], Any]] = None,
            record: Optional[dict] = None) -> Callable[[Sandbox, str, str, List[dict]], None]:
    def prepare(sb: Sandbox, stream: str, path: str, before: List[dict]) -> None:
        sb.add_mutation(path=path, after=1, action=action, record=record, **({"id": pick(before)} if pick else {}))
    return prepare


DATA_CHANGES = (
    Scenario("a stage inserted after page 1", _mutate("insert"), streams=STAGE_STREAMS),
    # Zendesk Sell sorts by id: id 1 sorts before every stage of the dataset.
    Scenario("a Zendesk Sell stage inserted before page 2 after page 1", _mutate("insert", record={"id": 1}),
             streams=("zendesk_sell_stages",)),
    Scenario("a stage of page 1 deleted after page 1", _mutate("delete", lambda before: before[0]["id"]),
             streams=STAGE_STREAMS),
    Scenario("a stage of a later page deleted after page 1", _mutate("delete", lambda before: before[-1]["id"]),
             streams=STAGE_STREAMS),
    Scenario("the last stage of page 1 (Ruddr's cursor) deleted after page 1",
             _mutate("delete", lambda before: before[PAGE_SIZE - 1]["id"]), streams=STAGE_STREAMS),
)

ALL = TRANSIENT + FATAL + DATA_CHANGES
BY_NAME = {scenario.name: scenario for scenario in ALL}


def table(outcomes: Sequence[Outcome]) -> str:
    lines = [
        "| scenario | stream | exit | expected | emitted | duplicated | missing (pre-existing) | retries | wall s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for outcome in outcomes:
        for stream, s in outcome.streams.items():
            lines.append(
                f"| {outcome.scenario} | {stream} | {outcome.run.exit_code} | {s.expected} | {s.emitted} | "
                f"{s.duplicated} | {len(s.missing_preexisting)} | {s.retries} | {outcome.wall_seconds:.1f} |"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    started = time.monotonic()
    print(table([run_scenario(scenario, CONSOLE_SCRIPT) for scenario in ALL]))
    print(f"\n{len(ALL)} scenarios, {time.monotonic() - started:.1f} s wall in all.")
