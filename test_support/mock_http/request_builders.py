"""One request builder per API: the exact request a connector must send, headers included (the
source's, and destination-ruddr's to Ruddr: `ruddr_request`, `list_request`)."""

from typing import Any, Dict, Mapping, Optional

from airbyte_cdk.test.mock_http import HttpRequest

from destination_ruddr.ruddr_writer import NAME as DESTINATION_PROGRAM
from source_stages.source import PROGRAM
from stage_apis.http_settings import user_agent
from test_support.mock_http.config import RUDDR_KEY, RUDDR_URL, ZENDESK_TOKEN, ZENDESK_URL

USER_AGENT = user_agent(PROGRAM)  # source-stages'


class _RequestBuilder:
    def __init__(self, url: str, token: str, params: Dict[str, Any], user_agent: str = USER_AGENT, body: Any = None):
        self._url = url
        self._token = token
        self._params = params
        self._user_agent = user_agent  # the connector's that sends it
        self._body = body

    def _with(self, **params: Any) -> "_RequestBuilder":
        self._params.update(params)
        return self

    def with_query(self, **params: Any) -> "_RequestBuilder":
        return self._with(**params)

    def build(self) -> HttpRequest:
        headers = {"Authorization": f"Bearer {self._token}", "User-Agent": self._user_agent}
        return HttpRequest(self._url, query_params={k: str(v) for k, v in self._params.items()}, headers=headers,
                           body=self._body)


class ZendeskSellRequest(_RequestBuilder):
    """Defaults: page 1, per_page 100, sort_by=id (what a config without options sends)."""

    @classmethod
    def stages(cls, base_url: str = ZENDESK_URL) -> "ZendeskSellRequest":
        return cls(f"{base_url}/v2/stages", ZENDESK_TOKEN, {"page": 1, "per_page": 100, "sort_by": "id"})

    @classmethod
    def pipelines(cls, base_url: str = ZENDESK_URL) -> "ZendeskSellRequest":
        return cls(f"{base_url}/v2/pipelines", ZENDESK_TOKEN, {"page": 1, "per_page": 100, "sort_by": "id"})

    @classmethod
    def check(cls, base_url: str = ZENDESK_URL) -> "ZendeskSellRequest":
        return cls(f"{base_url}/v2/stages", ZENDESK_TOKEN, {"per_page": 1})

    def with_page(self, page: int) -> "ZendeskSellRequest":
        return self._with(page=page)

    def with_per_page(self, per_page: int) -> "ZendeskSellRequest":
        return self._with(per_page=per_page)

    def with_sort_by(self, sort_by: str) -> "ZendeskSellRequest":
        return self._with(sort_by=sort_by)


class RuddrRequest(_RequestBuilder):
    """Defaults: limit 100, no cursor."""

    @classmethod
    def opportunity_stages(cls, base_url: str = RUDDR_URL) -> "RuddrRequest":
        return cls(f"{base_url}/opportunity-stages", RUDDR_KEY, {"limit": 100})

    @classmethod
    def opportunity_pipelines(cls, base_url: str = RUDDR_URL) -> "RuddrRequest":
        return cls(f"{base_url}/opportunity-pipelines", RUDDR_KEY, {"limit": 100})

    @classmethod
    def check(cls, base_url: str = RUDDR_URL) -> "RuddrRequest":
        return cls(f"{base_url}/", RUDDR_KEY, {})

    def with_limit(self, limit: int) -> "RuddrRequest":
        return self._with(limit=limit)

    def with_starting_after(self, cursor: Optional[str]) -> "RuddrRequest":
        return self._with(startingAfter=cursor)


def ruddr_request(path: str, query: Optional[Mapping[str, Any]] = None, body: Any = None) -> HttpRequest:
    """destination-ruddr's request of `path` below the workspace URL, exactly: query, bearer key,
    its User-Agent and (for a POST or PATCH) the JSON body."""
    return RuddrRequest(f"{RUDDR_URL}/{path}", RUDDR_KEY, dict(query or {}), user_agent(DESTINATION_PROGRAM), body).build()


def list_request(path: str, **query: Any) -> HttpRequest:
    """destination-ruddr's request of a Ruddr list: 100 a page."""
    return ruddr_request(path, {"limit": 100, **query})
