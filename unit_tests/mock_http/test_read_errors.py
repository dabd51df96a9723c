"""The error map during reads: what fails at once (and says what to fix), what is retried, the
retry budget, bad bodies. `time.sleep` is patched, so the backoff costs no wall time and the
waits the connector asked for can be asserted."""

import re
from unittest import TestCase
from unittest.mock import patch

import requests
import requests_mock
from airbyte_cdk.models import FailureType
from airbyte_cdk.sources.streams.call_rate import APIBudget
from airbyte_cdk.test.mock_http import HttpMocker, HttpResponse

from stage_apis.ruddr.streams import RuddrOpportunityStages
from stage_apis.zendesk_sell.streams import ZendeskSellStages
from test_support.mock_http.config import RUDDR_KEY, ZENDESK_TOKEN, ConfigBuilder
from test_support.mock_http.reads import read_stream, record_ids, stream_error
from test_support.mock_http.request_builders import USER_AGENT, RuddrRequest, ZendeskSellRequest
from test_support.mock_http.responses import (
    error_response,
    json_response,
    ruddr_ids,
    ruddr_page,
    template,
    zendesk_sell_page,
)

ZS_STAGES, RUDDR_STAGES = ZendeskSellStages.name, RuddrOpportunityStages.name


def _sleeps(sleep) -> list:
    """The waits, in seconds (the CDK's Retry-After handler sleeps itself, then backoff sleeps 0)."""
    return [call.args[0] for call in sleep.call_args_list if call.args[0]]


class TestFailFast(TestCase):
    @HttpMocker()
    def test_zendesk_sell_401_is_a_config_error_naming_the_token_and_the_fix(self, http_mocker: HttpMocker) -> None:
        request = ZendeskSellRequest.stages().build()
        http_mocker.get(request, error_response("zendesk_sell_error_401", 401))

        output = read_stream(ConfigBuilder().with_zendesk_sell().build(), ZS_STAGES, expect_error=True)

        error = stream_error(output, ZS_STAGES)
        assert error.failure_type == FailureType.config_error
        assert error.message == (
            "Zendesk Sell rejected the credential in `zendesk_sell.access_token` (HTTP 401): it is missing, expired "
            "or revoked. To fix it, create a personal access token in Zendesk Sell under Settings > Integrations > "
            "OAuth > Access Tokens (it is shown only once) and paste it into `zendesk_sell.access_token`."
        )
        http_mocker.assert_number_of_calls(request, 1)

    @HttpMocker()
    def test_ruddr_401_is_a_config_error_naming_the_key_and_the_fix(self, http_mocker: HttpMocker) -> None:
        http_mocker.get(RuddrRequest.opportunity_stages().build(), error_response("ruddr_error_401", 401))

        error = stream_error(read_stream(ConfigBuilder().with_ruddr().build(), RUDDR_STAGES, expect_error=True), RUDDR_STAGES)

        assert error.failure_type == FailureType.config_error
        assert error.message.startswith("Ruddr rejected the credential in `ruddr.api_key` (HTTP 401)")
        assert "Settings > API Keys" in error.message

    @HttpMocker()
    def test_403_is_a_config_error_naming_the_provider(self, http_mocker: HttpMocker) -> None:
        http_mocker.get(RuddrRequest.opportunity_stages().build(), json_response({"status": 403, "message": "Forbidden"}, 403))

        error = stream_error(read_stream(ConfigBuilder().with_ruddr().build(), RUDDR_STAGES, expect_error=True), RUDDR_STAGES)

        assert error.failure_type == FailureType.config_error
        assert error.message.startswith("Ruddr refused access (HTTP 403): the API is not enabled for this workspace")

    @HttpMocker()
    def test_404_is_a_config_error_pointing_at_base_url(self, http_mocker: HttpMocker) -> None:
        base_url = "https://proxy.example.com/zendesk"
        http_mocker.get(ZendeskSellRequest.stages(base_url).build(), json_response({"errors": []}, 404))

        output = read_stream(ConfigBuilder().with_zendesk_sell(base_url=base_url).build(), ZS_STAGES, expect_error=True)

        error = stream_error(output, ZS_STAGES)
        assert error.failure_type == FailureType.config_error
        assert error.message == (
            "Zendesk Sell answered HTTP 404 (not found): check `zendesk_sell.base_url`; for Zendesk Sell it is "
            "normally https://api.getbase.com."
        )


