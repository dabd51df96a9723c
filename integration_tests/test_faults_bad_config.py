"""Bad configs through the console script as a real process, with `--debug`: `check` prints a
FAILED status with the exact message and exits 0 (the Airbyte convention: the check ran, the
config failed it); `read` ends with a single config_error TRACE with the same message and exit
code 1, no traceback, no credential in any line. A file that is not JSON cannot be checked at
all: `check` then ends like `read` (config_error TRACE, exit 1)."""

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from integration_tests.connector_process import run_source_stages
from integration_tests.fault_matrix import unique_credentials

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


BAD_CONFIGS = [
    ("malformed JSON file", MALFORMED_JSON, "Invalid config: the config file {path} is not valid JSON ({json_error})."),
    ("neither provider", {"page_size": 100}, "Invalid config: configure at least one provider: a `zendesk_sell` block with an `access_token`, a `ruddr` block with an `api_key`, or both."),
    ("empty token", {"zendesk_sell": {"access_token": ""}}, "Invalid config: `zendesk_sell.access_token` is empty: create a personal access token in Zendesk Sell under Settings > Integrations > OAuth > Access Tokens (it is shown only once) and paste it into `zendesk_sell.access_token`."),
    ("token of the wrong type", {"ruddr": {"api_key": 12345678901234567890}}, "Invalid config: `ruddr.api_key` must be a string."),
    ("filter of the wrong type", {"zendesk_sell": {**ZS, "stages": {"pipeline_id": "1"}}}, 'Invalid config: `zendesk_sell.stages.pipeline_id` must be a positive integer id (got "1").'),
    ("provider block of the wrong type", {"ruddr": [KEY]}, "Invalid config: `ruddr` must be an object."),
    ("unknown sort field", {"zendesk_sell": {**ZS, "stages": {"sort_by": ["color"]}}}, 'Invalid config: `zendesk_sell.stages.sort_by[0]` "color" is not a sort field of Zendesk Sell stages; use one of pipeline_id, id, name, category, position, likelihood, optionally followed by :asc or :desc.'),
    ("page size 0", {"ruddr": RD, "page_size": 0}, "Invalid config: `page_size` must be an integer from 1 to 100 (got 0)."),
    ("page size 101", {"ruddr": RD, "page_size": 101}, "Invalid config: `page_size` must be an integer from 1 to 100 (got 101)."),
    ("page size abc", {"ruddr": RD, "page_size": "abc"}, 'Invalid config: `page_size` must be an integer from 1 to 100 (got "abc").'),
    ("non-loopback http", {"zendesk_sell": {**ZS, "base_url": "http://api.getbase.com"}}, 'Invalid config: `zendesk_sell.base_url` uses http:// for the host "api.getbase.com"; plain http is allowed only for a loopback host (127.0.0.0/8, ::1, localhost), so that a credential never travels in clear. Use https://.'),
    ("file URL", {"ruddr": {**RD, "base_url": "file:///etc/passwd"}}, 'Invalid config: `ruddr.base_url` must start with https:// (got "file:"), e.g. https://www.ruddr.io/api/workspace.'),
    ("user:password in the base URL", {"zendesk_sell": {**ZS, "base_url": "https://me:pa55-word-in-url@api.getbase.com"}}, "Invalid config: `zendesk_sell.base_url` must not contain a user name or password; the credential belongs in `zendesk_sell.access_token`."),
]
SECRETS = (TOKEN, KEY, "pa55-word-in-url", "12345678901234567890")


def run_both(config):
    return run_source_stages("check", config, debug=True), run_source_stages(
        "read", config, streams=["zendesk_sell_stages"], debug=True
    )


@pytest.fixture(scope="module")
def runs():
    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip([name for name, _, _ in BAD_CONFIGS], pool.map(run_both, [config for _, config, _ in BAD_CONFIGS])))


def expected_message(template: str, run) -> str:
    path = run.args[run.args.index("--config") + 1]
    return template.format(path=path, json_error=json_error(MALFORMED_JSON))


@pytest.mark.parametrize("name, message", [(name, message) for name, _, message in BAD_CONFIGS], ids=[n for n, _, _ in BAD_CONFIGS])
def test_check_fails_with_the_exact_message(runs, name: str, message: str) -> None:
    check, _ = runs[name]
    if name == "malformed JSON file":
        assert check.exit_code == 1
        assert [(e["failure_type"], e["message"]) for e in check.error_traces] == [("config_error", expected_message(message, check))]
        return
    assert check.exit_code == 0
    assert check.connection_status == {"status": "FAILED", "message": expected_message(message, check)}
    assert check.error_traces == []


@pytest.mark.parametrize("name, message", [(name, message) for name, _, message in BAD_CONFIGS], ids=[n for n, _, _ in BAD_CONFIGS])
def test_read_ends_with_one_config_error_trace_and_exit_1(runs, name: str, message: str) -> None:
    _, read = runs[name]
    assert read.exit_code == 1
    assert [(e["failure_type"], e["message"]) for e in read.error_traces] == [("config_error", expected_message(message, read))]
    assert read.of_type("RECORD") == []


@pytest.mark.parametrize("name", [name for name, _, _ in BAD_CONFIGS])
def test_no_traceback_and_no_secret_in_any_line(runs, name: str) -> None:
    for run in runs[name]:
        output = run.stdout + run.stderr
        assert "Traceback" not in output
        assert [line for line in output.splitlines() if any(secret in line for secret in SECRETS)] == []
