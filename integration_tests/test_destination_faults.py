"""destination-ruddr under faults and bad input against the sandbox (in this process, or in `make
docker-test` the image: the `connectors` fixture; the credential test runs the console scripts,
whose stderr counts too). A POST that
gets a 429, a 5xx or a dropped connection creates its stage exactly once, and so does one whose
answer is lost after Ruddr stored the stage (the sandbox's `serve_first` faults: a 5xx, a dropped
connection, an answer slower than the POST timeout). A 429 on any request emits no STREAM_STATUS
(a destination has no streams of its own to report on). An invalid record, an `overwrite` catalog or
an unknown stream write nothing; no credential shows in any output, even with --debug."""

from collections import Counter

import pytest

from sandbox import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN
from sandbox.connectors import destination_config, list_path, prepare_ruddr_pipelines, sandbox_config, sandbox_rows, zendesk_pipeline_names
from stage_apis.errors import BACKOFF_SCALE_ENV
from stage_apis.http_settings import READ_TIMEOUT_ENV
from stage_apis.ruddr.streams import RuddrOpportunityStages
from test_support.destination_runs import migrate, write
from test_support.runs import MESSAGES_ONLY, ConnectorRun, run_connector
from test_support.sandbox_effects import let_faulted_requests_land, writes

pytestmark = pytest.mark.slow(seconds=3)

FAST = {BACKOFF_SCALE_ENV: "0.01", READ_TIMEOUT_ENV: "1"}
WRONG_KEY = "wrong-ruddr-key-for-the-destination-5e0b2a"
ZENDESK_SELL_STAGES = 16


@pytest.fixture(scope="module")
def zendesk_sell_stages_read(sandbox_process) -> list:
    """What `source-stages read` prints for the default dataset's Zendesk Sell `stages`, read once
    (the Zendesk Sell data does not change between these tests): the destination's input. The
    sandbox is reset first: a test that ran before on this worker may have changed its data."""
    sandbox_process.reset()
    read = run_connector("read", sandbox_config(sandbox_process, ruddr=False), ["stages"])
    assert read.exit_code == 0, read.stderr[-3000:]
    return read.messages


def stream_statuses(run: ConnectorRun) -> list:
    return [message for message in run.of_type("TRACE") if message["trace"]["type"] == "STREAM_STATUS"]


def stages_per_name_and_pipeline(sandbox) -> Counter:
    return Counter((stage["opportunityPipelineId"], stage["name"])
                   for stage in sandbox_rows(sandbox.data(), "ruddr_opportunity_stages"))


@pytest.mark.parametrize("fault, lost", [
    ({"kind": "status", "status": 429}, 0),
    ({"kind": "status", "status": 429, "retry_after": 1}, 0),
    ({"kind": "status", "status": 500}, 1),
    ({"kind": "status", "status": 503, "times": 2}, 2),
    ({"kind": "drop"}, 1),
    ({"kind": "status", "status": 500, "serve_first": True}, 1),
    ({"kind": "status", "status": 502, "serve_first": True, "times": 2}, 2),
    ({"kind": "drop", "serve_first": True}, 1),
    ({"kind": "slow", "delay": 2, "serve_first": True}, 0),
    ({"kind": "slow", "delay": 6, "serve_first": True}, 1),
], ids=["429", "429 with Retry-After", "500", "503 twice", "dropped connection", "500 after the write",
        "502 after the write, twice", "dropped after the write", "answer after the read timeout: awaited",
        "answer after the POST timeout"])
def test_a_fault_on_a_post_creates_every_stage_exactly_once(connectors, sandbox, zendesk_sell_stages_read, fault, lost):
    prepare_ruddr_pipelines(sandbox, zendesk_pipeline_names(sandbox))
    before = sum(stages_per_name_and_pipeline(sandbox).values())
    stages_path = list_path(sandbox, RuddrOpportunityStages.name)
    sandbox.add_fault(path=stages_path, method="POST", after=3, **{"times": 1, **fault})
    sandbox.clear_requests()

    run = write(destination_config(sandbox), zendesk_sell_stages_read, env=FAST, launcher=connectors.destination)

    assert run.exit_code == 0, run.output[-5000:]
    assert f"Ruddr stages: created {ZENDESK_SELL_STAGES}, updated 0, unchanged 0, skipped 0." in run.log_messages()
    assert stream_statuses(run) == []
    counts = stages_per_name_and_pipeline(sandbox)
    assert max(counts.values()) == 1 and sum(counts.values()) == before + ZENDESK_SELL_STAGES
    let_faulted_requests_land(sandbox)  # a slow answer is logged once it is sent, after the client gave up
    lookups = [entry for entry in sandbox.requests(method="GET", path=stages_path) if "name=" in entry["query"]]
    assert len(lookups) == lost  # a 429 is refused before Ruddr does anything: sent again, not looked up
    stored_first = fault.get("serve_first", False)
    posts = sandbox.requests(method="POST", path=stages_path)
    assert len(posts) == ZENDESK_SELL_STAGES + (0 if stored_first else fault.get("times", 1))
    if stored_first:
        assert sum("found in Ruddr after its POST lost its answer" in line for line in run.log_messages()) == lost


