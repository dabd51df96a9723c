"""The one error map for both APIs, built on the CDK's defaults, and the backoff that the CDK's
HttpClient runs (nothing here sleeps).

The retry policy (what is retried, how often, for how long, and what fails at once with which
failure type) is documented once, for users, in docs/reliability.md, "What is retried"; its numbers
are the constants below, pinned by unit_tests/test_retry_settings.py and
unit_tests/mock_http/test_read_errors.py. Two things only the code needs to say:
- BACKOFF_SCALE_ENV, for tests only, multiplies every wait (Retry-After included) by a factor
  from 0 to 1; unset, the waits are the production ones.
- A refusal the stream's paginator steps over (Ruddr's answer to a `startingAfter` whose record
  was deleted during the read, pagination.py) is let through (IGNORE) to the stream.
"""

import email.utils
import logging
import math
import time
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

import requests
from airbyte_cdk.models import FailureType
from airbyte_cdk.sources.streams.http.error_handlers import (
    BackoffStrategy,
    ErrorResolution,
    HttpStatusErrorHandler,
    ResponseAction,
)
from airbyte_cdk.sources.streams.http.error_handlers.default_error_mapping import DEFAULT_ERROR_MAPPING

from stage_apis.http_settings import env_number

if TYPE_CHECKING:
    from stage_apis.connection import Connection

MAX_RETRIES = 5
MAX_RETRY_TIME = timedelta(minutes=10)
MAX_RETRY_AFTER_SECONDS = 300
BACKOFF_SCALE_ENV = "SOURCE_STAGES_BACKOFF_SCALE"

# HttpStatusErrorHandler looks exceptions up by their exact class, so every subclass of
# RequestException that a dropped or slow connection raises is listed.
_TRANSIENT_EXCEPTIONS = (
    requests.exceptions.ConnectionError,
    requests.exceptions.ConnectTimeout,
    requests.exceptions.ReadTimeout,
    requests.exceptions.Timeout,
    requests.exceptions.ChunkedEncodingError,
    requests.exceptions.ContentDecodingError,
)


def error_mapping(connection: "Connection") -> dict[int | str | type, ErrorResolution]:
    api, config = connection.api, connection.config
    label = api.label
    credential, base_url = config.path_of(config.credential_field()), config.path_of("base_url")

    def fail(failure_type: FailureType, message: str) -> ErrorResolution:
        return ErrorResolution(ResponseAction.FAIL, failure_type, message)

    def retry(message: str) -> ErrorResolution:
        return ErrorResolution(ResponseAction.RETRY, FailureType.transient_error, message)

    overrides: dict[int | str | type, ErrorResolution] = {
        400: fail(FailureType.system_error, f"{label} rejected a request of this connector as invalid (HTTP 400)."),
        401: fail(
            FailureType.config_error,
            f"{label} rejected the credential in `{credential}` (HTTP 401): it is missing, expired or revoked. To fix "
            f"it, {config.with_paths(api.credential_help)}.",
        ),
        403: fail(
            FailureType.config_error, f"{label} refused access (HTTP 403): {config.with_paths(api.forbidden_help)}."
        ),
        404: fail(
            FailureType.config_error,
            f"{label} answered HTTP 404 (not found): check `{base_url}`; for {label} it is normally "
            f"{api.default_base_url}.",
        ),
        423: fail(
            FailureType.config_error,
            f"{label} reports that API access is disabled for this account (HTTP 423); contact {label} "
            "support to enable it.",
        ),
        429: ErrorResolution(
            ResponseAction.RATE_LIMITED,
            FailureType.transient_error,
            f"{label} rate limit reached (HTTP 429); backing off before retrying.",
        ),
        requests.exceptions.SSLError: fail(
            FailureType.config_error,
            f"The TLS certificate of `{base_url}` could not be verified (this connector never "
            "disables verification); check the URL or the server's certificate.",
        ),
    }
    for status in (408, 500, 502, 503, 504):
        overrides[status] = retry(f"{label} answered HTTP {status}; retrying with backoff.")
    for exception in _TRANSIENT_EXCEPTIONS:
        overrides[exception] = retry(
            f"The connection to {label} failed or timed out ({exception.__name__}); retrying with backoff."
        )
    return {**DEFAULT_ERROR_MAPPING, **overrides}


_RETRIED = (ResponseAction.RETRY, ResponseAction.RATE_LIMITED)


