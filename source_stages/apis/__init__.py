"""The APIs this connector reads, in the order of the config and the catalog."""

from source_stages.apis.api import Api, ApiConfig, Endpoint
from source_stages.apis.ruddr import RUDDR
from source_stages.apis.zendesk_sell import ZENDESK_SELL

APIS = (ZENDESK_SELL, RUDDR)

__all__ = ["APIS", "RUDDR", "ZENDESK_SELL", "Api", "ApiConfig", "Endpoint"]
