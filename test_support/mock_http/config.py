"""The configs of the HTTP-mock tests, with unit-test secrets and the APIs' real base URLs:
ConfigBuilder (source-stages', one provider block at a time) and DESTINATION_CONFIG."""

import copy
from typing import Any, Dict

# Long and unique: the CDK masks secrets by substring, and the leak checks search for them.
ZENDESK_TOKEN = "unit-test-zendesk-sell-token-9c1e7a3b5d2f"
RUDDR_KEY = "unit-test-ruddr-api-key-2f6b8d0e4a1c"
ZENDESK_URL = "https://api.getbase.com"
RUDDR_URL = "https://www.ruddr.io/api/workspace"
DESTINATION_CONFIG = {"api_key": RUDDR_KEY, "base_url": RUDDR_URL}


class ConfigBuilder:
    def __init__(self) -> None:
        self._config: Dict[str, Any] = {}

    def with_zendesk_sell(self, **fields: Any) -> "ConfigBuilder":
        self._config["zendesk_sell"] = {"access_token": ZENDESK_TOKEN, **fields}
        return self

    def with_ruddr(self, **fields: Any) -> "ConfigBuilder":
        self._config["ruddr"] = {"api_key": RUDDR_KEY, **fields}
        return self

    def with_page_size(self, page_size: Any) -> "ConfigBuilder":
        self._config["page_size"] = page_size
        return self

    def build(self) -> Dict[str, Any]:
        return copy.deepcopy(self._config)