# The client-side budget has its own tests (test_rate_budget.py). Here it is unlimited, so that
# every patched sleep is a retry wait: HttpAPIBudget empties its window after a 429, and with
# time.sleep patched that window would never pass.
_NO_BUDGET = patch("stage_apis.connection.build_api_budget", lambda _: APIBudget(policies=[]))


@_NO_BUDGET
@patch("time.sleep")
class TestRetries(TestCase):
    @HttpMocker()
    def test_429_without_retry_after_backs_off_exponentially_then_reads(self, sleep, http_mocker: HttpMocker) -> None:
        request = ZendeskSellRequest.stages().build()
        too_many = json_response({"errors": [{"error": {"code": "rate_limit_exceeded"}}]}, 429)
        http_mocker.get(request, [too_many, too_many, zendesk_sell_page(ZS_STAGES, [1, 2])])

        output = read_stream(ConfigBuilder().with_zendesk_sell().build(), ZS_STAGES)

        assert record_ids(output) == [1, 2]
        assert _sleeps(sleep) == [1, 2]
        http_mocker.assert_number_of_calls(request, 3)

    @HttpMocker()
    def test_429_with_retry_after_waits_what_the_api_asks(self, sleep, http_mocker: HttpMocker) -> None:
        request = RuddrRequest.opportunity_stages().build()
        too_many = json_response({"status": 429, "message": "Too many requests"}, 429, {"Retry-After": "3"})
        http_mocker.get(request, [too_many, ruddr_page(RUDDR_STAGES, ruddr_ids(1))])

        output = read_stream(ConfigBuilder().with_ruddr().build(), RUDDR_STAGES)

        assert record_ids(output) == ruddr_ids(1)
        assert _sleeps(sleep) == [4]  # the CDK adds one second to a strategy's wait
        http_mocker.assert_number_of_calls(request, 2)

    @HttpMocker()
    def test_5xx_are_retried_then_the_read_completes(self, sleep, http_mocker: HttpMocker) -> None:
        request = ZendeskSellRequest.stages().build()
        http_mocker.get(
            request,
            [HttpResponse("", 500), HttpResponse("<html>bad gateway</html>", 502), HttpResponse("", 503),
             HttpResponse("", 504), zendesk_sell_page(ZS_STAGES, [1])],
        )

        assert record_ids(read_stream(ConfigBuilder().with_zendesk_sell().build(), ZS_STAGES)) == [1]
        assert _sleeps(sleep) == [1, 2, 4, 8]

    @HttpMocker()
    def test_5xx_forever_ends_with_a_transient_error_after_five_retries(self, sleep, http_mocker: HttpMocker) -> None:
        request = RuddrRequest.opportunity_stages().build()
        http_mocker.get(request, json_response({"status": 500, "message": "Internal error"}, 500))

        output = read_stream(ConfigBuilder().with_ruddr().build(), RUDDR_STAGES, expect_error=True)

        error = stream_error(output, RUDDR_STAGES)
        assert error.failure_type == FailureType.transient_error
        assert "Ruddr answered HTTP 500; retrying with backoff." in error.message
        assert _sleeps(sleep) == [1, 2, 4, 8, 16]
        http_mocker.assert_number_of_calls(request, 6)

    @HttpMocker()
    def test_429_forever_ends_with_a_transient_rate_limit_error(self, sleep, http_mocker: HttpMocker) -> None:
        request = ZendeskSellRequest.stages().build()
        http_mocker.get(request, json_response({"errors": []}, 429))

        error = stream_error(read_stream(ConfigBuilder().with_zendesk_sell().build(), ZS_STAGES, expect_error=True), ZS_STAGES)

        assert error.failure_type == FailureType.transient_error
        assert re.fullmatch(
            r"Zendesk Sell kept answering HTTP 429 \(rate limit exceeded\): 5 retries over \d+ s did not get through\. "
            r"Lower `zendesk_sell\.max_requests_per_second` \(this connector's requests per second to Zendesk Sell\), "
            r"check whether other clients use the same Zendesk Sell token or account at the same time \(they share its "
            r"rate limit\), or run the sync again later\.",
            error.message,
        ), error.message
        http_mocker.assert_number_of_calls(request, 6)

    @HttpMocker()
    def test_a_body_that_is_not_json_is_retried_like_a_5xx(self, sleep, http_mocker: HttpMocker) -> None:
        request = ZendeskSellRequest.stages().build()
        http_mocker.get(request, [HttpResponse('{"items": [', 200), zendesk_sell_page(ZS_STAGES, [1])])

        output = read_stream(ConfigBuilder().with_zendesk_sell().build(), ZS_STAGES)

        assert record_ids(output) == [1]
        assert output.is_in_logs("zendesk_sell_stages: GET /v2/stages returned a body that is not JSON")

    @HttpMocker()
    def test_a_body_that_is_never_json_ends_with_a_system_error_naming_stream_and_endpoint(self, sleep, http_mocker: HttpMocker) -> None:
        request = ZendeskSellRequest.stages().build()
        http_mocker.get(request, HttpResponse("<html>maintenance</html>", 200))

        error = stream_error(read_stream(ConfigBuilder().with_zendesk_sell().build(), ZS_STAGES, expect_error=True), ZS_STAGES)

        assert error.failure_type == FailureType.system_error
        assert "zendesk_sell_stages: GET /v2/stages returned a body that is not JSON" in error.message
        http_mocker.assert_number_of_calls(request, 6)

    @HttpMocker()
    def test_json_without_the_envelope_ends_with_a_system_error_not_a_key_error(self, sleep, http_mocker: HttpMocker) -> None:
        request = RuddrRequest.opportunity_stages().build()
        http_mocker.get(request, json_response({"data": []}))

        error = stream_error(read_stream(ConfigBuilder().with_ruddr().build(), RUDDR_STAGES, expect_error=True), RUDDR_STAGES)

        assert error.failure_type == FailureType.system_error
        assert (
            'ruddr_opportunity_stages: GET /api/workspace/opportunity-stages returned JSON that is not the Ruddr list '
            'envelope: expected an object with a "results" list.'
        ) in error.message
        assert "KeyError" not in error.message

    @HttpMocker()
    def test_a_zendesk_item_without_data_is_a_bad_envelope(self, sleep, http_mocker: HttpMocker) -> None:
        body = template("zendesk_sell_stages")
        body["items"] = [{"meta": {"type": "stage"}}]
        http_mocker.get(ZendeskSellRequest.stages().build(), json_response(body))

        error = stream_error(read_stream(ConfigBuilder().with_zendesk_sell().build(), ZS_STAGES, expect_error=True), ZS_STAGES)

        assert 'expected every element of "items" to be an object with a "data" object' in error.message


