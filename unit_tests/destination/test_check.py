"""`check`: the workspace answers, its pipelines can be listed, `default_pipeline_id` is one of them;
a bad config fails with config.py's message, not the CDK's JSON-schema one."""

import json
from unittest import TestCase

from airbyte_cdk.models import Status
from airbyte_cdk.test.mock_http import HttpMocker

from destination_ruddr import DestinationRuddr
from test_support.destination_messages import LOGGER, PIPELINES, SALES_ID
from test_support.mock_http.config import DESTINATION_CONFIG, RUDDR_KEY
from test_support.mock_http.request_builders import list_request, ruddr_request
from test_support.mock_http.responses import json_response, ruddr_records_page, template
from test_support.runs import DESTINATION_IN_PROCESS, run_connector

CHECK = ruddr_request("")  # GET / of the workspace, with destination-ruddr's User-Agent like its other requests


def check(config):
    return DestinationRuddr().check(LOGGER, config)


class TestDestinationCheck(TestCase):
    @HttpMocker()
    def test_succeeds_when_the_workspace_answers_and_the_default_pipeline_exists(self, http_mocker: HttpMocker) -> None:
        http_mocker.get(CHECK, json_response(template("ruddr_workspace")))
        http_mocker.get(list_request("opportunity-pipelines"), ruddr_records_page(PIPELINES))

        status = check({**DESTINATION_CONFIG, "default_pipeline_id": SALES_ID})

        assert status.status == Status.SUCCEEDED

    @HttpMocker()
    def test_fails_naming_the_default_pipeline_that_does_not_exist(self, http_mocker: HttpMocker) -> None:
        http_mocker.get(CHECK, json_response(template("ruddr_workspace")))
        http_mocker.get(list_request("opportunity-pipelines"), ruddr_records_page(PIPELINES[:1]))

        status = check({**DESTINATION_CONFIG, "default_pipeline_id": SALES_ID})

        assert status.status == Status.FAILED
        assert status.message == (
            f"Ruddr check failed: `default_pipeline_id` {SALES_ID} is not a pipeline of this Ruddr workspace; its "
            f'pipelines are: "Renewals" ({PIPELINES[0]["id"]}).'
        )

    @HttpMocker()
    def test_a_rejected_key_fails_naming_api_key_and_never_showing_it(self, http_mocker: HttpMocker) -> None:
        http_mocker.get(CHECK, json_response({"status": 401, "message": "The provided bearer token is missing."}, 401))

        status = check(DESTINATION_CONFIG)

        assert status.status == Status.FAILED
        assert "rejected the credential in `api_key` (HTTP 401)" in status.message
        assert RUDDR_KEY not in status.message

    @HttpMocker()
    def test_a_base_url_that_is_not_ruddr_fails_at_once_naming_base_url(self, http_mocker: HttpMocker) -> None:
        http_mocker.get(CHECK, json_response({"hello": "proxy login page"}))

        status = check(DESTINATION_CONFIG)

        assert status.message.endswith("the answer is not a Ruddr workspace; check `base_url`.")


def test_the_console_script_check_with_a_bad_config_names_the_field() -> None:
    result = run_connector("check", {**DESTINATION_CONFIG, "on_existing": "overwrite"}, launcher=DESTINATION_IN_PROCESS)

    assert result.exit_code == 0
    assert result.connection_status == {
        "status": "FAILED", "message": 'Invalid config: `on_existing` must be one of update, skip (got "overwrite").'}
    assert RUDDR_KEY not in result.output and json.dumps(RUDDR_KEY) not in result.output
