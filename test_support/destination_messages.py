"""destination-ruddr's input and output as its unit tests build them: records of the unified and
the Ruddr shape, the POST body Ruddr must get for a stage, RECORD and STATE messages, and a `write`
called in this process as the CDK calls it (a generator over the messages). Its config and Ruddr's
requests and pages: test_support/mock_http/."""

import logging
from typing import Any, Iterable, Iterator, List, Mapping, Optional

from airbyte_cdk.models import (
    AirbyteMessage,
    AirbyteRecordMessage,
    AirbyteStateMessage,
    AirbyteStateType,
    AirbyteStreamState,
    DestinationSyncMode,
    StreamDescriptor,
    Type,
)

from destination_ruddr import DestinationRuddr
from stage_apis.ruddr.streams import RuddrOpportunityStages
from stage_apis.unified_stage import UNIFIED_STREAM
from test_support.catalogs import as_model, destination_catalog
from test_support.mock_http.config import DESTINATION_CONFIG

UNIFIED, RUDDR_SHAPE = UNIFIED_STREAM, RuddrOpportunityStages.name
SALES_ID = "5b0c64f3-6d2e-4b8a-9c41-0f3a7e2d1c01"
RENEWALS_ID = "5b0c64f3-6d2e-4b8a-9c41-0f3a7e2d1c02"
PIPELINES = [{"id": RENEWALS_ID, "name": "Renewals"}, {"id": SALES_ID, "name": "Sales Pipeline"}]


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


def write_lazily(messages: Iterable[AirbyteMessage], config: Optional[Mapping[str, Any]] = None,
                 streams: Iterable[str] = (UNIFIED,),
                 mode: DestinationSyncMode = DestinationSyncMode.append) -> Iterator[AirbyteMessage]:
    """`write` as the CDK runs it: a generator over the input messages."""
    catalog = as_model(destination_catalog(streams, mode.value))
    return iter(DestinationRuddr().write({**DESTINATION_CONFIG, **(config or {})}, catalog, iter(messages)))


def write(messages: Iterable[AirbyteMessage], **options: Any) -> List[AirbyteMessage]:
    return list(write_lazily(messages, **options))


def states_of(output: List[AirbyteMessage]) -> List[int]:
    return [message.state.stream.stream_state["n"] for message in output if message.type == Type.STATE]


LOGGER = logging.getLogger("airbyte")
