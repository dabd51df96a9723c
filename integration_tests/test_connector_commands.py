"""spec, check and discover of the console script, as a real process against the sandbox."""

import json
from pathlib import Path

import pytest

from integration_tests.connector_process import STREAMS, run_source_stages, sandbox_config
from integration_tests.sandbox import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN

SCHEMAS = Path(__file__).resolve().parents[1] / "source_stages" / "schemas"


@pytest.mark.every_python
def test_spec_prints_one_spec_with_both_credentials_secret() -> None:
    run = run_source_stages("spec")

    assert run.exit_code == 0
    (spec,) = run.of_type("SPEC")
    properties = spec["spec"]["connectionSpecification"]["properties"]
    assert properties["zendesk_sell"]["properties"]["access_token"]["airbyte_secret"] is True
    assert properties["ruddr"]["properties"]["api_key"]["airbyte_secret"] is True


@pytest.mark.every_python
def test_check_succeeds_with_one_cheap_request_per_provider(sandbox) -> None:
    run = run_source_stages("check", sandbox_config(sandbox))

    assert run.exit_code == 0
    assert run.connection_status == {"status": "SUCCEEDED"}
    assert [(r["method"], r["path"], r["query"]) for r in sandbox.requests()] == [
        ("GET", "/v2/stages", "per_page=1"),
        ("GET", "/api/workspace/", ""),
    ]


def test_check_names_the_provider_whose_credential_was_refused(sandbox) -> None:
    config = sandbox_config(sandbox)
    config["ruddr"]["api_key"] = "revoked-ruddr-key-for-the-check-test-5e2a"

    run = run_source_stages("check", config)

    assert run.exit_code == 0
    assert run.connection_status["status"] == "FAILED"
    assert run.connection_status["message"].startswith(
        f"Ruddr check failed (GET {sandbox.ruddr_base_url}/): Ruddr rejected the credential in `ruddr.api_key` (HTTP 401)"
    )
    assert "Zendesk Sell" not in run.connection_status["message"]
    assert "revoked-ruddr-key-for-the-check-test-5e2a" not in run.stdout + run.stderr


def test_check_with_a_bad_config_names_the_field(sandbox) -> None:
    run = run_source_stages("check", sandbox_config(sandbox, zendesk_sell={"base_url": "http://example.com"}))

    assert run.connection_status["status"] == "FAILED"
    assert run.connection_status["message"].startswith("Invalid config: `zendesk_sell.base_url` uses http://")
    assert sandbox.requests() == []


@pytest.mark.every_python
def test_discover_lists_the_configured_providers_streams_with_their_schemas(sandbox) -> None:
    both = run_source_stages("discover", sandbox_config(sandbox)).catalog["streams"]

    assert [stream["name"] for stream in both] == [*STREAMS, "stages"]  # one provider only: unit_tests/test_run.py
    incremental = {"zendesk_sell_stages", "zendesk_sell_pipelines"}
    for stream in both:
        assert stream["json_schema"] == json.loads((SCHEMAS / f"{stream['name']}.json").read_text())
        modes = ["full_refresh", "incremental"] if stream["name"] in incremental else ["full_refresh"]
        assert stream["supported_sync_modes"] == modes
        assert stream.get("default_cursor_field") == (["updated_at"] if stream["name"] in incremental else None)
        key = [["source"], ["id"]] if stream["name"] == "stages" else [["id"]]
        assert stream["source_defined_primary_key"] == key
    assert sandbox.requests() == []  # discover needs no API call


def test_no_command_prints_a_credential_even_with_debug_logging(sandbox) -> None:
    config = sandbox_config(sandbox)
    runs = [
        run_source_stages("check", config, debug=True),
        run_source_stages("read", config, streams=STREAMS, debug=True),
    ]

    for run in runs:
        assert run.exit_code == 0, run.stderr
        output = run.stdout + run.stderr
        assert "Making outbound API request" in output  # debug logging is really on
        assert DEFAULT_ZENDESK_TOKEN not in output and DEFAULT_RUDDR_KEY not in output
