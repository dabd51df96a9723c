"""The endpoint table: one row per stream, with the filters and sort each API offers.

A filter is either sent to the API (`server_side`) or applied by the connector to each record,
because Ruddr filters only `name` on the server. `sort_fields` empty means the API cannot sort.
"""

from dataclasses import dataclass
from typing import Optional, Tuple

from source_stages.providers import RUDDR, ZENDESK_SELL, Provider

# Filter kinds: how config.py validates a value and how streams encode it.
INTEGER = "integer"
INTEGER_LIST = "integer_list"
STRING = "string"
BOOLEAN = "boolean"
UUID = "uuid"
CHOICE = "choice"


@dataclass(frozen=True)
class Filter:
    field: str  # name in the config's filter object
    kind: str
    target: str  # the API's query parameter, or the record's field for a client-side filter
    server_side: bool
    choices: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Endpoint:
    provider: Provider
    config_key: str  # the filter object inside the provider block
    stream_name: str
    path: str  # relative to the provider's API root, no leading slash
    filters: Tuple[Filter, ...]
    sort_fields: Tuple[str, ...] = ()
    primary_key: str = "id"
    cursor_field: Optional[str] = None  # the record field incremental reads compare (no API filters on it)

    @property
    def config_path(self) -> str:
        return f"{self.provider.key}.{self.config_key}"

    def filter_named(self, field: str) -> Filter:
        return next(f for f in self.filters if f.field == field)


def _server(field: str, kind: str) -> Filter:
    return Filter(field=field, kind=kind, target=field, server_side=True)


ENDPOINTS = (
    Endpoint(
        provider=ZENDESK_SELL,
        config_key="stages",
        stream_name="zendesk_sell_stages",
        path="stages",
        filters=(
            _server("pipeline_id", INTEGER),
            _server("ids", INTEGER_LIST),
            _server("name", STRING),
            _server("active", BOOLEAN),
        ),
        sort_fields=("pipeline_id", "id", "name", "category", "position", "likelihood"),
        cursor_field="updated_at",
    ),
    Endpoint(
        provider=ZENDESK_SELL,
        config_key="pipelines",
        stream_name="zendesk_sell_pipelines",
        path="pipelines",
        filters=(
            _server("ids", INTEGER_LIST),
            _server("name", STRING),
            _server("disabled", BOOLEAN),
        ),
        sort_fields=("id", "name"),
        cursor_field="updated_at",
    ),
    Endpoint(
        provider=RUDDR,
        config_key="opportunity_stages",
        stream_name="ruddr_opportunity_stages",
        path="opportunity-stages",
        filters=(
            _server("name", STRING),
            Filter("opportunity_pipeline_id", UUID, target="opportunityPipelineId", server_side=False),
            Filter("status_id", CHOICE, target="statusId", server_side=False, choices=("open", "won", "lost")),
            Filter("is_active", BOOLEAN, target="isActive", server_side=False),
        ),
    ),
    Endpoint(
        provider=RUDDR,
        config_key="opportunity_pipelines",
        stream_name="ruddr_opportunity_pipelines",
        path="opportunity-pipelines",
        filters=(
            _server("name", STRING),
            Filter("is_active", BOOLEAN, target="isActive", server_side=False),
        ),
    ),
)


def endpoints_of(provider: Provider) -> Tuple[Endpoint, ...]:
    return tuple(endpoint for endpoint in ENDPOINTS if endpoint.provider is provider)
