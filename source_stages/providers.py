"""The two APIs as data: where they live, how they authenticate, how to check them, their limits.

Everything a user-facing message needs to name a provider and tell the user what to do is here,
so the error map, the config validation and `check` all speak about a provider the same way.
"""

from dataclasses import dataclass, field
from typing import Mapping


@dataclass(frozen=True)
class Provider:
    key: str  # the config block, e.g. "zendesk_sell"
    label: str  # the product's name in messages
    credential_field: str  # the secret inside the block
    credential_help: str  # where a user gets a new credential
    forbidden_help: str  # what a 403 means for this API and what to do
    default_base_url: str
    api_root: str  # what follows base_url in every URL ("v2/" or "")
    check_path: str  # the cheapest authenticated call, relative to the API root
    check_params: Mapping[str, int] = field(default_factory=dict)
    default_requests_per_second: int = 10
    rate_limit_doc: str = ""  # the documented limit, for messages and docs

    @property
    def credential_path(self) -> str:
        return f"{self.key}.{self.credential_field}"

    @property
    def base_url_path(self) -> str:
        return f"{self.key}.base_url"


ZENDESK_SELL = Provider(
    key="zendesk_sell",
    label="Zendesk Sell",
    credential_field="access_token",
    credential_help=(
        "create a personal access token in Zendesk Sell under Settings > Integrations > OAuth > "
        "Access Tokens (it is shown only once) and paste it into `zendesk_sell.access_token`"
    ),
    forbidden_help=(
        "the token lacks a permission needed to read pipelines and stages; use a token of a user "
        "who can see them (scope `read`) in `zendesk_sell.access_token`"
    ),
    default_base_url="https://api.getbase.com",
    api_root="v2/",
    check_path="stages",
    check_params={"per_page": 1},
    default_requests_per_second=10,
    rate_limit_doc="36,000 requests per hour per token (10 per second)",
)

RUDDR = Provider(
    key="ruddr",
    label="Ruddr",
    credential_field="api_key",
    credential_help=(
        "create an API key in Ruddr under Settings > API Keys (it is shown only once) and paste "
        "it into `ruddr.api_key`"
    ),
    forbidden_help=(
        "the API is not enabled for this workspace or the key lacks access; ask a Ruddr "
        "workspace administrator to enable API access, then create a new key for `ruddr.api_key`"
    ),
    default_base_url="https://www.ruddr.io/api/workspace",
    api_root="",
    check_path="",
    default_requests_per_second=20,
    rate_limit_doc="20 requests per second per workspace, burst 60",
)

PROVIDERS = (ZENDESK_SELL, RUDDR)
