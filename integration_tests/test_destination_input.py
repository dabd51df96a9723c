"""destination-ruddr's input as pipes and people bring it, against the sandbox: every line is an
Airbyte message, or the sync fails before anything is written, naming the line (or the record)
and what is wrong, with no STATE message and no secret in the output. Blank lines, Windows line
ends and a last line without its newline are read as the messages they hold.

In this process (MESSAGES_ONLY) where only the messages and the sandbox count; as a real process
for the input that ends in the middle of a message and for invalid UTF-8 (a real stdin)."""

import json
from typing import Any, List

import pytest

from sandbox import DEFAULT_RUDDR_KEY
from sandbox.connectors import destination_config, sandbox_rows
from stage_apis.ruddr.streams import RuddrOpportunityStages
from test_support.destination_runs import DESTINATION, write_input
from test_support.sandbox_effects import writes

STREAM = RuddrOpportunityStages.name
PIPELINE_ID = "{pipeline}"  # replaced by a pipeline of the sandbox


def line(message: Any) -> bytes:
    """One message as Python's json writes it (NaN, Infinity and lone surrogates included)."""
    return json.dumps(message).encode() + b"\n"


def record(name: str, **fields: Any) -> dict:
    data = {"name": name, "probability": 0.5, "statusId": "open", "opportunityPipelineId": PIPELINE_ID, **fields}
    return {"type": "RECORD", "record": {"stream": STREAM, "data": data, "emitted_at": 0}}


def state(value: Any) -> dict:
    return {"type": "STATE", "state": {"type": "STREAM", "stream": {"stream_descriptor": {"name": STREAM},
                                                                    "stream_state": {"n": value}}}}


def around(bad: bytes) -> bytes:
    """A good record (line 1), a STATE (line 2), the line under test (line 3), another good record
    and a STATE (lines 4, 5)."""
    return line(record("Before")) + line(state(1)) + bad + line(record("After")) + line(state(2))


def with_pipeline(sandbox, raw: bytes) -> bytes:
    pipeline = sandbox_rows(sandbox.data(), "ruddr_opportunity_pipelines")[0]["id"]
    return raw.replace(PIPELINE_ID.encode(), pipeline.encode())


def states(run) -> List[dict]:
    return run.of_type("STATE")


REFUSED_LINES = [
    # (id, line 3, failure type, what the message says, whether the sync got as far as listing Ruddr)
    ("invalid UTF-8", line(record("Caf\u00e9")).replace("\\u00e9".encode(), b"\xe9"), "config_error",
     ["Input line 3 is not valid UTF-8 (byte 0xe9 at byte 90)"], False),
    ("NaN in a field Ruddr gets", line(record("Not a number", probability=float("nan"))), "config_error",
     [f'{STREAM} record 2 (name "Not a number"): `probability` is NaN, which is not a number.'], True),  # said once
    ("Infinity in another field", line(record("Endless", weight=float("inf"))), "config_error",
     [f'{STREAM} record 2 (name "Endless"): `weight` is Infinity (or beyond the range of a double), '
      "not a finite number"], True),
    ("-Infinity nested", line(record("Nested", meta={"scores": [1, float("-inf")]})), "config_error",
     ["`meta.scores[1]` is -Infinity (or beyond the range of a double)"], True),
    ("a float beyond a double's range", line(record("Huge")).replace(b'"probability": 0.5', b'"probability": 1e400'),
     "config_error", ["`probability` is Infinity (or beyond the range of a double)"], True),
    ("an integer beyond a double's range", line(record("Long", position=10 ** 400)), "config_error",
     ["`position` is an integer of 401 digits, beyond the range of a double"], True),
    ("a lone surrogate", line(record("Half \ud800 a character")), "config_error",
     ["record 2 (name \"Half \\ud800 a character\"): `name` holds a lone surrogate (U+D800), which is not text"],
     True),
    ("a STATE with NaN", line(state(float("nan"))), "config_error",
     ["Input line 3 is a STATE message with a value that is not strict JSON: `state.stream.stream_state.n` is NaN"], False),
    ("not JSON", b"Traceback (most recent call last): " + b"x" * 5000 + b"\n", "config_error",
     ["Input line 3 is not JSON (Expecting value at column 1); it starts with \"Traceback (most rece...\"."], False),
    ("a JSON array", b"[1, 2]\n", "config_error",
     ["Input line 3 is JSON but not an Airbyte message: it is an array, not an object."], False),
    ("a JSON string", b'"RECORD"\n', "config_error",
     ["Input line 3 is JSON but not an Airbyte message: it is a string, not an object."], False),
    ("no type", b'{"stream": "stages", "data": {}}\n', "config_error",
     ["Input line 3 is JSON but not an Airbyte message: it has no `type`."], False),
    ("an unknown type", b'{"type": "RECORDS"}\n', "config_error",
     ['Input line 3 is JSON but not an Airbyte message: its `type` "RECORDS" is not one of RECORD, STATE, LOG'],
     False),
    ("a RECORD without record", b'{"type": "RECORD"}\n', "config_error",
     ["Input line 3 is JSON but not an Airbyte message: a RECORD message needs `record`, an object."], False),
    ("a RECORD whose data is not an object", line({"type": "RECORD", "record": {"stream": STREAM, "data": "x"}}),
     "config_error", ["Input line 3 is JSON but not an Airbyte message: `record.data` must be an object."], False),
    ("a RECORD without emitted_at", line({"type": "RECORD", "record": {"stream": STREAM, "data": {}}}),
     "config_error", ['Input line 3 is JSON but not an Airbyte message: `record.emitted_at`: "emitted_at" is a '
                      "required property."], False),
    ("a long value in the schema check's words", line({"type": "RECORD", "record": {"stream": STREAM, "data": {},
                                                                               "emitted_at": "x" * 500}}),
     "config_error", ['Input line 3 is JSON but not an Airbyte message: `record.emitted_at`: "' + "x" * 79 + "..."], False),
    ("a STATE without state", b'{"type": "STATE"}\n', "config_error",
     ["Input line 3 is JSON but not an Airbyte message: a STATE message needs `state`, an object."], False),
    ("the config piped in by mistake", line({"api_key": DEFAULT_RUDDR_KEY, "base_url": "x"}), "config_error",
     ["Input line 3 is JSON but not an Airbyte message: it has no `type`."], False),
    ("a secret in a line that is not JSON", b"Bearer " + DEFAULT_RUDDR_KEY.encode() + b"\n", "config_error",
     ['Input line 3 is not JSON (Expecting value at column 1); it starts with "Bearer ****"'], False),
]


