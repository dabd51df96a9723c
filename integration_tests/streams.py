"""The connector's streams as the tests name them, taken from its stream classes rather than copied,
and where each one's rows and list requests show in the sandbox."""

import json
from pathlib import Path
from typing import Any, Dict, List, Mapping, Type
from urllib.parse import urlsplit

from integration_tests.sandbox import Sandbox
from integration_tests.sandbox_config import base_urls
import source_stages
import stage_apis
from source_stages.providers import PROVIDERS
from stage_apis.list_stream import ListStream
from stage_apis.unified_stage import UNIFIED_STREAM

LIST_STREAMS: Dict[str, Type[ListStream]] = {stream.name: stream for provider in PROVIDERS for stream in provider.streams}
RAW_STREAMS = tuple(LIST_STREAMS)  # in discover's order
ALL_STREAMS = (*RAW_STREAMS, UNIFIED_STREAM)
STAGE_STREAMS = tuple(provider.stages.name for provider in PROVIDERS)


def schema_file(stream: str) -> dict:
    """The JSON schema the package ships for the stream (what discover must announce): a list's
    beside its stream class, the unified `stages` beside the source."""
    package = stage_apis if stream in LIST_STREAMS else source_stages
    return json.loads((Path(package.__file__).parent / "schemas" / f"{stream}.json").read_text())


def sandbox_rows(data: Mapping[str, Any], stream: str) -> List[dict]:
    """The stream's rows in `Sandbox.data()`: under the API's config key, in a table named after
    the list's path ("opportunity-stages" -> "opportunity_stages")."""
    return data[LIST_STREAMS[stream].api.key][LIST_STREAMS[stream].list_path.replace("-", "_")]


def list_path(sb: Sandbox, stream: str) -> str:
    """The path of the stream's list requests, as the sandbox's request log, faults and mutations
    name it."""
    api = LIST_STREAMS[stream].api
    return f"{urlsplit(base_urls(sb)[api.key]).path}/{api.api_root}{LIST_STREAMS[stream].list_path}"
