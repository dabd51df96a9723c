"""What every request to one API shares within a sync: the API, its config block, the credential as
a bearer authenticator, one rate budget for all its streams, the connector's headers, and whether
the CDK may report rate limits as STREAM_STATUS (a destination has no streams to report on)."""

import logging
from collections.abc import Mapping
from dataclasses import dataclass

import orjson
import requests
from airbyte_cdk.sources.streams.call_rate import HttpAPIBudget
from airbyte_cdk.sources.streams.http.error_handlers import ErrorHandler
from airbyte_cdk.sources.streams.http.http_client import HttpClient
from airbyte_cdk.sources.streams.http.requests_native_auth import TokenAuthenticator

from stage_apis.api import Api
from stage_apis.cdk_internals import WithoutStreamStatus
from stage_apis.config.connection_fields import ApiConfig
from stage_apis.errors import RetryAfterBackoffStrategy
from stage_apis.http_settings import headers
from stage_apis.rate_budget import build_api_budget


@dataclass(frozen=True)
class Connection:
    api: Api
    config: ApiConfig
    authenticator: TokenAuthenticator
    api_budget: HttpAPIBudget
    headers: Mapping[str, str]
    stream_status: bool = True  # whether rate limits may show as STREAM_STATUS traces

    @property
    def api_url(self) -> str:
        """The URL every path of this API is joined to (ends with "/")."""
        return f"{self.config.base_url}/{self.api.api_root}"

    def error_handler(self, handler: ErrorHandler) -> ErrorHandler:
        """The handler every client of this connection uses."""
        return handler if self.stream_status else WithoutStreamStatus(handler)

    def http_client(self, name: str, logger: logging.Logger, error_handler: ErrorHandler) -> HttpClient:
        """A CDK HttpClient for requests outside a stream (`check`, the destination's writes): this
        connection's credential and budget, the given error map, the connector's backoff."""
        return HttpClient(
            name=name,
            logger=logger,
            error_handler=self.error_handler(error_handler),
            api_budget=self.api_budget,
            authenticator=self.authenticator,
            backoff_strategy=RetryAfterBackoffStrategy(),
        )


def connect(api: Api, config: ApiConfig, program: str, stream_status: bool = True) -> Connection:
    """Both APIs take `Authorization: Bearer <credential>`; `program` names the connector in the User-Agent."""
    return Connection(
        api=api,
        config=config,
        authenticator=TokenAuthenticator(config.credential),
        api_budget=build_api_budget(config.max_requests_per_second),
        headers=headers(program),
        stream_status=stream_status,
    )


def json_or_none(response: requests.Response) -> object:
    """The decoded body of a response that is not a list page (those go through PageReader), or None."""
    try:
        return orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return None
