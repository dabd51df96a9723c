"""The error map keeps the CDK's defaults and overrides what this connector explains better.
Retries, backoff and Retry-After: test_retry_settings.py."""

import logging

import pytest
import requests
from airbyte_cdk.models import FailureType
from airbyte_cdk.sources.streams.http.error_handlers import ResponseAction
from airbyte_cdk.sources.streams.http.error_handlers.default_error_mapping import DEFAULT_ERROR_MAPPING

from source_stages.errors import StagesErrorHandler, error_mapping
from source_stages.apis import RUDDR, ZENDESK_SELL


def response(status: int) -> requests.Response:
    result = requests.Response()
    result.status_code = status
    result._content = b"{}"
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

