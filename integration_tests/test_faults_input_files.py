"""The files a user gives the connectors (the source's --catalog and --state, the destination's
--catalog) that are missing, not JSON, not UTF-8 or of the wrong shape: a config_error TRACE that
names the file and what is wrong with it, exit code 1, no traceback, nothing read or written.
The forms of state airbyte-cdk accepts still work. In this process, where only the messages matter;
one real process per connector."""

import json

import pytest

from sandbox.connectors import destination_config, sandbox_config
from stage_apis.ruddr.api import RUDDR
from stage_apis.ruddr.streams import RuddrOpportunityStages
from test_support.catalogs import configured_catalog, destination_catalog
from test_support.runs import CONSOLE_SCRIPTS, MESSAGES_ONLY, MISSING_FILE, run_connector

STREAM = RuddrOpportunityStages.name
GOOD_CATALOG = configured_catalog([STREAM])
STREAM_STATE = {"type": "STREAM", "stream": {"stream_descriptor": {"name": STREAM}, "stream_state": {}}}


def json_error(text: str) -> str:
    """What this Python's json module says about `text` (its wording differs between versions)."""
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return f"{error.msg} at line {error.lineno}, column {error.colno}"
    raise AssertionError("valid JSON")


CUT_SHORT = '{"streams": ['
NOT_JSON = "[{'type': 'STREAM'}]"

# name -> (file content, what the message says after "the <kind> file <path>")
CATALOGS = {
    "missing": (MISSING_FILE, None),  # "cannot read the catalog file <path>: No such file or directory."
    "empty": ("", f"is not valid JSON ({json_error('')})."),
    "cut short": (CUT_SHORT, f"is not valid JSON ({json_error(CUT_SHORT)})."),
    "not UTF-8": (b'{"streams": [], "note": "caf\xe9"}', "is not valid JSON (the file is not UTF-8 text)."),
    "NaN": ('{"streams": [], "x": NaN}', "is not valid JSON (NaN is not a JSON value)."),
    "a list": ([GOOD_CATALOG], "must hold a JSON object (a configured catalog: {\"streams\": [...]})."),
    "no streams": ({"stream": []}, 'is not a configured catalog: "streams" is a required property.'),
    "streams not a list": ({"streams": {}}, 'is not a configured catalog: `streams`: {} is not of type "list".'),
    "a stream without its schema": (
        {"streams": [{"stream": {"name": STREAM}, "sync_mode": "full_refresh", "destination_sync_mode": "append"}]},
        'is not a configured catalog: `streams/0/stream`: "json_schema" is a required property.',
    ),
}

STATES = {
    "missing": (MISSING_FILE, None),
    "not JSON": (NOT_JSON, f"is not valid JSON ({json_error(NOT_JSON)})."),
    "not UTF-8": (b"[\xff]", "is not valid JSON (the file is not UTF-8 text)."),
    "Infinity": ('[{"type": "STREAM", "data": Infinity}]', "is not valid JSON (Infinity is not a JSON value)."),
    "one message, not a list": (
        STREAM_STATE,
        "must hold a list of state messages, such as the STATE messages a read emits "
        '([{"type": "STREAM", "stream": {"stream_descriptor": {"name": ...}, "stream_state": {...}}}]); '
        "it holds one JSON object (a single message, or the legacy state form, which airbyte-cdk does not read).",
    ),
    "a string": ('"updated_at"', "must hold a list of state messages, such as the STATE messages a read emits "
                                  '([{"type": "STREAM", "stream": {"stream_descriptor": {"name": ...}, "stream_state": {...}}}]); '
                                  "it holds a string."),
    "an item that is not an object": ([STREAM_STATE, "x"], 'is not a list of state messages: item 2: "x" is not of type "object".'),
    "an unknown type": (
        [{"type": "PER_STREAM", "stream": STREAM_STATE["stream"]}],
        'is not a list of state messages: item 1: `type`: "PER_STREAM" is not one of ["GLOBAL", "STREAM", "LEGACY"].',
    ),
    "a message without a state": ([{"type": "STREAM"}], "is not a list of state messages: item 1 has no `stream`, `global` or `data`."),
    # airbyte-cdk reads it, then its state manager refuses it (a ValueError: system_error).
    "a global state with a shared state": (
        [{"type": "GLOBAL", "global": {"shared_state": {}, "stream_states": [STREAM_STATE["stream"]]}}],
        "holds a GLOBAL state with a `shared_state`, which this source neither writes nor reads (it keeps one "
        "state per stream).",
    ),
}


