"""Streams read at the same time (in this process): the lists of both APIs are requested
while the others are still waiting for their answers, each API stays within its rate budget, and
every record and STATE comes out as a one-stream-at-a-time read would give it."""

from collections import Counter

from sandbox.connectors import RAW_STREAMS, sandbox_config, sandbox_rows
from stage_apis.unified_stage import UNIFIED_STREAM
from test_support.runs import run_connector

LIST_STREAMS = list(RAW_STREAMS)
SLOW_SECONDS = 0.5


def test_the_lists_are_requested_while_the_others_wait_for_their_answers(sandbox) -> None:
    sandbox.add_fault("/*", kind="slow", delay=SLOW_SECONDS, times=None)

    run = run_connector("read", sandbox_config(sandbox), streams=LIST_STREAMS)

    assert run.exit_code == 0, run.error_traces
    answered = [entry["time"] for entry in sandbox.requests()]
    assert len(answered) == len(LIST_STREAMS)  # one page each
    # One after another, each answer would come at least SLOW_SECONDS after the one before.
    assert max(answered) - min(answered) < SLOW_SECONDS


def test_with_rate_limits_every_record_once_no_429_and_stages_costs_no_request(sandbox_factory) -> None:
    sandbox = sandbox_factory(dataset="large:2000", rate_limits=True)
    data = sandbox.data()
    expected = {stream: len(sandbox_rows(data, stream)) for stream in LIST_STREAMS}

    run = run_connector("read", sandbox_config(sandbox), streams=[*LIST_STREAMS, UNIFIED_STREAM])

    assert run.exit_code == 0, run.error_traces
    for stream in LIST_STREAMS:
        ids = Counter(record["id"] for record in run.records(stream))
        assert (len(ids), max(ids.values())) == (expected[stream], 1), stream
    assert len(run.records(UNIFIED_STREAM)) == expected["zendesk_sell_stages"] + expected["ruddr_opportunity_stages"]
    statuses = Counter(entry["status"] for entry in sandbox.requests())
    pages = sum(-(-count // 100) for count in expected.values())  # ceil(N / 100) per list
    assert statuses == {200: pages}


def test_each_streams_records_and_states_come_as_a_read_of_that_stream_alone(sandbox) -> None:
    config = sandbox_config(sandbox, page_size=3)
    together = run_connector("read", config, streams=LIST_STREAMS)

    assert together.exit_code == 0, together.error_traces
    for stream in LIST_STREAMS:
        alone = run_connector("read", config, streams=[stream])  # one stream: the CDK's sequential read
        assert alone.exit_code == 0, alone.error_traces
        sequence = _records_and_states(alone, stream)
        assert sequence[-1][0] == "STATE" and sum(kind == "RECORD" for kind, _ in sequence) >= 3, (stream, sequence)
        assert _records_and_states(together, stream) == sequence, stream


def _records_and_states(run, stream: str) -> list:
    """The stream's RECORD ids and STATE values, in the order the run printed them."""
    sequence = []
    for message in run.messages:
        if message["type"] == "RECORD" and message["record"]["stream"] == stream:
            sequence.append(("RECORD", message["record"]["data"]["id"]))
        elif message["type"] == "STATE" and message["state"]["stream"]["stream_descriptor"]["name"] == stream:
            sequence.append(("STATE", message["state"]["stream"]["stream_state"]))
    return sequence
