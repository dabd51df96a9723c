"""The destination's connection to Ruddr: the source's (`source_stages.connection`: credential,
rate budget, backoff), whose HTTP clients emit no STREAM_STATUS.

A destination has no streams of its own to report on, but the CDK's `HttpClient` prints a
STREAM_STATUS trace (RUNNING, reason RATE_LIMITED) named after the client
(`destination-ruddr_create`, `ruddr_check`) whenever its error handler resolves a response as
`RATE_LIMITED`: airbyte-cdk 7.39, `HttpClient._handle_error_resolution`. So every error handler of
the destination's clients is wrapped to resolve such a response as `RETRY`, with the same failure
type and message. The client retries it as before: the same backoff strategy (`Retry-After`, else
1, 2, 4, 8, 16 s), the same 5 retries, and "API rate limit exceeded." once they are spent (the CDK
tells a rate limit from the 429 status there, not from the action). Only the trace is gone.
"""

import dataclasses
import logging
from typing import Optional, Union

import requests
from airbyte_cdk.sources.streams.http.error_handlers import ErrorHandler, ErrorResolution, ResponseAction
from airbyte_cdk.sources.streams.http.http_client import HttpClient

from source_stages.apis.api import ApiConfig
from source_stages.connection import Connection, connect


@dataclasses.dataclass(frozen=True)
class DestinationConnection(Connection):
    def http_client(self, name: str, logger: logging.Logger, error_handler: ErrorHandler) -> HttpClient:
        return super().http_client(name, logger, WithoutStreamStatus(error_handler))


def connect_destination(config: ApiConfig) -> DestinationConnection:
    connection = connect(config)
    fields = {field.name: getattr(connection, field.name) for field in dataclasses.fields(connection)}
    return DestinationConnection(**fields)


class WithoutStreamStatus(ErrorHandler):
    """`handler`'s resolutions, RATE_LIMITED given as RETRY."""

    def __init__(self, handler: ErrorHandler):
        self._handler = handler

    @property
    def max_retries(self) -> Optional[int]:
        return self._handler.max_retries

    @property
    def max_time(self) -> Optional[int]:
        return self._handler.max_time

    def interpret_response(self, response: Optional[Union[requests.Response, Exception]]) -> ErrorResolution:
        resolution = self._handler.interpret_response(response)
        if resolution.response_action is not ResponseAction.RATE_LIMITED:
            return resolution
        return ErrorResolution(ResponseAction.RETRY, resolution.failure_type, resolution.error_message)
