"""`DestinationRuddr`: the CDK's `Destination` with the config validated by config.py, whose
messages name the field, instead of the spec's bare JSON-schema check, its files read by
stage_apis/input_files.py, and stdin read by input_lines.py, which drops no line without a word
(stage_apis/cdk_internals.py: `DestinationWithOwnReaders`)."""

import logging
from collections.abc import Iterable, Mapping
from typing import BinaryIO

from airbyte_cdk.models import (
    AirbyteConnectionStatus,
    AirbyteMessage,
    ConfiguredAirbyteCatalog,
    ConnectorSpecification,
    Status,
)
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from destination_ruddr.catalog import SYNC_MODES, selected_streams
from destination_ruddr.config import DestinationConfig, destination_specification, parse_config
from destination_ruddr.input_lines import read_messages
from destination_ruddr.ruddr_writer import NAME, RuddrWriter
from destination_ruddr.sync import load_pipelines, write_stages
from stage_apis.cdk_internals import DestinationWithOwnReaders
from stage_apis.check import check_api
from stage_apis.config.validation import ConfigError
from stage_apis.connection import Connection, connect
from stage_apis.input_files import read_catalog_file, read_config_file
from stage_apis.ruddr.api import RUDDR

DOCUMENTATION_URL = "https://docs.airbyte.com/integrations/destinations/ruddr"


class DestinationRuddr(DestinationWithOwnReaders):
    # `write` validates the config itself (config.py); the CDK's JSON-schema check would come first.
    check_config_against_spec = False
    # A missing or broken config or catalog file is a config_error naming the file, not a traceback.
    read_config = staticmethod(read_config_file)
    read_catalog = staticmethod(read_catalog_file)

    def spec(self, logger: logging.Logger) -> ConnectorSpecification:
        return ConnectorSpecification(
            documentationUrl=DOCUMENTATION_URL,
            connectionSpecification=destination_specification(),
            supportsIncremental=True,
            supported_destination_sync_modes=list(SYNC_MODES),
        )

    def read_input(self, stdin: BinaryIO, logger: logging.Logger) -> Iterable[AirbyteMessage]:
        return read_messages(stdin, logger)

    def check(self, logger: logging.Logger, config: Mapping[str, object]) -> AirbyteConnectionStatus:
        """The workspace answers (GET /), its pipelines can be listed, `default_pipeline_id` is one of them."""
        try:
            destination_config = parse_config(config)
        except ConfigError as error:
            return AirbyteConnectionStatus(status=Status.FAILED, message=error.message)
        connection = _connect(destination_config)
        problem = check_api(connection, logger)
        if problem is None:
            try:
                load_pipelines(RuddrWriter(connection, logger), destination_config.default_pipeline_id)
            except AirbyteTracedException as error:
                problem = f"Ruddr check failed: {error.message}"
        if problem is not None:
            return AirbyteConnectionStatus(status=Status.FAILED, message=problem)
        return AirbyteConnectionStatus(status=Status.SUCCEEDED)

    def write(
        self,
        config: Mapping[str, object],
        configured_catalog: ConfiguredAirbyteCatalog,
        input_messages: Iterable[AirbyteMessage],
    ) -> Iterable[AirbyteMessage]:
        logger = logging.getLogger("airbyte")
        destination_config = parse_config(config)
        streams = selected_streams(configured_catalog)
        writer = RuddrWriter(_connect(destination_config), logger)
        yield from write_stages(destination_config, writer, streams, input_messages, logger)


def _connect(config: DestinationConfig) -> Connection:
    """A destination has no streams to report on: its clients print no STREAM_STATUS."""
    return connect(RUDDR, config, NAME, stream_status=False)
