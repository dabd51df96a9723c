"""The error map for POST and PATCH: the shared one (StagesErrorHandler: 401/403 config_error, 429
and 5xx retried with backoff, ...) with two answers handed back to the writer instead.

- Ruddr's refusal of a body (400, 404, 409): the writer fails the sync naming the record and
  quoting Ruddr's message, which the generic map would not.
- For a POST, an answer lost after the body was sent (5xx, 408, a timeout, a dropped
  connection): Ruddr may have created the stage, so the request is not sent again blindly; the
  handler keeps what was lost (`lost`) and the writer looks for the stage first. A PATCH is sent
  again: sending it twice changes nothing more. A 429 is retried for both: Ruddr refuses a
  request over its limit before doing anything.

A lost answer is *in flight* when someone stopped waiting for it while Ruddr may still be working
on the request: this client's read timeout, or a gateway's 504. Ruddr may then carry the POST out
later. Otherwise (another 5xx, 408, a dropped connection) Ruddr's side ended the exchange: what
it did is done, and one look tells.
"""

import logging
from dataclasses import dataclass

import requests
from airbyte_cdk.sources.streams.http.error_handlers import ErrorResolution, HttpStatusErrorHandler, ResponseAction

from stage_apis.connection import Connection
from stage_apis.errors import StagesErrorHandler

REFUSED_STATUSES = (400, 404, 409)
IN_FLIGHT_STATUSES = (504,)  # a gateway stopped waiting for Ruddr's answer


@dataclass(frozen=True)
class LostAnswer:
    cause: str  # "HTTP 502", "ReadTimeout"
    in_flight: bool  # Ruddr may still carry the request out


class WriteErrorHandler(StagesErrorHandler):
    def __init__(self, logger: logging.Logger, connection: Connection, resend_lost_answers: bool):
        super().__init__(logger, connection, refusal=refusal)
        self._resend_lost_answers = resend_lost_answers
        self.lost: LostAnswer | None = None  # the last answer lost instead of retried

    def forget_lost(self) -> None:
        """Before a request: `lost` then tells whether its answer was lost."""
        self.lost = None

    def interpret_response(self, response_or_exception: requests.Response | Exception | None = None) -> ErrorResolution:
        if not self._resend_lost_answers:
            # The CDK's map alone, without StagesErrorHandler's "Retryable" warning: not retried here.
            resolution = HttpStatusErrorHandler.interpret_response(self, response_or_exception)
            if resolution.response_action is ResponseAction.RETRY:
                self.lost = lost_answer(response_or_exception)
                message = (
                    f"The answer of {self._label} was lost ({self.lost.cause}); the stage may have been created, "
                    "so it is looked up before the request is sent again."
                )
                return ErrorResolution(ResponseAction.IGNORE, None, message)
        return super().interpret_response(response_or_exception)


def refusal(response: requests.Response) -> str | None:
    if response.status_code not in REFUSED_STATUSES:
        return None
    return f"refused the request (HTTP {response.status_code})."


def lost_answer(response_or_exception: requests.Response | Exception | None) -> LostAnswer:
    if isinstance(response_or_exception, requests.Response):
        status = response_or_exception.status_code
        return LostAnswer(f"HTTP {status}", status in IN_FLIGHT_STATUSES)
    timed_out = isinstance(response_or_exception, requests.exceptions.ReadTimeout)
    return LostAnswer(type(response_or_exception).__name__, timed_out)
