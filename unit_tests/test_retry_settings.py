"""The retry budget, backoff, Retry-After and timeouts that docs/reliability.md states, and the
two test-only environment variables that shrink them (the fault matrix uses them to stay fast)."""

import email.utils
import logging
from datetime import timedelta

import pytest
import requests

from stage_apis.config.validation import ConfigError
from stage_apis.errors import (
    BACKOFF_SCALE_ENV,
    MAX_RETRIES,
    MAX_RETRY_AFTER_SECONDS,
    MAX_RETRY_TIME,
    RetryAfterBackoffStrategy,
    StagesErrorHandler,
    retry_after_seconds,
)
from stage_apis.http_settings import READ_TIMEOUT_ENV, request_timeout
from test_support.connections import ZENDESK_SELL_CONNECTION
from test_support.mock_http.responses import requests_response as response


@pytest.fixture(autouse=True)
def production_environment(monkeypatch) -> None:
    monkeypatch.delenv(BACKOFF_SCALE_ENV, raising=False)
    monkeypatch.delenv(READ_TIMEOUT_ENV, raising=False)


def test_production_budget_is_five_retries_within_ten_minutes_for_every_request() -> None:
    assert (MAX_RETRIES, MAX_RETRY_TIME) == (5, timedelta(minutes=10))
    handler = StagesErrorHandler(logging.getLogger("test"), ZENDESK_SELL_CONNECTION)
    assert (handler.max_retries, handler.max_time) == (5, 600)


def test_production_timeouts_are_10_s_to_connect_and_60_s_to_read() -> None:
    assert request_timeout() == (10.0, 60.0)


def test_production_backoff_leaves_the_exponential_waits_to_the_cdk_and_honours_retry_after() -> None:
    strategy = RetryAfterBackoffStrategy()
    assert [strategy.backoff_time(response(500), attempt) for attempt in range(1, 6)] == [None] * 5
    assert strategy.backoff_time(response(429), 1) is None
    assert strategy.backoff_time(requests.exceptions.ReadTimeout("slow"), 1) is None
    assert strategy.backoff_time(requests.exceptions.ConnectionError(), 1) is None
    assert strategy.backoff_time(response(429, {"Retry-After": "7"}), 1) == 7.0


@pytest.mark.parametrize(
    "value, seconds",
    [(None, None), ("", None), ("3", 3.0), ("0.5", 0.5), ("-4", 0.0), ("86400", MAX_RETRY_AFTER_SECONDS), ("soon", None), ("nan", None)],
)
def test_retry_after_seconds(value, seconds) -> None:
    assert retry_after_seconds(value) == seconds


def test_retry_after_as_an_http_date() -> None:
    now = 1_700_000_000.0
    assert retry_after_seconds(email.utils.formatdate(now + 30, usegmt=True), now=now) == 30.0


def test_the_scale_multiplies_the_exponential_waits_and_retry_after(monkeypatch) -> None:
    monkeypatch.setenv(BACKOFF_SCALE_ENV, "0.01")
    strategy = RetryAfterBackoffStrategy()
    assert [strategy.backoff_time(response(503), attempt) for attempt in range(1, 6)] == [0.01, 0.02, 0.04, 0.08, 0.16]
    assert strategy.backoff_time(requests.exceptions.ConnectionError("dropped"), 2) == 0.02
    assert strategy.backoff_time(response(429, {"Retry-After": "7"}), 1) == pytest.approx(0.07)


def test_the_read_timeout_can_be_lowered(monkeypatch) -> None:
    monkeypatch.setenv(READ_TIMEOUT_ENV, "0.5")
    assert request_timeout() == (0.5, 0.5)


@pytest.mark.parametrize("value", ["0", "1.5", "-1", "fast", "nan"])
def test_a_bad_scale_is_a_config_error_naming_the_variable(monkeypatch, value: str) -> None:
    monkeypatch.setenv(BACKOFF_SCALE_ENV, value)
    with pytest.raises(ConfigError, match=BACKOFF_SCALE_ENV):
        RetryAfterBackoffStrategy()


@pytest.mark.parametrize(
    "failure, cause",
    [
        (response(503), "Zendesk Sell answered HTTP 503; retrying with backoff."),
        (response(429), "Zendesk Sell rate limit reached (HTTP 429); backing off before retrying."),
        (requests.exceptions.ReadTimeout("slow"), "The connection to Zendesk Sell failed or timed out (ReadTimeout); retrying with backoff."),
    ],
)
def test_each_retry_logs_its_cause(caplog, failure, cause: str) -> None:
    handler = StagesErrorHandler(logging.getLogger("test"), ZENDESK_SELL_CONNECTION)
    with caplog.at_level(logging.WARNING):
        handler.interpret_response(failure)
    assert [record.getMessage() for record in caplog.records] == [f"Retryable: {cause}"]


def test_a_bad_body_during_a_read_logs_its_cause_too(caplog) -> None:
    handler = StagesErrorHandler(logging.getLogger("test"), ZENDESK_SELL_CONNECTION, body_problem=lambda _: "not a page")
    with caplog.at_level(logging.WARNING):
        handler.interpret_response(response(200))
    assert [record.getMessage() for record in caplog.records] == ["Retryable: not a page"]


def test_a_success_and_a_fatal_failure_log_nothing_here(caplog) -> None:
    handler = StagesErrorHandler(logging.getLogger("test"), ZENDESK_SELL_CONNECTION)
    with caplog.at_level(logging.WARNING):
        handler.interpret_response(response(200))
        handler.interpret_response(response(401))
    assert caplog.records == []
