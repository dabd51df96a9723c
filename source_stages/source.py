"""`SourceStages`: validates the config, builds the configured APIs' streams, checks them."""

import json
import logging
from functools import partial
from typing import Any, Iterator, List, Mapping, MutableMapping, Optional, Tuple

from airbyte_cdk.models import (
    AirbyteConnectionStatus,
    AirbyteMessage,
    AirbyteStateMessage,
    ConfiguredAirbyteCatalog,
    ConnectorSpecification,
    Status,
)
from airbyte_cdk.sources import AbstractSource
from airbyte_cdk.sources.streams import Stream

from source_stages.check import check_api
from source_stages.config.validation import ConfigError
from source_stages.connection import connect
from source_stages.shared_reads import SharedReads
from source_stages.source_config import parse_config, source_specification
from source_stages.streams import list_stream
from source_stages.streams.unified_stages import UNIFIED_STREAM, UnifiedStagesStream


class SourceStages(AbstractSource):
    _share_reads = False  # set by read() when the catalog selects the unified stream

    @staticmethod
    def read_config(config_path: str) -> MutableMapping[str, Any]:
        """The CDK's reader, with config_error answers instead of tracebacks for a bad file."""
        try:
            with open(config_path, encoding="utf-8") as file:
                raw = json.load(file)
        except OSError as error:
            raise ConfigError(f"cannot read the config file {config_path}: {error.strerror}.") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ConfigError(f"the config file {config_path} is not valid JSON ({_json_error(error)}).") from None
        if not isinstance(raw, dict):
            raise ConfigError(f"the config file {config_path} must hold a JSON object.")
        return raw

    def spec(self, logger: logging.Logger) -> ConnectorSpecification:
        return ConnectorSpecification(connectionSpecification=source_specification())

    def check(self, logger: logging.Logger, config: Mapping[str, Any]) -> AirbyteConnectionStatus:
        # AbstractSource.check would show the message through repr(), quotes included.
        succeeded, message = self.check_connection(logger, config)
        if succeeded:
            return AirbyteConnectionStatus(status=Status.SUCCEEDED)
        return AirbyteConnectionStatus(status=Status.FAILED, message=message)

    def check_connection(self, logger: logging.Logger, config: Mapping[str, Any]) -> Tuple[bool, Optional[str]]:
        try:
            source_config = parse_config(config)
        except ConfigError as error:
            return False, error.message
        failures = [
            message for api_config in source_config.apis if (message := check_api(connect(api_config), logger)) is not None
        ]
        return (False, " ".join(failures)) if failures else (True, None)

    def read(
        self,
        logger: logging.Logger,
        config: Mapping[str, Any],
        catalog: ConfiguredAirbyteCatalog,
        state: Optional[List[AirbyteStateMessage]] = None,
    ) -> Iterator[AirbyteMessage]:
        # `stages` is read last, so it can reuse the raw streams' reads of this sync instead of
        # requesting the same pages again; the raw streams keep their records only if it is selected.
        raw = [stream for stream in catalog.streams if stream.stream.name != UNIFIED_STREAM]
        unified = [stream for stream in catalog.streams if stream.stream.name == UNIFIED_STREAM]
        self._share_reads = bool(unified)
        return super().read(logger, config, ConfiguredAirbyteCatalog(streams=raw + unified), state)

    def streams(self, config: Mapping[str, Any]) -> List[Stream]:
        source_config = parse_config(config)
        shared_reads = SharedReads(keep=self._share_reads)
        new_list_stream = partial(list_stream, page_size=source_config.page_size, shared_reads=shared_reads)
        connections = [connect(api_config) for api_config in source_config.apis]  # one budget per API, for all its streams
        streams: List[Stream] = [
            new_list_stream(connection, endpoint) for connection in connections for endpoint in connection.api.endpoints
        ]
        streams.append(UnifiedStagesStream(connections, new_list_stream, shared_reads))
        return streams


def _json_error(error: ValueError) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} at line {error.lineno}, column {error.colno}"
    return "the file is not UTF-8 text"
