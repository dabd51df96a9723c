"""The error map keeps the CDK's defaults and overrides what this connector explains better;
Retry-After parsing."""

import email.utils
import logging

import pytest
import requests
from airbyte_cdk.models import FailureType
from airbyte_cdk.sources.streams.http.error_handlers import ResponseAction
from airbyte_cdk.sources.streams.http.error_handlers.default_error_mapping import DEFAULT_ERROR_MAPPING

from source_stages.errors import MAX_RETRY_AFTER_SECONDS, RetryAfterBackoffStrategy, StagesErrorHandler, error_mapping, retry_after_seconds
from source_stages.apis import RUDDR, ZENDESK_SELL


def response(status: int, body: bytes = b"{}", headers=None) -> requests.Response:
    result = requests.Response()
    result.status_code = status
    result._content = body
    result.headers.update(headers or {})
    return result


def test_the_map_is_the_cdk_defaults_plus_overrides() -> None:
    mapping = error_mapping(ZENDESK_SELL)
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
    resolution = StagesErrorHandler(logging.getLogger(), RUDDR).interpret_response(response(status))
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
    resolution = StagesErrorHandler(logging.getLogger(), ZENDESK_SELL).interpret_response(exception)
    assert (resolution.response_action, resolution.failure_type) == (ResponseAction.RETRY, FailureType.transient_error)


def test_a_2xx_body_problem_is_retried_during_a_read_and_fails_fast_during_check() -> None:
    def problem(_):
        return "not a page"

    read = StagesErrorHandler(logging.getLogger(), ZENDESK_SELL, body_problem=problem).interpret_response(response(200))
    check = StagesErrorHandler(logging.getLogger(), ZENDESK_SELL, body_problem=problem, retry_bad_body=False).interpret_response(response(200))
    assert (read.response_action, read.failure_type, read.error_message) == (ResponseAction.RETRY, FailureType.system_error, "not a page")
    assert (check.response_action, check.failure_type) == (ResponseAction.FAIL, FailureType.config_error)


def test_the_retry_budget_is_five_retries_within_ten_minutes() -> None:
    handler = StagesErrorHandler(logging.getLogger(), ZENDESK_SELL)
    assert (handler.max_retries, handler.max_time) == (5, 600)


@pytest.mark.parametrize(
    "value, seconds",
    [(None, None), ("", None), ("3", 3.0), ("0.5", 0.5), ("-4", 0.0), ("86400", MAX_RETRY_AFTER_SECONDS), ("soon", None), ("nan", None)],
)
def test_retry_after_seconds(value, seconds) -> None:
    assert retry_after_seconds(value) == seconds


def test_retry_after_as_an_http_date() -> None:
    now = 1_700_000_000.0
    assert retry_after_seconds(email.utils.formatdate(now + 30, usegmt=True), now=now) == 30.0


def test_the_backoff_strategy_reads_retry_after_and_leaves_the_rest_to_the_cdk() -> None:
    strategy = RetryAfterBackoffStrategy()
    assert strategy.backoff_time(response(429, headers={"Retry-After": "7"}), 1) == 7.0
    assert strategy.backoff_time(response(429), 1) is None
    assert strategy.backoff_time(requests.exceptions.ConnectionError(), 1) is None
