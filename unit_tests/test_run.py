"""The console script's behaviour for bad input: check says FAILED with the config message;
discover and read end with a config_error TRACE and exit code 1; never a traceback."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from integration_tests.connector_runs import IN_PROCESS, run_connector

KEY = "unit-test-ruddr-api-key-2f6b8d0e4a1c"
PAGE_SIZE_MESSAGE = "Invalid config: `page_size` must be an integer from 1 to 100 (got 101)."
BAD_CONFIG = {"ruddr": {"api_key": KEY}, "page_size": 101}


def test_check_with_a_bad_config_fails_with_the_field_named() -> None:
    result = run_connector("check", BAD_CONFIG, launcher=IN_PROCESS)

    assert result.exit_code == 0
    assert result.connection_status == {"status": "FAILED", "message": PAGE_SIZE_MESSAGE}
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["discover", "read"])
def test_discover_and_read_with_a_bad_config_end_with_a_config_error_trace(command: str) -> None:
    result = run_connector(command, BAD_CONFIG, streams=["ruddr_opportunity_stages"], launcher=IN_PROCESS)

    assert result.exit_code == 1
    assert [(e["failure_type"], e["message"]) for e in result.error_traces] == [("config_error", PAGE_SIZE_MESSAGE)]
    assert "Traceback" not in result.output
    assert KEY not in result.output


def test_a_config_the_spec_forbids_gets_the_connectors_message_not_a_bare_schema_error() -> None:
    result = run_connector("check", {"zendesk_sell": {"access_token": "unit-test-zendesk-sell-token-9c1e7a3b5d2f", "stages": {"sort_by": ["color"]}}}, launcher=IN_PROCESS)

    assert result.connection_status["message"].startswith('Invalid config: `zendesk_sell.stages.sort_by[0]` "color" is not')


def test_a_config_file_that_is_not_json_is_a_config_error() -> None:
    result = run_connector("read", '{"ruddr": {"api_key": ', streams=["ruddr_opportunity_stages"], launcher=IN_PROCESS)

    assert result.exit_code == 1
    (error,) = result.error_traces
    assert error["failure_type"] == "config_error"
    assert error["message"].startswith("Invalid config: the config file ")
    assert error["message"].endswith("is not valid JSON (Expecting value at line 1, column 23).")
    assert "Traceback" not in result.output


def test_discover_lists_only_the_configured_providers_streams() -> None:
    def stream_names(config: dict) -> list:
        (catalog,) = run_connector("discover", config, launcher=IN_PROCESS).of_type("CATALOG")
        return [stream["name"] for stream in catalog["catalog"]["streams"]]

    zendesk_sell = {"access_token": "unit-test-zendesk-sell-token-9c1e7a3b5d2f"}
    assert stream_names({"zendesk_sell": zendesk_sell}) == ["zendesk_sell_stages", "zendesk_sell_pipelines", "stages"]
    assert stream_names({"ruddr": {"api_key": KEY}}) == ["ruddr_opportunity_stages", "ruddr_opportunity_pipelines", "stages"]
    assert len(stream_names({"zendesk_sell": zendesk_sell, "ruddr": {"api_key": KEY}})) == 5


def test_discover_advertises_full_refresh_with_primary_key_id() -> None:
    (catalog,) = run_connector("discover", {"ruddr": {"api_key": KEY}}, launcher=IN_PROCESS).of_type("CATALOG")
    streams = {stream["name"]: stream for stream in catalog["catalog"]["streams"]}

    for stream in streams.values():
        assert stream["supported_sync_modes"] == ["full_refresh"]
        assert stream["json_schema"]["additionalProperties"] is True
    assert streams["ruddr_opportunity_stages"]["source_defined_primary_key"] == [["id"]]
    assert streams["ruddr_opportunity_pipelines"]["source_defined_primary_key"] == [["id"]]
    assert streams["stages"]["source_defined_primary_key"] == [["source"], ["id"]]


def test_discover_advertises_incremental_on_updated_at_for_zendesk_sell() -> None:
    config = {"zendesk_sell": {"access_token": "unit-test-zendesk-sell-token-9c1e7a3b5d2f"}}
    (catalog,) = run_connector("discover", config, launcher=IN_PROCESS).of_type("CATALOG")
    streams = {stream["name"]: stream for stream in catalog["catalog"]["streams"]}

    for name in ("zendesk_sell_stages", "zendesk_sell_pipelines"):
        assert streams[name]["supported_sync_modes"] == ["full_refresh", "incremental"]
        assert streams[name]["source_defined_cursor"] is True
        assert streams[name]["default_cursor_field"] == ["updated_at"]
    assert streams["stages"]["supported_sync_modes"] == ["full_refresh"]


def test_the_console_script_process_answers_a_bad_config_file_without_a_traceback(tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"zendesk_sell": {"access_token": ""}}))
    script = Path(sys.executable).with_name("source-stages")

    process = subprocess.run([str(script), "discover", "--config", str(config)], capture_output=True, text=True, timeout=120)

    assert process.returncode == 1
    assert "Traceback" not in process.stdout + process.stderr
    (trace,) = [json.loads(line) for line in process.stdout.splitlines() if '"TRACE"' in line]
    assert trace["trace"]["error"]["failure_type"] == "config_error"
    assert trace["trace"]["error"]["message"].startswith("Invalid config: `zendesk_sell.access_token` is empty")