class StagesErrorHandler(HttpStatusErrorHandler):
    """The CDK's status handler, plus a look at the body of a 2xx: during a read, a body that is
    not a usable page is retried (a proxy or the API hiccuped) and ends as a system_error; during
    `check` it fails at once as a config_error (the base URL points at something else)."""

    def __init__(
        self,
        logger: logging.Logger,
        connection: "Connection",
        body_problem: Callable[[requests.Response], str | None] | None = None,
        retry_bad_body: bool = True,
        refusal: Callable[[requests.Response], str | None] | None = None,
    ):
        mapping = error_mapping(connection)
        super().__init__(logger=logger, error_mapping=mapping, max_retries=MAX_RETRIES, max_time=MAX_RETRY_TIME)
        self._retry_logger = logger
        self._body_problem = body_problem
        self._bad_body = (
            (ResponseAction.RETRY, FailureType.system_error)
            if retry_bad_body
            else (ResponseAction.FAIL, FailureType.config_error)
        )
        self._connection = connection
        self._label = connection.api.label
        self._refusal = refusal  # why an error response is one the stream's paginator steps over, or None
        # The 429s in a row: one client's requests are sequential, so they are retries of one request.
        self._rate_limited = 0
        self._rate_limited_since = 0.0

    def interpret_response(self, response_or_exception: requests.Response | Exception | None = None) -> ErrorResolution:
        resolution = super().interpret_response(response_or_exception)
        if (
            resolution.response_action is ResponseAction.SUCCESS
            and self._body_problem is not None
            and isinstance(response_or_exception, requests.Response)  # as a SUCCESS always is
        ):
            problem = self._body_problem(response_or_exception)
            if problem is not None:
                resolution = ErrorResolution(*self._bad_body, problem)
        elif (
            self._refusal is not None
            and isinstance(response_or_exception, requests.Response)
            and (refusal := self._refusal(response_or_exception)) is not None
        ):
            resolution = ErrorResolution(ResponseAction.IGNORE, None, f"{self._label} {refusal}")
        resolution = self._within_rate_limit_budget(resolution)
        if resolution.response_action in _RETRIED:
            # The CDK logs each retry as "Rate limit exceeded", whatever the cause; this says which.
            self._retry_logger.warning(f"Retryable: {resolution.error_message}")
        return resolution

    def _within_rate_limit_budget(self, resolution: ErrorResolution) -> ErrorResolution:
        """A 429 once the retry budget is spent fails with what to do about it, before the CDK would
        give up with its bare "API rate limit exceeded."."""
        if resolution.response_action is not ResponseAction.RATE_LIMITED:
            self._rate_limited = 0
            return resolution
        now = time.monotonic()
        if self._rate_limited == 0:
            self._rate_limited_since = now
        self._rate_limited += 1
        retries, seconds = self._rate_limited - 1, now - self._rate_limited_since
        if retries < MAX_RETRIES and seconds < MAX_RETRY_TIME.total_seconds():
            return resolution
        self._rate_limited = 0
        message = rate_limit_exhausted(self._connection, retries, seconds)
        return ErrorResolution(ResponseAction.FAIL, FailureType.transient_error, message)


def rate_limit_exhausted(connection: "Connection", retries: int, seconds: float) -> str:
    label = connection.api.label
    return (
        f"{label} kept answering HTTP 429 (rate limit exceeded): {retries} retries over {seconds:.0f} s did not get "
        f"through. Lower `{connection.config.path_of('max_requests_per_second')}` (this connector's requests per "
        f"second to {label}), check whether other clients use the same {label} {connection.api.credential_noun} or "
        "account at the same time (they share its rate limit), or run the sync again later."
    )


class RetryAfterBackoffStrategy(BackoffStrategy):
    """Wait what the API's `Retry-After` header asks; without one, the CDK's exponential backoff.
    With BACKOFF_SCALE_ENV set, both are multiplied by that factor."""

    def __init__(self) -> None:
        self._scale = backoff_scale()

    def backoff_time(
        self,
        response_or_exception: requests.Response | requests.RequestException | None,
        attempt_count: int,
    ) -> float | None:
        seconds = None
        if isinstance(response_or_exception, requests.Response):
            seconds = retry_after_seconds(response_or_exception.headers.get("Retry-After"))
        if self._scale is None:
            return seconds
        if seconds is None:
            seconds = 2.0 ** max(attempt_count - 1, 0)  # what the CDK's default would wait
        return seconds * self._scale


def backoff_scale() -> float | None:
    """The factor from BACKOFF_SCALE_ENV, or None when it is unset (production waits)."""
    return env_number(BACKOFF_SCALE_ENV, 1, "a number above 0 and at most 1")


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or an HTTP date), capped; None if unusable."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if moment.tzinfo is None:
            return None
        seconds = moment.timestamp() - (time.time() if now is None else now)
    if math.isnan(seconds):
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_SECONDS)
