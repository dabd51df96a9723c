"""A config of the connector that points every API at a running sandbox, and credentials to
start a sandbox with."""

import uuid
from typing import Any, Dict, Mapping, Optional, Tuple

from integration_tests.sandbox import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN, Sandbox
from stage_apis.ruddr.api import RUDDR
from stage_apis.zendesk_sell.api import ZENDESK_SELL


def base_urls(sb: Sandbox) -> Dict[str, str]:
    """The sandbox's base URL of each API, by the API's config key."""
    return {ZENDESK_SELL.key: sb.zendesk_base_url, RUDDR.key: sb.ruddr_base_url}


def sandbox_config(sb: Sandbox, zendesk_sell: Optional[Mapping[str, Any]] = None, ruddr: Optional[Mapping[str, Any]] = None,
                   **top_level: Any) -> Dict[str, Any]:
    """A config for both APIs of this sandbox, with its default credentials; the `zendesk_sell` and
    `ruddr` blocks given are merged into those, and `zendesk_sell=False` / `ruddr=False` leaves an
    API out."""
    urls = base_urls(sb)
    config: Dict[str, Any] = dict(top_level)
    if zendesk_sell is not False:
        config["zendesk_sell"] = {"access_token": DEFAULT_ZENDESK_TOKEN, "base_url": urls["zendesk_sell"], **(zendesk_sell or {})}
    if ruddr is not False:
        config["ruddr"] = {"api_key": DEFAULT_RUDDR_KEY, "base_url": urls["ruddr"], **(ruddr or {})}
    return config


def unique_credentials() -> Tuple[str, str]:
    """A Zendesk Sell token and a Ruddr key, long and unique, so that the CDK's substring masking
    and the tests' leak checks both work."""
    return f"zendesk-sell-token-{uuid.uuid4().hex}{uuid.uuid4().hex}", f"ruddr-api-key-{uuid.uuid4().hex}{uuid.uuid4().hex}"
