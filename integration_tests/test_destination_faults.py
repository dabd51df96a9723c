"""destination-ruddr under faults and bad input, as a real process against the sandbox: a POST that
gets a 429, a 5xx or a dropped connection creates its stage exactly once; an invalid record, an
`overwrite` catalog or an unknown stream write nothing; no credential in any output, even with
--debug."""

import json
from collections import Counter

import pytest

from integration_tests.connector_process import run_source_stages, sandbox_config
from integration_tests.destination_process import (
    destination_config,
    log_messages,
    migrate,
    prepare_ruddr_pipelines,
    run_destination_ruddr,
    writes,
    zendesk_pipeline_names,
)
from integration_tests.sandbox import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN
from source_stages.errors import BACKOFF_SCALE_ENV

STAGES_PATH = "/api/workspace/opportunity-stages"
FAST_BACKOFF = {BACKOFF_SCALE_ENV: "0.01"}
WRONG_KEY = "wrong-ruddr-key-for-the-destination-5e0b2a"


@pytest.fixture(scope="module")
def zendesk_sell_stages_read(sandbox_process) -> str:
    """What `source-stages read` prints for the default dataset's Zendesk Sell `stages`, read once
    (the Zendesk Sell data does not change between these tests): the destination's input."""
    read = run_source_stages("read", sandbox_config(sandbox_process, ruddr=False), ["stages"])
    assert read.exit_code == 0, read.stderr[-3000:]
    return read.stdout


def stage_names_per_pipeline(sandbox) -> Counter:
    return Counter((stage["opportunityPipelineId"], stage["name"]) for stage in sandbox.data()["ruddr"]["opportunity_stages"])


@pytest.mark.parametrize("fault", [
    {"kind": "status", "status": 429},
    {"kind": "status", "status": 429, "retry_after": 1},
    {"kind": "status", "status": 500},
    {"kind": "status", "status": 503, "times": 2},
    {"kind": "drop"},
], ids=["429", "429 with Retry-After", "500", "503 twice", "dropped connection"])
def test_a_fault_on_a_post_creates_every_stage_exactly_once(sandbox, zendesk_sell_stages_read, fault):
    prepare_ruddr_pipelines(sandbox, zendesk_pipeline_names(sandbox))
    sandbox.add_fault(path=STAGES_PATH, method="POST", after=3, **{"times": 1, **fault})
    sandbox.clear_requests()

    destination = run_destination_ruddr("write", destination_config(sandbox), input_text=zendesk_sell_stages_read,
                                        env=FAST_BACKOFF)

    assert destination.exit_code == 0, destination.stdout[-3000:] + destination.stderr[-3000:]
    assert "Ruddr stages: created 16, updated 0, unchanged 0, skipped 0." in log_messages(destination)
    counts = stage_names_per_pipeline(sandbox)
    assert max(counts.values()) == 1 and sum(counts.values()) == 12 + 16
    posts = [entry for entry in sandbox.requests() if entry["method"] == "POST"]
    assert len(posts) == 16 + fault.get("times", 1)
    lookups = [entry for entry in sandbox.requests() if entry["method"] == "GET" and "name=" in entry["query"]]
    assert len(lookups) == (0 if fault.get("status") == 429 else fault.get("times", 1))  # a 429 is not a lost answer


def test_an_invalid_record_fails_the_sync_and_nothing_is_written(sandbox):
    pipeline = sandbox.data()["ruddr"]["opportunity_pipelines"][0]["id"]
    good = {"name": "New stage", "probability": 0.5, "statusId": "open", "opportunityPipelineId": pipeline}
    bad = {**good, "name": "Too likely", "probability": 1.5}
    lines = [json.dumps({"type": "RECORD", "record": {"stream": "ruddr_opportunity_stages", "data": data,
                                                      "emitted_at": 0}}) for data in (good, bad)]
    sandbox.clear_requests()

    run = run_destination_ruddr("write", destination_config(sandbox), ["ruddr_opportunity_stages"],
                                input_text="\n".join(lines) + "\n")

    assert run.exit_code == 1
    assert writes(sandbox) == []
    assert [(error["failure_type"], error["message"]) for error in run.error_traces] == [(
        "config_error",
        "1 input record(s) break Ruddr's rules for an opportunity stage, so nothing was written: "
        'ruddr_opportunity_stages record 2 (name "Too likely"): `probability` must be a number from 0 to 1 (got 1.5).',
    )]
    assert "Traceback" not in run.stdout + run.stderr


@pytest.mark.parametrize("streams, mode, starts", [
    (["stages"], "overwrite", "The destination sync mode `overwrite` of the stream `stages` is refused"),
    (["stages", "zendesk_sell_stages"], "append", "The configured catalog selects the stream(s) `zendesk_sell_stages`"),
])
def test_a_refused_catalog_ends_with_a_config_error_before_any_request(sandbox, streams, mode, starts):
    sandbox.clear_requests()

    run = run_destination_ruddr("write", destination_config(sandbox), streams, mode)

    assert run.exit_code == 1
    (error,) = run.error_traces
    assert error["failure_type"] == "config_error" and error["message"].startswith(starts)
    assert sandbox.requests() == []
    assert "Traceback" not in run.stdout + run.stderr


def test_no_credential_in_any_output_with_debug_on(sandbox):
    prepare_ruddr_pipelines(sandbox, zendesk_pipeline_names(sandbox))

    source, destination = migrate(sandbox, debug=True)
    rejected = run_destination_ruddr("write", destination_config(sandbox, api_key=WRONG_KEY), debug=True)
    check = run_destination_ruddr("check", destination_config(sandbox, api_key=WRONG_KEY), debug=True)

    assert destination.exit_code == 0
    # The CDK prints debug logs as {"type": "DEBUG", ...} lines, request headers included.
    assert any(message.get("message") == "Making outbound API request" for message in destination.of_type("DEBUG"))
    assert rejected.exit_code == 1 and rejected.error_traces[0]["failure_type"] == "config_error"
    assert check.connection_status["status"] == "FAILED"
    for run in (source, destination, rejected, check):
        output = run.stdout + run.stderr
        for secret in (DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN, WRONG_KEY):
            assert secret not in output
