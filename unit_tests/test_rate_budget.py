"""The client-side rate budget: the CDK's HttpAPIBudget, one per provider; it waits, never fails,
and a read of a few pages never fills it."""

import time
from datetime import timedelta
from unittest import TestCase
from unittest.mock import patch

import requests
from airbyte_cdk.sources.streams.call_rate import CallRateLimitHit
from airbyte_cdk.test.mock_http import HttpMocker

from source_stages import SourceStages
from source_stages.providers import RUDDR_PROVIDER, ZENDESK_SELL_PROVIDER
from stage_apis.rate_budget import build_api_budget
from test_support.mock_http.config import ConfigBuilder
from test_support.mock_http.reads import read_stream, record_ids
from test_support.mock_http.request_builders import ZendeskSellRequest
from test_support.mock_http.responses import requests_response, zendesk_sell_page

BUDGET_SLEEP = "airbyte_cdk.sources.streams.call_rate.time.sleep"


def _request(number: int) -> requests.PreparedRequest:
    return requests.Request("GET", f"https://api.getbase.com/v2/stages?page={number}").prepare()


class TestBudget(TestCase):
    def test_the_documented_limits_never_bind_for_a_few_pages(self) -> None:
        for limit in (10, 20):
            budget = build_api_budget(limit)
            with patch(BUDGET_SLEEP) as sleep:
                for number in range(limit):
                    budget.acquire_call(_request(number))
            sleep.assert_not_called()

    def test_a_spent_budget_waits_and_then_lets_the_request_through(self) -> None:
        with patch("stage_apis.rate_budget.WINDOW", timedelta(milliseconds=50)):
            budget = build_api_budget(2)
        with patch(BUDGET_SLEEP, wraps=time.sleep) as sleep:
            for number in range(3):
                budget.acquire_call(_request(number))  # the third blocks, it does not raise
        waits = [call.args[0] for call in sleep.call_args_list]
        assert waits and waits[0] > 0 and all(0 <= wait <= 0.05 for wait in waits)

    def test_a_429_empties_the_window(self) -> None:
        budget = build_api_budget(10)
        budget.update_from_response(_request(1), requests_response(429))
        with self.assertRaises(CallRateLimitHit):
            budget.acquire_call(_request(2), block=False)

    def test_one_budget_per_provider_with_the_configured_rates(self) -> None:
        config = ConfigBuilder().with_zendesk_sell(max_requests_per_second=25).with_ruddr().build()
        with patch("stage_apis.connection.build_api_budget", wraps=build_api_budget) as build:
            streams = SourceStages().streams(config)
        assert [call.args for call in build.call_args_list] == [(25,), (20,)]
        assert len(streams) == len(ZENDESK_SELL_PROVIDER.streams) + len(RUDDR_PROVIDER.streams) + 1  # and the unified `stages`

    @HttpMocker()
    def test_a_read_goes_through_the_budget(self, http_mocker: HttpMocker) -> None:
        for page in (1, 2, 3):
            next_page = page + 1 if page < 3 else None
            http_mocker.get(ZendeskSellRequest.stages().with_page(page).build(), zendesk_sell_page("zendesk_sell_stages", [page], next_page=next_page))
        config = ConfigBuilder().with_zendesk_sell(max_requests_per_second=2).build()

        # The real window (1.05 s): in a 50 ms one, a loaded machine spaced the three requests
        # more than the window apart, and the third did not have to wait.
        with patch(BUDGET_SLEEP, wraps=time.sleep) as sleep:
            output = read_stream(config, "zendesk_sell_stages")

        assert record_ids(output) == [1, 2, 3]
        assert sleep.call_count >= 1  # the third request waited for the window
