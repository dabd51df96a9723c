"""`check`: one cheap request per configured provider; a failure names the provider and the fix."""

from unittest import TestCase

from airbyte_cdk.test.mock_http import HttpMocker, HttpResponse

from test_support.mock_http.config import RUDDR_KEY, ZENDESK_TOKEN, ConfigBuilder
from test_support.mock_http.request_builders import RuddrRequest, ZendeskSellRequest
from test_support.mock_http.responses import error_response, json_response, template, zendesk_sell_page
from test_support.runs import IN_PROCESS, run_connector


class TestCheck(TestCase):
    @HttpMocker()
    def test_both_providers_answer_their_cheapest_call(self, http_mocker: HttpMocker) -> None:
        zendesk_sell = ZendeskSellRequest.check().build()
        ruddr = RuddrRequest.check().build()
        http_mocker.get(zendesk_sell, zendesk_sell_page("zendesk_sell_stages", [1]))
        http_mocker.get(ruddr, json_response(template("ruddr_workspace")))

        result = run_connector("check", ConfigBuilder().with_zendesk_sell().with_ruddr().build(), launcher=IN_PROCESS)

        assert result.exit_code == 0
        assert result.connection_status == {"status": "SUCCEEDED"}
        http_mocker.assert_number_of_calls(zendesk_sell, 1)
        http_mocker.assert_number_of_calls(ruddr, 1)

    @HttpMocker()
    def test_a_rejected_token_names_the_provider_and_the_fix_and_not_the_token(self, http_mocker: HttpMocker) -> None:
        http_mocker.get(ZendeskSellRequest.check().build(), error_response("zendesk_sell_error_401", 401))
        http_mocker.get(RuddrRequest.check().build(), json_response(template("ruddr_workspace")))

        result = run_connector("check", ConfigBuilder().with_zendesk_sell().with_ruddr().build(), launcher=IN_PROCESS)

        assert result.exit_code == 0
        assert result.connection_status == {
            "status": "FAILED",
            "message": (
                "Zendesk Sell check failed (GET https://api.getbase.com/v2/stages): Zendesk Sell rejected the "
                "credential in `zendesk_sell.access_token` (HTTP 401): it is missing, expired or revoked. To fix it, "
                "create a personal access token in Zendesk Sell under Settings > Integrations > OAuth > Access "
                "Tokens (it is shown only once) and paste it into `zendesk_sell.access_token`."
            ),
        }
        assert ZENDESK_TOKEN not in result.output and RUDDR_KEY not in result.output

    @HttpMocker()
    def test_a_base_url_serving_something_else_fails_at_once_naming_base_url(self, http_mocker: HttpMocker) -> None:
        request = ZendeskSellRequest.check("https://www.example.com").build()
        http_mocker.get(request, HttpResponse("<html>Welcome</html>", 200))

        status = run_connector("check", ConfigBuilder().with_zendesk_sell(base_url="https://www.example.com").build(), launcher=IN_PROCESS).connection_status

        assert status == {
            "status": "FAILED",
            "message": (
                "Zendesk Sell check failed (GET https://www.example.com/v2/stages): the answer is not a Zendesk Sell "
                "stage list; check `zendesk_sell.base_url`."
            ),
        }
        http_mocker.assert_number_of_calls(request, 1)
