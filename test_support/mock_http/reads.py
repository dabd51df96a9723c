"""A read in this process through the CDK's test entrypoint (its `EntrypointOutput`, with the
messages as models), for the HTTP-mock tests, and what they look at in its output."""

from typing import Any, Mapping, Optional, Sequence

from airbyte_cdk.models import SyncMode
from airbyte_cdk.test.entrypoint_wrapper import EntrypointOutput, read
from airbyte_cdk.test.models.outcome import ExpectedOutcome
from airbyte_cdk.test.state_builder import StateBuilder

from source_stages import SourceStages
from test_support.catalogs import as_model, configured_catalog


def read_streams(config: Mapping[str, Any], streams: Sequence[str], sync_mode: SyncMode = SyncMode.full_refresh,
                 states: Optional[Mapping[str, Mapping[str, Any]]] = None, expect_error: bool = False) -> EntrypointOutput:
    """Every stream in `sync_mode`, from `states` (stream -> its state) if given."""
    catalog = as_model(configured_catalog(streams, incremental=streams if sync_mode == SyncMode.incremental else ()))
    state = None
    if states is not None:
        builder = StateBuilder()
        for stream, stream_state in states.items():
            builder.with_stream_state(stream, dict(stream_state))
        state = builder.build()
    outcome = ExpectedOutcome.EXPECT_EXCEPTION if expect_error else ExpectedOutcome.EXPECT_SUCCESS
    return read(SourceStages(), dict(config), catalog, state, expected_outcome=outcome)


def read_stream(config: Mapping[str, Any], stream: str, sync_mode: SyncMode = SyncMode.full_refresh,
                state: Optional[Mapping[str, Any]] = None, expect_error: bool = False) -> EntrypointOutput:
    return read_streams(config, [stream], sync_mode, None if state is None else {stream: state}, expect_error)


def record_ids(output: EntrypointOutput) -> list:
    return [message.record.data["id"] for message in output.records]


def warnings(output: EntrypointOutput) -> list:
    return [message.log.message for message in output.logs if message.log.level.value == "WARN"]


def states(output: EntrypointOutput) -> list:
    """The stream state of every STATE message, in order."""
    return [message.state.stream.stream_state.__dict__ for message in output.state_messages]


def stream_error(output: EntrypointOutput, stream: str):
    """The error TRACE of one stream (the CDK ends a failed read with a second, generic one)."""
    errors = [
        message.trace.error
        for message in output.errors
        if message.trace.error.stream_descriptor is not None and message.trace.error.stream_descriptor.name == stream
    ]
    assert len(errors) == 1, [e.trace.error.message for e in output.errors]
    return errors[0]
