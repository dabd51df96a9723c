"""`SourceStages`: validates the config, builds the configured APIs' streams, checks and reads them."""

import logging
from collections.abc import Iterator, Mapping

from airbyte_cdk.models import (
    AirbyteConnectionStatus,
    AirbyteMessage,
    AirbyteStateMessage,
    ConfiguredAirbyteCatalog,
    ConnectorSpecification,
    Status,
)
from airbyte_cdk.sources import AbstractSource
from airbyte_cdk.sources.connector_state_manager import ConnectorStateManager
from airbyte_cdk.sources.streams import Stream
from airbyte_cdk.sources.utils.schema_helpers import split_config

from source_stages.concurrent_read import read_concurrently
from source_stages.providers import provider_of
from source_stages.selection import check_selection, restart_finished_full_refreshes
from source_stages.shared_reads import SharedReads
from source_stages.source_config import SourceConfig, parse_config, source_specification
from source_stages.unified_stages import UnifiedStages
from stage_apis.cdk_internals import logged_sync
from stage_apis.check import check_api
from stage_apis.config.connection_fields import ApiConfig
from stage_apis.config.validation import ConfigError
from stage_apis.connection import Connection, connect
from stage_apis.input_files import read_catalog_file, read_config_file, read_state_file
from stage_apis.list_stream import ListStream
from stage_apis.unified_stage import UNIFIED_STREAM

PROGRAM = "source-stages"  # the console script, as the User-Agent names it


class SourceStages(AbstractSource):
    # The files a command is given (input_files.py): a file the user must fix is a config_error
    # naming the file and the problem, not the CDK's traceback.
    read_config = staticmethod(read_config_file)
    read_catalog = staticmethod(read_catalog_file)
    read_state = staticmethod(read_state_file)

    def spec(self, logger: logging.Logger) -> ConnectorSpecification:
        return ConnectorSpecification(connectionSpecification=source_specification())

    def check(self, logger: logging.Logger, config: Mapping[str, object]) -> AirbyteConnectionStatus:
        # AbstractSource.check would show the message through repr(), quotes included.
        succeeded, message = self.check_connection(logger, config)
        if succeeded:
            return AirbyteConnectionStatus(status=Status.SUCCEEDED)
        return AirbyteConnectionStatus(status=Status.FAILED, message=message)

    def check_connection(self, logger: logging.Logger, config: Mapping[str, object]) -> tuple[bool, str | None]:
        try:
            source_config = parse_config(config)
        except ConfigError as error:
            return False, error.message
        failures = [
            message for block in source_config.apis if (message := check_api(_connect(block), logger)) is not None
        ]
        return (False, " ".join(failures)) if failures else (True, None)

    def read(
        self,
        logger: logging.Logger,
        config: Mapping[str, object],
        catalog: ConfiguredAirbyteCatalog,
        state: list[AirbyteStateMessage] | None = None,
    ) -> Iterator[AirbyteMessage]:
        """The catalog and the state checked once (selection.py), then every stream of the catalog
        at the same time (concurrent_read.py)."""
        connector_config, internal_config = split_config(config)
        selected = [configured.stream.name for configured in catalog.streams]
        # The list streams keep their records for `stages` only when it is selected.
        shared_reads = SharedReads(keep=UNIFIED_STREAM in selected, reading=selected)
        streams = {stream.name: stream for stream in self._streams(parse_config(connector_config), shared_reads)}
        check_selection(catalog, streams, logger)
        state = restart_finished_full_refreshes(state, logger)
        if len(selected) == 1:
            # Nothing to overlap: the CDK's one-stream-at-a-time read gives the same messages
            # without the framework's queue between two threads (about 8 % of a 100,000-record read).
            yield from super().read(logger, config, catalog, state)
            return
        concurrent_read = read_concurrently(
            streams, catalog.streams, ConnectorStateManager(state=state), internal_config, shared_reads, logger
        )
        yield from logged_sync(self.name, logger, concurrent_read)

    def streams(self, config: Mapping[str, object]) -> list[Stream]:
        return self._streams(parse_config(config), SharedReads())

    @staticmethod
    def _streams(source_config: SourceConfig, shared_reads: SharedReads) -> list[Stream]:
        page_size = source_config.page_size

        def new_list_stream(connection: Connection, stream_class: type[ListStream]) -> ListStream:
            options = connection.config.options_for(stream_class.options_model)
            return stream_class(connection, page_size, options, shared_reads.recorder(stream_class.name))

        connections = [_connect(block) for block in source_config.apis]  # one budget per API, for all its streams
        streams: list[Stream] = [
            new_list_stream(connection, stream_class)
            for connection in connections
            for stream_class in provider_of(connection.config).streams
        ]
        streams.append(UnifiedStages(connections, new_list_stream, shared_reads))
        return streams


def _connect(block: ApiConfig) -> Connection:
    return connect(provider_of(block).api, block, PROGRAM)