@pytest.mark.parametrize("bad, failure_type, says, listed", [case[1:] for case in REFUSED_LINES],
                         ids=[case[0] for case in REFUSED_LINES])
def test_a_line_that_is_not_a_good_airbyte_message_fails_the_sync_before_any_write(sandbox, bad, failure_type, says,
                                                                                    listed):
    sandbox.clear_requests()

    run = write_input(destination_config(sandbox), with_pipeline(sandbox, around(bad)), [STREAM])

    assert run.exit_code == 1, run.output[-3000:]
    (error,) = run.error_traces
    assert error["failure_type"] == failure_type
    for text in says:
        assert text in error["message"], error["message"]
    assert len(error["message"]) < 400  # at most a short excerpt of the line
    assert states(run) == []
    assert writes(sandbox) == []
    if not listed:  # refused while the input was read: not one request to Ruddr
        assert sandbox.requests() == []
    assert DEFAULT_RUDDR_KEY not in run.output
    assert "Traceback (most recent call last):\n" not in run.output  # no Python traceback (the quoted line is not one)


def test_blank_lines_windows_line_ends_and_a_last_line_without_newline_are_read(sandbox):
    raw = (b"\n" + line(record("First")).replace(b"\n", b"\r\n") + b"   \t\r\n" + line(state(1))
           + line(record("Second")) + json.dumps(state(2)).encode())  # the last line has no newline
    sandbox.clear_requests()

    run = write_input(destination_config(sandbox), with_pipeline(sandbox, raw), [STREAM])

    assert run.exit_code == 0, run.output[-3000:]
    assert [message["state"]["stream"]["stream_state"]["n"] for message in states(run)] == [1, 2]
    assert sorted(entry["body"]["name"] for entry in writes(sandbox)) == ["First", "Second"]
    assert "Skipped 2 blank input line(s): lines 1, 3." in run.log_messages("WARN")


def test_many_blank_lines_are_listed_up_to_ten_then_counted(sandbox):
    run = write_input(destination_config(sandbox), b"\n" * 12 + line(state(1)), [STREAM])

    assert run.exit_code == 0, run.output[-3000:]
    assert "Skipped 12 blank input line(s): lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more." in run.log_messages("WARN")

def test_input_that_ends_in_the_middle_of_a_message_fails_as_transient_with_nothing_written(sandbox):
    whole = with_pipeline(sandbox, line(record("Complete")) + line(state(1)))
    cut = line(record("Cut short"))[:40]  # the source died while writing it: no newline
    sandbox.clear_requests()

    run = write_input(destination_config(sandbox), whole + cut, [STREAM], launcher=DESTINATION)

    assert run.exit_code == 1
    assert [error["failure_type"] for error in run.error_traces] == ["transient_error"]
    assert "Traceback" not in run.output  # an error the connector names is not a crash
    assert run.error_traces[0]["message"].startswith(
        "The input ends in the middle of a message: its last line (3) has no newline and is not complete JSON, so the "
        "source stopped while writing it. Nothing was written"
    )
    assert states(run) == []
    assert sandbox.requests() == []


def test_invalid_utf8_from_a_real_process_is_a_config_error_naming_the_line(sandbox):
    bad = line(record("Caf\u00e9")).replace("\\u00e9".encode(), b"\xe9")
    sandbox.clear_requests()

    run = write_input(destination_config(sandbox), with_pipeline(sandbox, line(state(1)) + bad), [STREAM],
                      launcher=DESTINATION)

    assert run.exit_code == 1
    assert [(error["failure_type"], error["message"].split(" (")[0]) for error in run.error_traces] == [
        ("config_error", "Input line 2 is not valid UTF-8")]
    assert states(run) == [] and sandbox.requests() == []
    assert "Traceback" not in run.output


def test_a_state_goes_back_out_as_it_came_in_even_with_an_integer_beyond_64_bits(sandbox):
    big = 2 ** 70 + 1  # valid JSON; orjson alone reads it as the float 1.1805916207174113e+21, one less
    raw = line(record("First")) + line(state({"cursor": big, "negative": -big, "small": 1.5}))

    run = write_input(destination_config(sandbox), with_pipeline(sandbox, raw), [STREAM])

    assert run.exit_code == 0, run.output[-3000:]
    assert [message["state"]["stream"]["stream_state"]["n"] for message in states(run)] == [
        {"cursor": big, "negative": -big, "small": 1.5}
    ]
