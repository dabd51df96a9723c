"""`check`: one cheap authenticated request per configured provider, through the same error map,
budget, timeout and headers as a read. Zendesk Sell: GET /v2/stages?per_page=1 (the body must
be the list envelope); Ruddr: GET /api/workspace/ (the body must be the workspace object)."""

import logging
from typing import Any, Callable, Dict, Optional

import orjson
import requests
from airbyte_cdk.sources.streams.http.http_client import HttpClient
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from source_stages.connection import Connection
from source_stages.envelopes import MalformedPage, zendesk_sell_page
from source_stages.errors import RetryAfterBackoffStrategy, StagesErrorHandler
from source_stages.http_settings import HEADERS, request_timeout
from source_stages.providers import RUDDR, ZENDESK_SELL


def check_provider(connection: Connection, logger: logging.Logger) -> Optional[str]:
    """None when the provider answers as expected, else a message naming it and what to do."""
    config = connection.config
    provider = config.provider
    url = config.api_url + provider.check_path
    client = HttpClient(
        name=f"{provider.key}_check",
        logger=logger,
        error_handler=StagesErrorHandler(logger, provider, body_problem=_BODY_CHECKS[provider.key], retry_bad_body=False),
        api_budget=connection.api_budget,
        authenticator=connection.authenticator,
        backoff_strategy=RetryAfterBackoffStrategy(),
    )
    try:
        client.send_request(
            "GET", url, request_kwargs={"timeout": request_timeout()}, headers=HEADERS, params=dict(provider.check_params)
        )
    except AirbyteTracedException as error:
        return f"{provider.label} check failed (GET {url}): {error.message}"
    return None


def _json(response: requests.Response) -> Any:
    try:
        return orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return None


def _zendesk_sell_body_problem(response: requests.Response) -> Optional[str]:
    try:
        zendesk_sell_page(_json(response))
    except MalformedPage:
        return f"the answer is not a Zendesk Sell stage list; check `{ZENDESK_SELL.base_url_path}`."
    return None


def _ruddr_body_problem(response: requests.Response) -> Optional[str]:
    body = _json(response)
    if not isinstance(body, dict) or not isinstance(body.get("id"), str):
        return f"the answer is not a Ruddr workspace; check `{RUDDR.base_url_path}`."
    return None


_BODY_CHECKS: Dict[str, Callable[[requests.Response], Optional[str]]] = {
    ZENDESK_SELL.key: _zendesk_sell_body_problem,
    RUDDR.key: _ruddr_body_problem,
}