@_NO_BUDGET
@patch("time.sleep")
class TestConnections(TestCase):
    """Dropped connections and timeouts: HttpMocker cannot raise, so requests_mock directly."""

    def test_a_dropped_connection_and_a_timeout_are_retried_and_every_request_has_a_timeout(self, sleep) -> None:
        body = template("ruddr_opportunity_stages")
        with requests_mock.Mocker() as mocker:
            route = mocker.get(
                "https://www.ruddr.io/api/workspace/opportunity-stages",
                [{"exc": requests.exceptions.ConnectionError("connection reset")},
                 {"exc": requests.exceptions.ReadTimeout("read timed out")},
                 {"json": body}],
            )
            output = read_stream(ConfigBuilder().with_ruddr().build(), RUDDR_STAGES)

        assert record_ids(output) == [body["results"][0]["id"]]
        assert route.call_count == 3
        assert _sleeps(sleep) == [1, 2]
        last = route.last_request
        assert last.timeout == (10.0, 60.0)
        assert last.verify not in (False, None, "")  # True, or the CA bundle from REQUESTS_CA_BUNDLE
        assert last.headers["User-Agent"] == USER_AGENT
        assert last.headers["Authorization"] == f"Bearer {RUDDR_KEY}"
        assert last.qs == {"limit": ["100"]}

    def test_tls_verification_failure_is_a_config_error_and_not_retried(self, sleep) -> None:
        with requests_mock.Mocker() as mocker:
            route = mocker.get(
                "https://api.getbase.com/v2/stages", exc=requests.exceptions.SSLError("certificate verify failed")
            )
            output = read_stream(ConfigBuilder().with_zendesk_sell().build(), ZS_STAGES, expect_error=True)

        error = stream_error(output, ZS_STAGES)
        assert error.failure_type == FailureType.config_error
        assert "could not be verified (this connector never disables verification)" in error.message
        assert route.call_count == 1
        assert route.last_request.headers["Authorization"] == f"Bearer {ZENDESK_TOKEN}"
