"""Bad configs through the connector's entrypoint, with `--debug`: `check` prints a FAILED status
with the validation's message and exits 0 (the Airbyte convention: the check ran, the config
failed it); `discover` and `read` end with a single config_error TRACE with the same message and
exit code 1; no traceback, no credential in any line. A file that is not JSON cannot be checked at
all: `check` then ends like `read` (config_error TRACE, exit 1).

Each command runs in this process, but for one run of each kind, as the console script: a file
that is not JSON (`check`, which ends like `read` for it), and a config that fails validation
(`read`; its `check` as a process: test_connector_commands.py). That a real process exits with the
code and prints the lines the entrypoint gave is the point there.

Each message's exact text is pinned once, in unit_tests/test_config.py (the same configs, other
credentials); here it must reach the output unchanged."""

import json

import pytest

from sandbox import unique_credentials
from source_stages.source_config import parse_config
from stage_apis.config.validation import ConfigError
from test_support.runs import CONSOLE_SCRIPT, MESSAGES_ONLY, ConnectorRun, run_connector

TOKEN, KEY = unique_credentials()
ZS = {"access_token": TOKEN}
RD = {"api_key": KEY}
MALFORMED_JSON = '{"zendesk_sell": {"access_token": "%s",}' % TOKEN  # a trailing comma, no closing brace


def json_error(text: str) -> str:
    """What this Python's json module says about `text`, and where: its wording differs between
    Python versions (3.13: "Illegal trailing comma ..." one column earlier)."""
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return f"{error.msg} at line {error.lineno}, column {error.colno}"
    raise AssertionError("the text is valid JSON")


BAD_CONFIGS = {
    "malformed JSON file": MALFORMED_JSON,
    "neither provider": {"page_size": 100},
    "empty token": {"zendesk_sell": {"access_token": ""}},
    "token of the wrong type": {"ruddr": {"api_key": 12345678901234567890}},
    "filter of the wrong type": {"zendesk_sell": {**ZS, "stages": {"pipeline_id": "1"}}},
    "provider block of the wrong type": {"ruddr": [KEY]},
    "unknown sort field": {"zendesk_sell": {**ZS, "stages": {"sort_by": ["position:desc", "color"]}}},
    "page size 0": {"ruddr": RD, "page_size": 0},
    "page size 101": {"ruddr": RD, "page_size": 101},
    "page size abc": {"ruddr": RD, "page_size": "abc"},
    "non-loopback http": {"zendesk_sell": {**ZS, "base_url": "http://api.getbase.com"}},
    "file URL": {"zendesk_sell": {**ZS, "base_url": "file:///etc/passwd"}},
    "user:password in the base URL": {"ruddr": {**RD, "base_url": "https://admin:hunter2-secret@www.ruddr.io/api/workspace"}},
}
SECRETS = (TOKEN, KEY, "hunter2-secret", "12345678901234567890")
AS_PROCESSES = {("malformed JSON file", "check"), ("page size 0", "read")}


def run(name: str, command: str) -> ConnectorRun:
    launcher = CONSOLE_SCRIPT if (name, command) in AS_PROCESSES else MESSAGES_ONLY.source
    return run_connector(command, BAD_CONFIGS[name], streams=["zendesk_sell_stages"], debug=True, launcher=launcher)


def expected_message(name: str, run: ConnectorRun) -> str:
    if name == "malformed JSON file":
        path = run.args[run.args.index("--config") + 1]
        return f"Invalid config: the config file {path} is not valid JSON ({json_error(MALFORMED_JSON)})."
    with pytest.raises(ConfigError) as raised:
        parse_config(BAD_CONFIGS[name])
    return raised.value.message


def assert_no_traceback_and_no_secret_in_any_line(run: ConnectorRun) -> None:
    assert "Traceback" not in run.output
    assert [line for line in run.output.splitlines() if any(secret in line for secret in SECRETS)] == []


@pytest.mark.parametrize("name", BAD_CONFIGS)
def test_check_fails_with_the_validations_message(name: str) -> None:
    check = run(name, "check")
    assert_no_traceback_and_no_secret_in_any_line(check)
    if name == "malformed JSON file":
        assert check.exit_code == 1
        assert [(e["failure_type"], e["message"]) for e in check.error_traces] == [("config_error", expected_message(name, check))]
        return
    assert check.exit_code == 0
    assert check.connection_status == {"status": "FAILED", "message": expected_message(name, check)}
    assert check.error_traces == []


@pytest.mark.parametrize("command", ["discover", "read"])
@pytest.mark.parametrize("name", BAD_CONFIGS)
def test_discover_and_read_end_with_one_config_error_trace_and_exit_1(name: str, command: str) -> None:
    finished = run(name, command)
    assert_no_traceback_and_no_secret_in_any_line(finished)
    assert finished.exit_code == 1
    assert [(e["failure_type"], e["message"]) for e in finished.error_traces] == [
        ("config_error", expected_message(name, finished))]
    assert finished.of_type("RECORD") == [] and finished.of_type("CATALOG") == []
