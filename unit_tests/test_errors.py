"""The error map keeps the CDK's defaults and overrides what this connector explains better.
Retries, backoff and Retry-After: test_retry_settings.py."""

import logging

import pytest
import requests
from airbyte_cdk.models import FailureType
from airbyte_cdk.sources.streams.http.error_handlers import ResponseAction
from airbyte_cdk.sources.streams.http.error_handlers.default_error_mapping import DEFAULT_ERROR_MAPPING

from destination_ruddr.write_errors import WriteErrorHandler
from stage_apis.errors import MAX_RETRIES, StagesErrorHandler, error_mapping
from test_support.connections import DESTINATION_CONNECTION, RUDDR_CONNECTION, ZENDESK_SELL_CONNECTION
from test_support.mock_http.responses import requests_response


def response(status: int) -> requests.Response:
    return requests_response(status, body=b"{}")


def test_the_map_is_the_cdk_defaults_plus_overrides() -> None:
    mapping = error_mapping(ZENDESK_SELL_CONNECTION)
    assert set(DEFAULT_ERROR_MAPPING) <= set(mapping)
    assert mapping[405] is DEFAULT_ERROR_MAPPING[405]


@pytest.mark.parametrize(
    "status, action, failure_type",
    [
        (400, ResponseAction.FAIL, FailureType.system_error),
        (401, ResponseAction.FAIL, FailureType.config_error),
        (403, ResponseAction.FAIL, FailureType.config_error),
        (404, ResponseAction.FAIL, FailureType.config_error),
        (423, ResponseAction.FAIL, FailureType.config_error),
        (408, ResponseAction.RETRY, FailureType.transient_error),
        (429, ResponseAction.RATE_LIMITED, FailureType.transient_error),
        (500, ResponseAction.RETRY, FailureType.transient_error),
        (502, ResponseAction.RETRY, FailureType.transient_error),
        (503, ResponseAction.RETRY, FailureType.transient_error),
        (504, ResponseAction.RETRY, FailureType.transient_error),
    ],
)
def test_statuses(status: int, action: ResponseAction, failure_type: FailureType) -> None:
    resolution = StagesErrorHandler(logging.getLogger(), RUDDR_CONNECTION).interpret_response(response(status))
    assert (resolution.response_action, resolution.failure_type) == (action, failure_type)
    assert "Ruddr" in resolution.error_message


@pytest.mark.parametrize(
    "exception",
    [
        requests.exceptions.ConnectionError("reset"),
        requests.exceptions.ConnectTimeout("slow"),
        requests.exceptions.ReadTimeout("slow"),
        requests.exceptions.ChunkedEncodingError("truncated"),
    ],
)
def test_dropped_slow_and_truncated_connections_are_retried_as_transient(exception: Exception) -> None:
    resolution = StagesErrorHandler(logging.getLogger(), ZENDESK_SELL_CONNECTION).interpret_response(exception)
    assert (resolution.response_action, resolution.failure_type) == (ResponseAction.RETRY, FailureType.transient_error)


def test_a_2xx_body_problem_is_retried_during_a_read_and_fails_fast_during_check() -> None:
    def problem(_):
        return "not a page"

    read = StagesErrorHandler(logging.getLogger(), ZENDESK_SELL_CONNECTION, body_problem=problem).interpret_response(response(200))
    check = StagesErrorHandler(logging.getLogger(), ZENDESK_SELL_CONNECTION, body_problem=problem, retry_bad_body=False).interpret_response(response(200))
    assert (read.response_action, read.failure_type, read.error_message) == (ResponseAction.RETRY, FailureType.system_error, "not a page")
    assert (check.response_action, check.failure_type) == (ResponseAction.FAIL, FailureType.config_error)



def rate_limited(handler: StagesErrorHandler, times: int):
    return [handler.interpret_response(response(429)) for _ in range(times)]


def test_the_sixth_429_in_a_row_fails_naming_the_api_the_retries_and_what_to_do() -> None:
    resolutions = rate_limited(StagesErrorHandler(logging.getLogger(), RUDDR_CONNECTION), MAX_RETRIES + 1)

    assert [r.response_action for r in resolutions] == [ResponseAction.RATE_LIMITED] * MAX_RETRIES + [ResponseAction.FAIL]
    assert resolutions[-1].failure_type == FailureType.transient_error
    assert resolutions[-1].error_message == (
        "Ruddr kept answering HTTP 429 (rate limit exceeded): 5 retries over 0 s did not get through. Lower "
        "`ruddr.max_requests_per_second` (this connector's requests per second to Ruddr), check whether other clients "
        "use the same Ruddr key or account at the same time (they share its rate limit), or run the sync again later."
    )


def test_an_answer_between_429s_starts_the_count_again() -> None:
    handler = StagesErrorHandler(logging.getLogger(), ZENDESK_SELL_CONNECTION)
    rate_limited(handler, MAX_RETRIES)
    handler.interpret_response(response(200))

    assert {r.response_action for r in rate_limited(handler, MAX_RETRIES)} == {ResponseAction.RATE_LIMITED}


def test_the_destinations_posts_name_its_own_field() -> None:
    handler = WriteErrorHandler(logging.getLogger(), DESTINATION_CONNECTION, resend_lost_answers=False)

    message = rate_limited(handler, MAX_RETRIES + 1)[-1].error_message

    assert "Lower `max_requests_per_second` (this connector's requests per second to Ruddr)" in message
