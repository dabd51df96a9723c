"""A POST whose answer comes late, or not at all, against the sandbox: one record, and exactly one
stage of its name afterwards, whatever the delay; its STATE goes out once, in the run that wrote it.

The sandbox's `slow` fault (without `serve_first`) waits `delay` seconds, then stores the stage and
answers, even when the client has long given up: a POST that lands late. The read timeout is
lowered to READ_TIMEOUT seconds, so a POST waits POST_TIMEOUT for its answer and, after that, looks
for its stage for as long again (SETTLE) before the sync gives up on it. Delays below the read
timeout, between it and the POST timeout, within the settle window and beyond it; then the same
after other lost answers (a dropped connection, a 502 after Ruddr stored the stage). In this
process: only the messages and the sandbox's data count (a real process ending with a
transient_error: test_destination_input.py).
"""

from typing import Any, Dict, List

import pytest

from destination_ruddr.ruddr_writer import POST_TIMEOUT_FACTOR
from sandbox.connectors import destination_config, list_path, sandbox_rows
from stage_apis.errors import BACKOFF_SCALE_ENV
from stage_apis.http_settings import READ_TIMEOUT_ENV
from stage_apis.ruddr.streams import RuddrOpportunityStages
from test_support.destination_runs import write
from test_support.runs import ConnectorRun
from test_support.sandbox_effects import let_faulted_requests_land

pytestmark = pytest.mark.slow(seconds=3)

STREAM = RuddrOpportunityStages.name
NAME = "Late answer"
READ_TIMEOUT = 0.5
POST_TIMEOUT = READ_TIMEOUT * POST_TIMEOUT_FACTOR  # 2.5 s
SETTLE = POST_TIMEOUT  # how long a POST that may still land is looked for before the sync gives up


@pytest.fixture
def fast(monkeypatch):
    monkeypatch.setenv(READ_TIMEOUT_ENV, str(READ_TIMEOUT))
    monkeypatch.setenv(BACKOFF_SCALE_ENV, "0.01")


def write_one(sandbox) -> ConnectorRun:
    pipeline = sandbox_rows(sandbox.data(), "ruddr_opportunity_pipelines")[0]["id"]
    data = {"name": NAME, "probability": 0.5, "statusId": "open", "opportunityPipelineId": pipeline}
    messages = [{"type": "RECORD", "record": {"stream": STREAM, "data": data, "emitted_at": 0}},
                {"type": "STATE", "state": {"type": "STREAM", "stream": {"stream_descriptor": {"name": STREAM},
                                                                         "stream_state": {"n": 1}}}}]
    return write(destination_config(sandbox), messages, [STREAM])


def add_post_faults(sandbox, *faults: Dict[str, Any]) -> None:
    """One fault for each POST in turn: the first for the first POST, the second for the second."""
    for index, fault in enumerate(faults):
        sandbox.add_fault(path=list_path(sandbox, STREAM), method="POST", after=index, **{"times": 1, **fault})


def posts(sandbox) -> List[dict]:
    return sandbox.requests(method="POST", path=list_path(sandbox, STREAM))


def lookups(sandbox) -> List[dict]:
    return [entry for entry in sandbox.requests(method="GET", path=list_path(sandbox, STREAM)) if "name=" in entry["query"]]


def stages_named(sandbox) -> List[dict]:
    return [stage for stage in sandbox_rows(sandbox.data(), STREAM) if stage["name"] == NAME]


def write_and_let_every_post_land(sandbox, faults: List[Dict[str, Any]]) -> ConnectorRun:
    """A write of one record whose POSTs meet these faults in turn. It returns once every POST that
    reached the sandbox has been carried out (a late one is logged only then), however early the
    write ended: a POST landing after the sandbox's reset would land in the next test."""
    add_post_faults(sandbox, *faults)
    sandbox.clear_requests()
    try:
        return write_one(sandbox)
    finally:
        let_faulted_requests_land(sandbox)  # the first fault counts every POST


def states(run: ConnectorRun) -> List[int]:
    return [message["state"]["stream"]["stream_state"]["n"] for message in run.of_type("STATE")]


@pytest.mark.parametrize("delay, looked_up", [
    (READ_TIMEOUT * 0.2, False),
    (READ_TIMEOUT + 1, False),
    (POST_TIMEOUT + 1, True),
], ids=["below the read timeout", "above the read timeout: awaited", "after the POST timeout: found while looked for"])
def test_a_post_that_lands_late_creates_one_stage_in_one_sync(sandbox, fast, delay, looked_up):
    run = write_and_let_every_post_land(sandbox, [{"kind": "slow", "delay": delay}])

    assert run.exit_code == 0, run.output[-3000:]
    assert states(run) == [1]
    assert len(posts(sandbox)) == 1 and len(stages_named(sandbox)) == 1
    assert bool(lookups(sandbox)) == looked_up
    assert ("found in Ruddr after its POST lost its answer" in " ".join(run.log_messages())) == looked_up


def test_a_post_that_lands_after_the_settle_window_fails_the_sync_and_the_retry_creates_nothing(sandbox, fast):
    late = {"kind": "slow", "delay": POST_TIMEOUT + SETTLE + 1.5}
    first = write_and_let_every_post_land(sandbox, [late])
    retry = write_one(sandbox)

    assert first.exit_code == 1 and states(first) == []
    (error,) = first.error_traces
    assert error["failure_type"] == "transient_error"
    assert error["message"].startswith(
        f'{STREAM} record 1 (name "{NAME}"): its POST got no answer within {POST_TIMEOUT:g} s, so Ruddr may still carry '
        f"it out, and the stage was not in Ruddr {SETTLE:g} s later. It was not sent again"
    )
    assert retry.exit_code == 0 and states(retry) == [1]
    assert "Ruddr stages: created 0, updated 0, unchanged 1, skipped 0." in retry.log_messages()
    assert len(posts(sandbox)) == 1 and len(stages_named(sandbox)) == 1


@pytest.mark.parametrize("faults, sent", [
    ([{"kind": "drop"}, {"kind": "status", "status": 502, "serve_first": True}], 2),
    ([{"kind": "status", "status": 502, "serve_first": True}, {"kind": "drop"}], 1),
    ([{"kind": "drop"}, {"kind": "slow", "delay": POST_TIMEOUT + 1}], 2),
    ([{"kind": "status", "status": 502}, {"kind": "drop"}, {"kind": "slow", "delay": READ_TIMEOUT + 1}], 3),
], ids=["dropped, then a 502 after storing", "a 502 after storing (found: no second POST)",
        "dropped, then late past the POST timeout", "a 502, dropped, then late but awaited"])
def test_lost_answers_one_after_another_create_one_stage(sandbox, fast, faults, sent):
    run = write_and_let_every_post_land(sandbox, faults)

    assert run.exit_code == 0, run.output[-3000:]
    assert states(run) == [1]
    assert len(posts(sandbox)) == sent and len(stages_named(sandbox)) == 1
