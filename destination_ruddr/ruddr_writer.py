"""Ruddr's side of a sync: list pipelines and stages, create (POST) and update (PATCH) stages.

Every request goes through the CDK's HttpClient with the connection's rate budget (one per sync),
timeout, backoff and error map (write_errors.py for POST and PATCH). Lists are read whole, 100
records a page, by the stream classes the source reads them with (stage_apis/ruddr/streams.py).

Exactly once, with no idempotency key (Ruddr has none): a POST is never sent again while Ruddr
may still carry out one sent before.

- A POST waits POST_TIMEOUT_FACTOR times the read timeout for its answer (5 min, against 60 s for
  a GET): a slow answer is awaited rather than abandoned.
- A POST whose answer was lost after Ruddr's side ended the exchange (a 5xx other than 504, a
  dropped connection) is looked up: the stages of that name are listed (Ruddr filters lists by
  exact name), and it is sent again only if its pipeline does not hold the stage, after a
  backoff. After MAX_RETRIES such rounds the sync fails with a transient_error.
- A POST whose answer was lost in flight (the POST timeout, a gateway's 504: write_errors.py) is
  never sent again in this sync: the stage is looked for SETTLE_LOOKUPS times over a settle
  window as long as the POST timeout; if it does not show up, the sync fails with a
  transient_error. A retried sync lists the stages first, so it finds the stage if Ruddr stored it
  by then, and creates it only if it is still missing.
"""

import logging
import time
from collections.abc import Mapping

import requests
from airbyte_cdk.models import FailureType
from airbyte_cdk.sources.streams.http.http_client import HttpClient
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from destination_ruddr.messages import failure
from destination_ruddr.write_errors import REFUSED_STATUSES, LostAnswer, WriteErrorHandler
from stage_apis.config.blocks import EndpointOptions
from stage_apis.connection import Connection, json_or_none
from stage_apis.errors import MAX_RETRIES, RetryAfterBackoffStrategy
from stage_apis.http_settings import request_timeout
from stage_apis.list_stream import ListStream
from stage_apis.ruddr.config import OpportunityStagesOptions
from stage_apis.ruddr.rules import PIPELINE_FIELD
from stage_apis.ruddr.streams import RuddrOpportunityPipelines, RuddrOpportunityStages

NAME = "destination-ruddr"
PAGE_SIZE = 100
POST_TIMEOUT_FACTOR = 5  # a POST waits 5 read timeouts (5 min) for its answer, and as long again for its stage
SETTLE_LOOKUPS = 10  # lookups after a POST lost in flight, evenly over that settle window (and one at once)

Record = dict[str, object]


