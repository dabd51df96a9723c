"""What every request to one provider shares: the credential, the rate budget, the error map."""

from dataclasses import dataclass

from airbyte_cdk.sources.streams.call_rate import HttpAPIBudget
from airbyte_cdk.sources.streams.http.requests_native_auth import TokenAuthenticator

from source_stages.config import ProviderConfig
from source_stages.rate_budget import build_api_budget


@dataclass(frozen=True)
class Connection:
    config: ProviderConfig
    authenticator: TokenAuthenticator
    api_budget: HttpAPIBudget


def connect(provider_config: ProviderConfig) -> Connection:
    """Both APIs take `Authorization: Bearer <credential>`."""
    return Connection(
        config=provider_config,
        authenticator=TokenAuthenticator(provider_config.credential),
        api_budget=build_api_budget(provider_config.max_requests_per_second),
    )
