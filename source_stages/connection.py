"""What every request to one API shares within a sync: its config block, the credential as a bearer
authenticator, and one rate budget for all its streams."""

from dataclasses import dataclass

from airbyte_cdk.sources.streams.call_rate import HttpAPIBudget
from airbyte_cdk.sources.streams.http.requests_native_auth import TokenAuthenticator

from source_stages.apis.api import Api, ApiConfig
from source_stages.rate_budget import build_api_budget


@dataclass(frozen=True)
class Connection:
    config: ApiConfig
    authenticator: TokenAuthenticator
    api_budget: HttpAPIBudget

    @property
    def api(self) -> Api:
        return self.config.api


def connect(api_config: ApiConfig) -> Connection:
    """Both APIs take `Authorization: Bearer <credential>`."""
    return Connection(
        config=api_config,
        authenticator=TokenAuthenticator(api_config.credential),
        api_budget=build_api_budget(api_config.max_requests_per_second),  # type: ignore[attr-defined]
    )
