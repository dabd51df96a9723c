"""The CDK's floor: the smallest `HttpStream` source that reads the same pages, for the benchmark.

It pages like source-stages (Zendesk Sell `page`/`per_page`, Ruddr `limit`/`startingAfter`, 100
a page) and does nothing else: no schema normalisation, no envelope or paging checks, no custom
error map, no rate budget, no incremental cursor. Its time minus the requests loop's is what
airbyte-cdk itself costs for the read; source-stages' time minus its own is what our code costs.

Usage: minimal_cdk_source.py read --config CONFIG --catalog CATALOG, CONFIG being
{"api": "zendesk_sell" | "ruddr", "base_url": ..., "secret": ..., "query": {extra params}}.
"""

import sys
from typing import Any, Iterable, List, Mapping, Optional, Tuple
from urllib.parse import parse_qs, urlsplit

import requests
from airbyte_cdk.entrypoint import launch
from airbyte_cdk.models import ConnectorSpecification
from airbyte_cdk.sources import AbstractSource
from airbyte_cdk.sources.streams import Stream
from airbyte_cdk.sources.streams.http import HttpStream
from requests.auth import AuthBase

PAGE_SIZE = 100


class BearerAuth(AuthBase):
    def __init__(self, secret: str):
        self._header = f"Bearer {secret}"

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = self._header
        return request


class MinimalStream(HttpStream):
    primary_key = "id"

    def __init__(self, config: Mapping[str, Any]):
        self._base_url = config["base_url"].rstrip("/") + "/"
        self._query = dict(config.get("query", {}))
        self._decoded: Tuple[Any, Any] = (None, None)
        super().__init__(authenticator=BearerAuth(config["secret"]))

    def body(self, response: requests.Response) -> Any:
        """The JSON of a page, decoded once (as the requests loop does) though two hooks read it."""
        if self._decoded[0] is not response:
            self._decoded = (response, response.json())
        return self._decoded[1]

    @property
    def url_base(self) -> str:
        return self._base_url

    def get_json_schema(self) -> Mapping[str, Any]:
        return {"type": "object", "properties": {}}


class MinimalZendeskSellStages(MinimalStream):
    name = "zendesk_sell_stages"

    def path(self, **_: Any) -> str:
        return "v2/stages"

    def request_params(self, stream_state: Any, stream_slice: Any = None, next_page_token: Any = None) -> dict:
        return {**self._query, "per_page": PAGE_SIZE, "page": (next_page_token or {}).get("page", 1)}

    def parse_response(self, response: requests.Response, **_: Any) -> Iterable[Mapping[str, Any]]:
        return [item["data"] for item in self.body(response)["items"]]

    def next_page_token(self, response: requests.Response) -> Optional[Mapping[str, Any]]:
        body = self.body(response)
        if not body["items"] or "next_page" not in body["meta"]["links"]:
            return None
        return {"page": int(parse_qs(urlsplit(response.request.url).query)["page"][0]) + 1}


class MinimalRuddrOpportunityStages(MinimalStream):
    name = "ruddr_opportunity_stages"

    def path(self, **_: Any) -> str:
        return "opportunity-stages"

    def request_params(self, stream_state: Any, stream_slice: Any = None, next_page_token: Any = None) -> dict:
        return {**self._query, "limit": PAGE_SIZE, **(next_page_token or {})}

    def parse_response(self, response: requests.Response, **_: Any) -> Iterable[Mapping[str, Any]]:
        return self.body(response)["results"]

    def next_page_token(self, response: requests.Response) -> Optional[Mapping[str, Any]]:
        body = self.body(response)
        if not body["hasMore"] or not body["results"]:
            return None
        return {"startingAfter": body["results"][-1]["id"]}


class MinimalSource(AbstractSource):
    def check_connection(self, logger: Any, config: Mapping[str, Any]) -> Tuple[bool, Any]:
        return True, None

    def streams(self, config: Mapping[str, Any]) -> List[Stream]:
        return [MinimalZendeskSellStages(config) if config["api"] == "zendesk_sell" else MinimalRuddrOpportunityStages(config)]

    def spec(self, logger: Any) -> ConnectorSpecification:
        return ConnectorSpecification(connectionSpecification={"type": "object", "properties": {}})


if __name__ == "__main__":
    launch(MinimalSource(), sys.argv[1:])
