"""source-stages and destination-ruddr against a running sandbox: configs that point them at it,
source-stages' streams, and where each stream's rows and list requests show in the sandbox. The
demo, the benchmark and the tests share these; unlike the server, this module imports the
connectors' packages (their config keys and stream classes), so that nothing here is copied."""

from typing import Any, Dict, Iterable, List, Mapping, Optional, Type
from urllib.parse import urlsplit

from source_stages.providers import PROVIDERS
from stage_apis.list_stream import ListStream
from stage_apis.ruddr.api import RUDDR
from stage_apis.unified_stage import UNIFIED_STREAM
from stage_apis.zendesk_sell.api import ZENDESK_SELL

from .credentials import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN
from .handle import Sandbox
from .resources import ruddr_opportunity_pipelines

LIST_STREAMS: Dict[str, Type[ListStream]] = {stream.name: stream for provider in PROVIDERS for stream in provider.streams}
RAW_STREAMS = tuple(LIST_STREAMS)  # in discover's order
ALL_STREAMS = (*RAW_STREAMS, UNIFIED_STREAM)


def base_urls(sb: Sandbox) -> Dict[str, str]:
    """The sandbox's base URL of each API, by the API's config key."""
    return {ZENDESK_SELL.key: sb.zendesk_base_url, RUDDR.key: sb.ruddr_base_url}


def sandbox_config(sb: Sandbox, zendesk_sell: Optional[Mapping[str, Any]] = None, ruddr: Optional[Mapping[str, Any]] = None,
                   **top_level: Any) -> Dict[str, Any]:
    """A source-stages config for both APIs of this sandbox, with its default credentials; the
    `zendesk_sell` and `ruddr` blocks given are merged into those, and `zendesk_sell=False` /
    `ruddr=False` leaves an API out."""
    urls = base_urls(sb)
    config: Dict[str, Any] = dict(top_level)
    if zendesk_sell is not False:
        config[ZENDESK_SELL.key] = {"access_token": DEFAULT_ZENDESK_TOKEN, "base_url": urls[ZENDESK_SELL.key],
                                    **(zendesk_sell or {})}
    if ruddr is not False:
        config[RUDDR.key] = {"api_key": DEFAULT_RUDDR_KEY, "base_url": urls[RUDDR.key], **(ruddr or {})}
    return config


def destination_config(sb: Sandbox, **fields: Any) -> Dict[str, Any]:
    """A destination-ruddr config for this sandbox's Ruddr workspace, with its default key."""
    return {"api_key": DEFAULT_RUDDR_KEY, "base_url": sb.ruddr_base_url, **fields}


def sandbox_rows(data: Mapping[str, Any], stream: str) -> List[dict]:
    """The stream's rows in `Sandbox.data()`: under the API's config key, in a table named after
    the list's path ("opportunity-stages" -> "opportunity_stages")."""
    return data[LIST_STREAMS[stream].api.key][LIST_STREAMS[stream].list_path.replace("-", "_")]


def list_path(sb: Sandbox, stream: str) -> str:
    """The path of the stream's list requests, as the sandbox's request log, faults and mutations
    name it."""
    api = LIST_STREAMS[stream].api
    return f"{urlsplit(base_urls(sb)[api.key]).path}/{api.api_root}{LIST_STREAMS[stream].list_path}"


def zendesk_pipeline_names(sb: Sandbox) -> List[str]:
    return [pipeline["name"] for pipeline in sandbox_rows(sb.data(), "zendesk_sell_pipelines")]


def prepare_ruddr_pipelines(sb: Sandbox, names: Iterable[str]) -> None:
    """Ruddr pipelines of these names, made through the sandbox's control plane (the destination
    never creates a pipeline: Ruddr's create page for pipelines is not documented)."""
    for name in names:
        sb.change_data(ruddr_opportunity_pipelines.RESOURCE.path, "insert", {"name": name})
