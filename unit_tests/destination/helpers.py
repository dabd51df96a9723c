"""Building blocks of the destination's unit tests: its config, input messages, catalogs, the exact
Ruddr requests it must send, and a `write` run in-process."""

import logging
from typing import Any, Iterable, Iterator, List, Mapping, Optional

from airbyte_cdk.models import (
    AirbyteMessage,
    AirbyteRecordMessage,
    AirbyteStateMessage,
    AirbyteStateType,
    AirbyteStream,
    AirbyteStreamState,
    ConfiguredAirbyteCatalog,
    ConfiguredAirbyteStream,
    DestinationSyncMode,
    StreamDescriptor,
    SyncMode,
    Type,
)
from airbyte_cdk.test.mock_http import HttpRequest

from unit_tests.mock_http.config import RUDDR_KEY, RUDDR_URL
from unit_tests.mock_http.responses import json_response

from destination_ruddr import DestinationRuddr
from destination_ruddr.ruddr_writer import NAME
from stage_apis.http_settings import user_agent
from stage_apis.unified_stage import UNIFIED_STREAM
from stage_apis.ruddr.streams import RuddrOpportunityStages

CONFIG = {"api_key": RUDDR_KEY, "base_url": RUDDR_URL}
UNIFIED, RUDDR_SHAPE = UNIFIED_STREAM, RuddrOpportunityStages.name
SALES_ID = "5b0c64f3-6d2e-4b8a-9c41-0f3a7e2d1c01"
RENEWALS_ID = "5b0c64f3-6d2e-4b8a-9c41-0f3a7e2d1c02"
PIPELINES = [{"id": RENEWALS_ID, "name": "Renewals"}, {"id": SALES_ID, "name": "Sales Pipeline"}]


def ruddr_request(path: str, query: Optional[Mapping[str, Any]] = None, body: Any = None) -> HttpRequest:
    """The request exactly: URL, query, bearer key, User-Agent and (for POST/PATCH) the JSON body."""
    headers = {"Authorization": f"Bearer {RUDDR_KEY}", "User-Agent": user_agent(NAME)}
    return HttpRequest(f"{RUDDR_URL}/{path}", query_params=query, headers=headers, body=body)


def list_request(path: str, **query: Any) -> HttpRequest:
    return ruddr_request(path, {"limit": "100", **query})


def page(records: List[Mapping[str, Any]], has_more: bool = False):
    return json_response({"results": records, "hasMore": has_more})


def unified(name: str, pipeline_name: str = "Sales Pipeline", position: Optional[int] = None, **fields: Any) -> dict:
    """A record of source-stages' `stages` stream from Zendesk Sell."""
    record = {"source": "zendesk_sell", "id": name, "pipeline_id": "1843215", "pipeline_name": pipeline_name,
              "name": name, "status": "open", "category": "in_progress", "win_probability": 0.25,
              "position": position, "is_active": True}
    return {**record, **fields}


def ruddr_stage(stage_id: str, name: str, pipeline_id: str = SALES_ID, **fields: Any) -> dict:
    stage = {"id": stage_id, "name": name, "description": None, "probability": 0.25, "statusId": "open",
             "isActive": True, "opportunityPipelineId": pipeline_id, "createdAt": "2024-01-15T09:01:00.000Z"}
    return {**stage, **fields}


def body(name: str, pipeline_id: str = SALES_ID, **fields: Any) -> dict:
    """The POST body the destination must send for a stage."""
    return {"name": name, "description": None, "probability": 0.25, "statusId": "open", "isActive": True,
            "opportunityPipelineId": pipeline_id, **fields}


def record(stream: str, data: Mapping[str, Any]) -> AirbyteMessage:
    return AirbyteMessage(type=Type.RECORD, record=AirbyteRecordMessage(stream=stream, data=dict(data), emitted_at=0))


def state(stream: str, value: int) -> AirbyteMessage:
    stream_state = AirbyteStreamState(stream_descriptor=StreamDescriptor(name=stream), stream_state={"n": value})
    return AirbyteMessage(type=Type.STATE, state=AirbyteStateMessage(type=AirbyteStateType.STREAM, stream=stream_state))


def catalog(*streams: str, mode: DestinationSyncMode = DestinationSyncMode.append) -> ConfiguredAirbyteCatalog:
    return ConfiguredAirbyteCatalog(
        streams=[
            ConfiguredAirbyteStream(
                stream=AirbyteStream(name=name, json_schema={}, supported_sync_modes=[SyncMode.full_refresh]),
                sync_mode=SyncMode.full_refresh,
                destination_sync_mode=mode,
            )
            for name in streams
        ]
    )


def write_lazily(messages: Iterable[AirbyteMessage], config: Optional[Mapping[str, Any]] = None,
                 streams: Iterable[str] = (UNIFIED,),
                 mode: DestinationSyncMode = DestinationSyncMode.append) -> Iterator[AirbyteMessage]:
    """`write` as the CDK runs it: a generator over the input messages."""
    return iter(DestinationRuddr().write({**CONFIG, **(config or {})}, catalog(*streams, mode=mode), iter(messages)))


def write(messages: Iterable[AirbyteMessage], **options: Any) -> List[AirbyteMessage]:
    return list(write_lazily(messages, **options))


def states_of(output: List[AirbyteMessage]) -> List[int]:
    return [message.state.stream.stream_state["n"] for message in output if message.type == Type.STATE]


LOGGER = logging.getLogger("airbyte")
