"""The connector's streams as the tests name them, taken from its `Api` objects rather than copied,
and where each one's rows and list requests show in the sandbox."""

import json
from pathlib import Path
from typing import Any, Dict, List, Mapping
from urllib.parse import urlsplit

from integration_tests.sandbox import Sandbox
from integration_tests.sandbox_config import base_urls
import source_stages
from source_stages.apis import APIS, Api, Endpoint
from source_stages.streams.unified_stages import UNIFIED_STREAM

ENDPOINTS: Dict[str, Endpoint] = {endpoint.stream_name: endpoint for api in APIS for endpoint in api.endpoints}
API_OF: Dict[str, Api] = {endpoint.stream_name: api for api in APIS for endpoint in api.endpoints}
RAW_STREAMS = tuple(ENDPOINTS)  # in discover's order
ALL_STREAMS = (*RAW_STREAMS, UNIFIED_STREAM)
STAGE_STREAMS = tuple(api.stages.stream_name for api in APIS)
SCHEMAS = Path(source_stages.__file__).parent / "schemas"


def schema_file(stream: str) -> dict:
    """The JSON schema the package ships for the stream (what discover must announce)."""
    return json.loads((SCHEMAS / f"{stream}.json").read_text())


def sandbox_rows(data: Mapping[str, Any], stream: str) -> List[dict]:
    """The stream's rows in `Sandbox.data()`: under the API's config key, in a table named after
    the list's path ("opportunity-stages" -> "opportunity_stages")."""
    return data[API_OF[stream].key][ENDPOINTS[stream].path.replace("-", "_")]


def list_path(sb: Sandbox, stream: str) -> str:
    """The path of the stream's list requests, as the sandbox's request log, faults and mutations
    name it."""
    api = API_OF[stream]
    return f"{urlsplit(base_urls(sb)[api.key]).path}/{api.api_root}{ENDPOINTS[stream].path}"
