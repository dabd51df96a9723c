"""A sync's streams read at the same time, on the CDK's concurrent framework (`ConcurrentSource`).

Each selected stream is one partition: the stream's whole read, as its own `Stream.read` does it
(the same pages, checkpoints and STATE values as a read one stream after another). The partition
yields its STATE messages between its records, so they travel through the framework's queue in
order: a STATE is emitted after every record it covers. (The framework's cursors emit STATE from
the worker thread into a side channel that the main thread may drain before the last records of
the partition; and `StreamFacade` reads a resumable full-refresh stream's first page only.)

Each API's streams share its rate budget, so reading them at the same time stays within it.
"""

import logging
from collections.abc import Iterable, Iterator, Mapping, MutableMapping

from airbyte_cdk.models import AirbyteMessage, ConfiguredAirbyteStream
from airbyte_cdk.sources.concurrent_source.concurrent_source import ConcurrentSource
from airbyte_cdk.sources.connector_state_manager import ConnectorStateManager
from airbyte_cdk.sources.message import InMemoryMessageRepository
from airbyte_cdk.sources.streams import Stream
from airbyte_cdk.sources.streams.concurrent.abstract_stream import AbstractStream
from airbyte_cdk.sources.streams.concurrent.cursor import Cursor
from airbyte_cdk.sources.streams.concurrent.default_stream import DefaultStream
from airbyte_cdk.sources.streams.concurrent.helpers import get_primary_key_from_stream
from airbyte_cdk.sources.streams.concurrent.partitions.partition import Partition
from airbyte_cdk.sources.streams.concurrent.partitions.partition_generator import PartitionGenerator
from airbyte_cdk.sources.types import Record, StreamSlice
from airbyte_cdk.sources.utils.schema_helpers import InternalConfig
from airbyte_cdk.sources.utils.slice_logger import DebugSliceLogger

from source_stages.shared_reads import SharedReads
from stage_apis.cdk_internals import read_stream


class StreamRead(Partition):
    """The whole read of one stream: records, and the stream's LOG and STATE messages, in order."""

    def __init__(
        self,
        stream: Stream,
        configured_stream: ConfiguredAirbyteStream,
        state_manager: ConnectorStateManager,
        internal_config: InternalConfig,
        shared_reads: SharedReads,
        logger: logging.Logger,
    ):
        self._stream = stream
        self._configured_stream = configured_stream
        self._state_manager = state_manager
        self._internal_config = internal_config
        self._shared_reads = shared_reads
        self._logger = logger

    def read(self) -> Iterable[Record | AirbyteMessage]:  # type: ignore[override]  # STATE and LOG between the records
        stream, name = self._stream, self._stream.name
        try:
            # A finished full refresh's state was taken out of the state manager (selection.py).
            items = read_stream(
                stream, self._configured_stream, self._state_manager, self._internal_config, self._logger
            )
            schema = stream.get_json_schema()
            transform = stream.transformer.transform
            for item in items:
                if isinstance(item, AirbyteMessage):
                    yield item
                    continue
                record = item if isinstance(item, dict) else dict(item)
                transform(record, schema)  # in place: the framework copies each record into its message
                yield Record(data=record, stream_name=name)
        finally:
            self._shared_reads.finished(name)

    def to_slice(self) -> Mapping[str, object] | None:
        return None

    def stream_name(self) -> str:
        return self._stream.name

    def __hash__(self) -> int:
        return hash(self._stream.name)


class OnePartition(PartitionGenerator):
    def __init__(self, partition: Partition):
        self._partition = partition

    def generate(self) -> Iterable[Partition]:
        yield self._partition


class StatesInOrder(Cursor):
    """The framework's cursor, idle: each partition yields its own STATE messages in order."""

    @property
    def state(self) -> MutableMapping[str, object]:
        return {}

    def observe(self, record: Record) -> None:
        pass

    def close_partition(self, partition: Partition) -> None:
        pass

    def ensure_at_least_one_state_emitted(self) -> None:
        pass

    def should_be_synced(self, record: Record) -> bool:
        return True

    def stream_slices(self) -> Iterable[StreamSlice]:
        return []


def read_concurrently(
    streams: Mapping[str, Stream],
    configured_streams: list[ConfiguredAirbyteStream],
    state_manager: ConnectorStateManager,
    internal_config: InternalConfig,
    shared_reads: SharedReads,
    logger: logging.Logger,
) -> Iterator[AirbyteMessage]:
    """Every configured stream at once: one worker per stream, plus one per partition generator."""
    concurrent_streams: list[AbstractStream] = []
    for configured in configured_streams:
        stream = streams[configured.stream.name]
        read = StreamRead(stream, configured, state_manager, internal_config, shared_reads, logger)
        concurrent_streams.append(
            DefaultStream(
                partition_generator=OnePartition(read),
                name=stream.name,
                json_schema=stream.get_json_schema,
                primary_key=get_primary_key_from_stream(stream.primary_key),
                cursor_field=None,
                logger=logger,
                cursor=StatesInOrder(),
            )
        )
    count = len(concurrent_streams)
    source = ConcurrentSource.create(
        num_workers=2 * count,
        initial_number_of_partitions_to_generate=count,
        logger=logger,
        slice_logger=DebugSliceLogger(),
        message_repository=InMemoryMessageRepository(),
    )
    yield from source.read(concurrent_streams)