class RuddrWriter:
    def __init__(self, connection: Connection, logger: logging.Logger):
        self._logger = logger
        self._url = connection.api_url
        self._headers = dict(connection.headers)
        self._backoff = RetryAfterBackoffStrategy()
        self._connection = connection
        self._post_errors = WriteErrorHandler(logger, connection, resend_lost_answers=False)
        self._posts = connection.http_client(f"{NAME}_create", logger, self._post_errors)
        self._patches = connection.http_client(
            f"{NAME}_update", logger, WriteErrorHandler(logger, connection, resend_lost_answers=True)
        )

    def pipelines(self) -> list[Record]:
        return self._list(RuddrOpportunityPipelines)

    def stages(self, name: str | None = None) -> list[Record]:
        return self._list(RuddrOpportunityStages, None if name is None else OpportunityStagesOptions(name=name))

    def create(self, body: Mapping[str, object], label: str) -> Record:
        """The stage Ruddr created (or had already created from a POST whose answer was lost)."""
        for attempt in range(1, MAX_RETRIES + 2):
            self._post_errors.forget_lost()
            response = self._send(self._posts, "POST", RuddrOpportunityStages.list_path, body, post_timeout())
            if response is not None and response.ok:
                created = json_or_none(response)
                return created if isinstance(created, dict) else {}  # created, though its answer says nothing
            if response is not None and response.status_code in REFUSED_STATUSES:
                raise _refused(response, "create", label)
            lost = self._post_errors.lost
            if lost is not None and lost.in_flight:
                return self._settled(body, label, lost)
            found = self._created(body)
            if found is not None:
                self._log_found(label)
                return found
            if attempt <= MAX_RETRIES:
                wait = self._backoff.backoff_time(response, attempt) or 2.0 ** (attempt - 1)
                self._logger.warning(f"{label}: not in Ruddr after its POST lost its answer; sent again in {wait:g} s.")
                time.sleep(wait)
        message = f"{label}: each of {MAX_RETRIES + 1} POSTs to create it lost its answer, and it is not in Ruddr."
        raise failure(message, FailureType.transient_error)

    def update(self, stage_id: object, fields: Mapping[str, object], label: str) -> None:
        response = self._send(
            self._patches, "PATCH", f"{RuddrOpportunityStages.list_path}/{stage_id}", fields, request_timeout()
        )
        if response is None:  # not expected: a PATCH whose answer is lost is sent again (write_errors.py)
            raise failure(f"{label}: the answer to its PATCH was lost.", FailureType.transient_error)
        if not response.ok:
            raise _refused(response, "update", label)

    def _settled(self, body: Mapping[str, object], label: str, lost: LostAnswer) -> Record:
        """The stage of a POST that Ruddr may still carry out, once it shows up; it is not sent again."""
        window = post_timeout()[1]
        for lookup in range(SETTLE_LOOKUPS + 1):
            if lookup:
                time.sleep(window / SETTLE_LOOKUPS)
            found = self._created(body)
            if found is not None:
                self._log_found(label)
                return found
        why = f"got no answer within {window:g} s" if lost.cause == "ReadTimeout" else f"was answered {lost.cause}"
        message = (
            f"{label}: its POST {why}, so Ruddr may still carry it out, and the stage was not in Ruddr {window:g} s "
            "later. It was not sent again, so that Ruddr does not create it twice, and nothing after it was written. "
            "Run the sync again (Airbyte retries it): it lists Ruddr's stages first and creates this one only if it "
            "is still missing."
        )
        raise failure(message, FailureType.transient_error)

    def _log_found(self, label: str) -> None:
        self._logger.info(f"{label}: found in Ruddr after its POST lost its answer, so it was created once.")

    def _created(self, body: Mapping[str, object]) -> Record | None:
        for stage in self.stages(name=str(body["name"])):  # a valid body's name is a string (seed_rules.py)
            if stage.get(PIPELINE_FIELD) == body[PIPELINE_FIELD] and stage.get("name") == body["name"]:
                return stage
        return None

    def _list(self, stream_class: type[ListStream], options: EndpointOptions | None = None) -> list[Record]:
        """Every record of a list, read by its stream, as the source reads it."""
        stream = stream_class(self._connection, PAGE_SIZE, options)
        return [record for record in stream.read_only_records() if isinstance(record, dict)]

    def _send(
        self, client: HttpClient, method: str, path: str, body: Mapping[str, object], timeout: tuple[float, float]
    ) -> requests.Response | None:
        """The answer; None when a POST's connection failed or timed out (write_errors.py)."""
        _, response = client.send_request(
            method, self._url + path, request_kwargs={"timeout": timeout}, headers=self._headers, json=dict(body)
        )
        return response


def post_timeout() -> tuple[float, float]:
    """(connect, read) timeout of a POST: the read timeout POST_TIMEOUT_FACTOR times as long."""
    connect, read = request_timeout()
    return connect, read * POST_TIMEOUT_FACTOR


def _refused(response: requests.Response, what: str, label: str) -> AirbyteTracedException:
    """Ruddr refused a stage: its own message (and list of errors), naming the record."""
    body = json_or_none(response)
    said = body.get("message") if isinstance(body, dict) else None
    errors = body.get("errors") if isinstance(body, dict) else None
    detail = "; ".join(str(error) for error in errors) if isinstance(errors, list) and errors else None
    ruddr_said = ": ".join(text for text in (said, detail) if text) or response.text[:300]
    message = f"Ruddr refused to {what} {label} (HTTP {response.status_code}): {ruddr_said}"
    return failure(message)