def assert_config_error(run, kind: str, expected) -> None:
    path = run.args[run.args.index(f"--{kind}") + 1]
    if expected is None:
        message = f"Invalid {kind}: cannot read the {kind} file {path}: No such file or directory."
    else:
        message = f"Invalid {kind}: the {kind} file {path} {expected}"
    assert run.exit_code == 1
    assert [(error["failure_type"], error["message"]) for error in run.error_traces] == [("config_error", message)]
    assert run.of_type("RECORD") == [] and run.of_type("STATE") == []
    assert "Traceback" not in run.output and "Something went wrong" not in run.output


@pytest.mark.parametrize("content, expected", CATALOGS.values(), ids=list(CATALOGS))
def test_a_bad_source_catalog_is_a_config_error_naming_the_file(sandbox, content, expected) -> None:
    run = run_connector("read", sandbox_config(sandbox), catalog=content)

    assert_config_error(run, "catalog", expected)
    assert sandbox.requests() == []


@pytest.mark.parametrize("content, expected", STATES.values(), ids=list(STATES))
def test_a_bad_state_is_a_config_error_naming_the_file(sandbox, content, expected) -> None:
    run = run_connector("read", sandbox_config(sandbox), catalog=GOOD_CATALOG, state=content)

    assert_config_error(run, "state", expected)
    assert sandbox.requests() == []


# What airbyte-cdk's own reader takes as "no state" (a false JSON value), and the forms it reads.
ACCEPTED_STATES = {
    "null": None, "empty object": {}, "empty list": [],
    "a stream message": [STREAM_STATE],
    "a legacy message": [{"type": "LEGACY", "data": {STREAM: {}}}],
    "a global message": [{"type": "GLOBAL", "global": {"stream_states": [STREAM_STATE["stream"]]}}],
}


@pytest.mark.parametrize("state", ACCEPTED_STATES.values(), ids=list(ACCEPTED_STATES))
def test_the_state_forms_airbyte_cdk_reads_still_read_every_record(sandbox, state) -> None:
    text = json.dumps(state)  # null too: run_connector leaves out a file whose content is None
    run = run_connector("read", sandbox_config(sandbox), catalog=GOOD_CATALOG, state=text)

    assert run.exit_code == 0, run.output[-2000:]
    assert len(run.records(STREAM)) == len(sandbox.data()[RUDDR.key]["opportunity_stages"])


@pytest.mark.parametrize("content, expected", [CATALOGS[name] for name in ("missing", "cut short", "not UTF-8", "no streams")],
                         ids=["missing", "cut short", "not UTF-8", "no streams"])
def test_a_bad_destination_catalog_is_a_config_error_naming_the_file(sandbox, content, expected) -> None:
    run = run_connector("write", destination_config(sandbox), catalog=content, input_messages=[],
                        launcher=MESSAGES_ONLY.destination)

    assert_config_error(run, "catalog", expected)
    assert sandbox.requests() == []


def test_the_source_console_script_answers_a_bad_catalog_without_traceback(sandbox) -> None:
    run = run_connector("read", sandbox_config(sandbox), catalog='{"streams": [', launcher=CONSOLE_SCRIPTS.source)

    assert_config_error(run, "catalog", CATALOGS["cut short"][1])


def test_the_destination_console_script_answers_a_bad_catalog_without_traceback(sandbox) -> None:
    catalog = json.dumps(destination_catalog(["stages"]))[:-5]
    run = run_connector("write", destination_config(sandbox), catalog=catalog, input_messages=[],
                        launcher=CONSOLE_SCRIPTS.destination)

    assert_config_error(run, "catalog", f"is not valid JSON ({json_error(catalog)}).")
