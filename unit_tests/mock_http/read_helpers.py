"""Run a full read in-process through the CDK's entrypoint, as Airbyte would."""

from typing import Any, Mapping

from airbyte_cdk.models import SyncMode
from airbyte_cdk.test.catalog_builder import CatalogBuilder
from airbyte_cdk.test.entrypoint_wrapper import EntrypointOutput, read
from airbyte_cdk.test.models.outcome import ExpectedOutcome

from source_stages import SourceStages


def read_stream(config: Mapping[str, Any], stream: str, expect_error: bool = False) -> EntrypointOutput:
    catalog = CatalogBuilder().with_stream(stream, SyncMode.full_refresh).build()
    outcome = ExpectedOutcome.EXPECT_EXCEPTION if expect_error else ExpectedOutcome.EXPECT_SUCCESS
    return read(SourceStages(), dict(config), catalog, expected_outcome=outcome)


def record_ids(output: EntrypointOutput) -> list:
    return [message.record.data["id"] for message in output.records]


def stream_error(output: EntrypointOutput, stream: str):
    """The error TRACE of one stream (the CDK ends a failed read with a second, generic one)."""
    errors = [
        message.trace.error
        for message in output.errors
        if message.trace.error.stream_descriptor is not None and message.trace.error.stream_descriptor.name == stream
    ]
    assert len(errors) == 1, [e.trace.error.message for e in output.errors]
    return errors[0]
