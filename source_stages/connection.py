"""What every request to one API shares within a sync: its config block, the credential as a bearer
authenticator, and one rate budget for all its streams."""

import logging
from dataclasses import dataclass
from typing import Any

import orjson
import requests
from airbyte_cdk.sources.streams.call_rate import HttpAPIBudget
from airbyte_cdk.sources.streams.http.error_handlers import ErrorHandler
from airbyte_cdk.sources.streams.http.http_client import HttpClient
from airbyte_cdk.sources.streams.http.requests_native_auth import TokenAuthenticator

from source_stages.apis.api import Api, ApiConfig
from source_stages.errors import RetryAfterBackoffStrategy
from source_stages.rate_budget import build_api_budget


@dataclass(frozen=True)
class Connection:
    config: ApiConfig
    authenticator: TokenAuthenticator
    api_budget: HttpAPIBudget

    @property
    def api(self) -> Api:
        return self.config.api

    def http_client(self, name: str, logger: logging.Logger, error_handler: ErrorHandler) -> HttpClient:
        """A CDK HttpClient for requests outside a stream (`check`, the destination's writes): this
        connection's credential and budget, the given error map, the connector's backoff."""
        return HttpClient(
            name=name,
            logger=logger,
            error_handler=error_handler,
            api_budget=self.api_budget,
            authenticator=self.authenticator,
            backoff_strategy=RetryAfterBackoffStrategy(),
        )


def connect(api_config: ApiConfig) -> Connection:
    """Both APIs take `Authorization: Bearer <credential>`."""
    return Connection(
        config=api_config,
        authenticator=TokenAuthenticator(api_config.credential),
        api_budget=build_api_budget(api_config.max_requests_per_second),  # type: ignore[attr-defined]
    )


def json_or_none(response: requests.Response) -> Any:
    """The decoded body of a response that is not a list page (those go through PageReader), or None."""
    try:
        return orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return None
