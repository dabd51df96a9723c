"""spec, check and discover of the console script, as a real process against the sandbox (a check
refused by the API: in this process, where only its message counts)."""

import logging

import pytest

from sandbox import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN
from sandbox.connectors import ALL_STREAMS, LIST_STREAMS, RAW_STREAMS, sandbox_config
from source_stages import SourceStages
from stage_apis.incremental import IncrementalListStream
from stage_apis.unified_stage import UNIFIED_STREAM
from test_support.runs import CONSOLE_SCRIPT, run_connector
from test_support.streams import schema_file


@pytest.mark.every_python
def test_spec_prints_the_one_spec_of_the_config_model() -> None:
    run = run_connector("spec", launcher=CONSOLE_SCRIPT)

    assert run.exit_code == 0
    (spec,) = run.of_type("SPEC")
    # What the spec holds (both credentials secret, among the rest): unit_tests/test_spec.py.
    assert spec["spec"]["connectionSpecification"] == SourceStages().spec(logging.getLogger()).connectionSpecification


@pytest.mark.every_python
def test_check_succeeds_against_the_sandbox(sandbox) -> None:
    run = run_connector("check", sandbox_config(sandbox), launcher=CONSOLE_SCRIPT)

    assert run.exit_code == 0
    assert run.connection_status == {"status": "SUCCEEDED"}  # its one request per API: unit_tests/mock_http/test_check.py


def test_check_names_the_provider_whose_credential_was_refused(sandbox) -> None:
    config = sandbox_config(sandbox)
    config["ruddr"]["api_key"] = "revoked-ruddr-key-for-the-check-test-5e2a"

    run = run_connector("check", config)

    assert run.exit_code == 0
    assert run.connection_status["status"] == "FAILED"
    assert run.connection_status["message"].startswith(
        f"Ruddr check failed (GET {sandbox.ruddr_base_url}/): Ruddr rejected the credential in `ruddr.api_key` (HTTP 401)"
    )
    assert "Zendesk Sell" not in run.connection_status["message"]
    assert "revoked-ruddr-key-for-the-check-test-5e2a" not in run.output


def test_check_with_a_bad_config_names_the_field(sandbox) -> None:
    run = run_connector("check", sandbox_config(sandbox, zendesk_sell={"base_url": "http://example.com"}),
                        launcher=CONSOLE_SCRIPT)

    assert run.connection_status["status"] == "FAILED"
    assert run.connection_status["message"].startswith("Invalid config: `zendesk_sell.base_url` uses http://")
    assert sandbox.requests() == []


@pytest.mark.every_python
def test_discover_lists_the_configured_providers_streams_with_their_schemas(sandbox) -> None:
    both = run_connector("discover", sandbox_config(sandbox), launcher=CONSOLE_SCRIPT).catalog["streams"]

    assert [stream["name"] for stream in both] == list(ALL_STREAMS)  # one API only: unit_tests/test_discover.py
    incremental = {name for name, stream in LIST_STREAMS.items() if issubclass(stream, IncrementalListStream)}
    for stream in both:
        assert stream["json_schema"] == schema_file(stream["name"])
        modes = ["full_refresh", "incremental"] if stream["name"] in incremental else ["full_refresh"]
        assert stream["supported_sync_modes"] == modes
        assert stream.get("default_cursor_field") == (["updated_at"] if stream["name"] in incremental else None)
        assert stream.get("source_defined_cursor") == (True if stream["name"] in incremental else None)
        key = [["source"], ["id"]] if stream["name"] == UNIFIED_STREAM else [["id"]]
        assert stream["source_defined_primary_key"] == key
    assert sandbox.requests() == []  # discover needs no API call


def test_no_command_prints_a_credential_even_with_debug_logging(sandbox) -> None:
    config = sandbox_config(sandbox)
    runs = [
        run_connector("check", config, debug=True, launcher=CONSOLE_SCRIPT),
        run_connector("read", config, streams=RAW_STREAMS, debug=True, launcher=CONSOLE_SCRIPT),
    ]

    for run in runs:
        assert run.exit_code == 0, run.stderr
        assert "Making outbound API request" in run.output  # debug logging is really on
        assert DEFAULT_ZENDESK_TOKEN not in run.output and DEFAULT_RUDDR_KEY not in run.output
