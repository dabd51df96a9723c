"""`DestinationRuddr`: the CDK's `Destination` with the config validated by config.py, whose
messages name the field, instead of the spec's bare JSON-schema check, and stdin read by
input_lines.py, which drops no line without a word."""

import io
import logging
from typing import Any, BinaryIO, Iterable, Mapping, cast

from airbyte_cdk.destinations import Destination
from airbyte_cdk.models import (
    AirbyteConnectionStatus,
    AirbyteMessage,
    ConfiguredAirbyteCatalog,
    ConnectorSpecification,
    Status,
    Type,
)
from airbyte_cdk.utils.airbyte_secrets_utils import get_secrets, update_secrets
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from source_stages.check import check_api
from source_stages.config.validation import ConfigError
from source_stages.input_files import read_catalog_file, read_config_file

from destination_ruddr.catalog import SYNC_MODES, selected_streams
from destination_ruddr.config import destination_specification, parse_config
from destination_ruddr.connection import connect_destination
from destination_ruddr.input_lines import read_messages
from destination_ruddr.ruddr_writer import RuddrWriter
from destination_ruddr.sync import load_pipelines, write_stages

DOCUMENTATION_URL = "https://docs.airbyte.com/integrations/destinations/ruddr"


class DestinationRuddr(Destination):
    # `write` validates the config itself (config.py); the CDK's JSON-schema check would come first.
    check_config_against_spec = False
    # The source's readers (source_stages/input_files.py): a missing or broken config or catalog
    # file is a config_error naming the file, not a traceback.
    read_config = staticmethod(read_config_file)
    read_catalog = staticmethod(read_catalog_file)

    def spec(self, logger: logging.Logger) -> ConnectorSpecification:
        return ConnectorSpecification(
            documentationUrl=DOCUMENTATION_URL,
            connectionSpecification=destination_specification(),
            supportsIncremental=True,
            supported_destination_sync_modes=list(SYNC_MODES),
        )

    def run_cmd(self, parsed_args: Any) -> Iterable[AirbyteMessage]:
        if parsed_args.command != "check":
            yield from super().run_cmd(parsed_args)
            return
        # The CDK runs its JSON-schema check before every `check`, whatever check_config_against_spec
        # says; `check` below validates with config.py instead, as `write` does.
        config = self.read_config(parsed_args.config)
        update_secrets(get_secrets(self.spec(logging.getLogger()).connectionSpecification, config))
        status = self.check(logging.getLogger("airbyte"), config)
        yield AirbyteMessage(type=Type.CONNECTION_STATUS, connectionStatus=status)

    def _run_write(
        self, config: Mapping[str, Any], configured_catalog_path: str, input_stream: io.TextIOWrapper
    ) -> Iterable[AirbyteMessage]:
        # The CDK's, with the catalog read by read_catalog (the CDK's own reader raises a bare
        # exception for a bad file).
        catalog = self.read_catalog(configured_catalog_path)
        logger = logging.getLogger("airbyte")
        logger.info("Begin writing to the destination...")
        yield from self.write(config=config, configured_catalog=catalog, input_messages=self._parse_input_stream(input_stream))
        logger.info("Writing complete.")

    def _parse_input_stream(self, input_stream: io.TextIOWrapper) -> Iterable[AirbyteMessage]:
        # The CDK's hook for stdin: `Destination._run_write` (airbyte-cdk 7.39) hands it stdin wrapped
        # as UTF-8 text and its default skips each line orjson cannot parse; the bytes beneath are read.
        return read_messages(cast(BinaryIO, input_stream.buffer), logging.getLogger("airbyte"))

    def check(self, logger: logging.Logger, config: Mapping[str, Any]) -> AirbyteConnectionStatus:
        """The workspace answers (GET /), its pipelines can be listed, `default_pipeline_id` is one of them."""
        try:
            destination_config = parse_config(config)
        except ConfigError as error:
            return AirbyteConnectionStatus(status=Status.FAILED, message=error.message)
        connection = connect_destination(destination_config)
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
        config: Mapping[str, Any],
        configured_catalog: ConfiguredAirbyteCatalog,
        input_messages: Iterable[AirbyteMessage],
    ) -> Iterable[AirbyteMessage]:
        logger = logging.getLogger("airbyte")
        destination_config = parse_config(config)
        streams = selected_streams(configured_catalog)
        writer = RuddrWriter(connect_destination(destination_config), logger)
        yield from write_stages(destination_config, writer, streams, input_messages, logger)