def test_429s_to_check_and_to_every_list_and_post_emit_no_stream_status(sandbox, zendesk_sell_stages_read, monkeypatch):
    for name, value in FAST.items():
        monkeypatch.setenv(name, value)
    prepare_ruddr_pipelines(sandbox, zendesk_pipeline_names(sandbox))
    limited = [("GET", "/api/workspace"), ("GET", list_path(sandbox, "ruddr_opportunity_pipelines")),
               ("GET", list_path(sandbox, RuddrOpportunityStages.name)), ("POST", list_path(sandbox, RuddrOpportunityStages.name))]
    for method, path in limited:
        sandbox.add_fault(path=path, method=method, status=429, times=1)
    sandbox.clear_requests()

    check = run_connector("check", destination_config(sandbox), launcher=MESSAGES_ONLY.destination)
    run = write(destination_config(sandbox), zendesk_sell_stages_read)

    assert check.connection_status == {"status": "SUCCEEDED"}
    assert run.exit_code == 0, run.output[-5000:]
    assert f"Ruddr stages: created {ZENDESK_SELL_STAGES}, updated 0, unchanged 0, skipped 0." in run.log_messages()
    assert [(entry["method"], entry["path"].rstrip("/")) for entry in sandbox.requests() if entry["status"] == 429] == limited
    assert stream_statuses(check) == [] and stream_statuses(run) == []


def test_an_invalid_record_fails_the_sync_and_nothing_is_written(connectors, sandbox):
    pipeline = sandbox_rows(sandbox.data(), "ruddr_opportunity_pipelines")[0]["id"]
    good = {"name": "New stage", "probability": 0.5, "statusId": "open", "opportunityPipelineId": pipeline}
    bad = {**good, "name": "Too likely", "probability": 1.5}
    records = [{"type": "RECORD", "record": {"stream": "ruddr_opportunity_stages", "data": data, "emitted_at": 0}}
               for data in (good, bad)]
    sandbox.clear_requests()

    run = write(destination_config(sandbox), records, ["ruddr_opportunity_stages"], launcher=connectors.destination)

    assert run.exit_code == 1
    assert writes(sandbox) == []
    assert [(error["failure_type"], error["message"]) for error in run.error_traces] == [(
        "config_error",
        "1 input record(s) break Ruddr's rules for an opportunity stage, so nothing was written: "
        'ruddr_opportunity_stages record 2 (name "Too likely"): `probability` must be a number from 0 to 1 (got 1.5).',
    )]
    assert "Traceback" not in run.output


@pytest.mark.parametrize("streams, mode, starts", [
    (["stages"], "overwrite", "The destination sync mode `overwrite` of the stream `stages` is refused"),
    (["stages", "zendesk_sell_stages"], "append", "The configured catalog selects the stream(s) `zendesk_sell_stages`"),
])
def test_a_refused_catalog_ends_with_a_config_error_before_any_request(connectors, sandbox, streams, mode, starts):
    sandbox.clear_requests()

    run = write(destination_config(sandbox), streams=streams, mode=mode, launcher=connectors.destination)

    assert run.exit_code == 1
    (error,) = run.error_traces
    assert error["failure_type"] == "config_error" and error["message"].startswith(starts)
    assert sandbox.requests() == []
    assert "Traceback" not in run.output


def test_no_credential_in_any_output_with_debug_on(connector_processes, sandbox):
    prepare_ruddr_pipelines(sandbox, zendesk_pipeline_names(sandbox))

    source, destination = migrate(sandbox, debug=True, connectors=connector_processes)
    rejected = write(destination_config(sandbox, api_key=WRONG_KEY), debug=True, launcher=connector_processes.destination)
    check = run_connector("check", destination_config(sandbox, api_key=WRONG_KEY), debug=True,
                          launcher=connector_processes.destination)

    assert destination.exit_code == 0
    # The CDK prints debug logs as {"type": "DEBUG", ...} lines, request headers included.
    assert any(message.get("message") == "Making outbound API request" for message in destination.of_type("DEBUG"))
    assert rejected.exit_code == 1 and rejected.error_traces[0]["failure_type"] == "config_error"
    assert check.connection_status["status"] == "FAILED"
    for run in (source, destination, rejected, check):
        for secret in (DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN, WRONG_KEY):
            assert secret not in run.output
