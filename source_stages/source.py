"""`SourceStages`: validates the config, builds the configured providers' streams, checks them."""

import json
import logging
from functools import partial
from typing import Any, Iterator, List, Mapping, MutableMapping, Optional, Tuple

from airbyte_cdk.models import AirbyteConnectionStatus, AirbyteMessage, AirbyteStateMessage, ConfiguredAirbyteCatalog, Status
from airbyte_cdk.sources import AbstractSource
from airbyte_cdk.sources.streams import Stream

from source_stages.check import check_provider
from source_stages.config import ConfigError, ProviderConfig, parse_config
from source_stages.connection import Connection, connect
from source_stages.endpoints import endpoints_of
from source_stages.shared_reads import SharedReads
from source_stages.streams import STREAM_CLASSES, StagesStream
from source_stages.streams.unified import UNIFIED_STREAM, UnifiedStagesStream
from source_stages.unified import STAGE_SOURCES


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

    def check(self, logger: logging.Logger, config: Mapping[str, Any]) -> AirbyteConnectionStatus:
        # AbstractSource.check would show the message through repr(), quotes included.
        succeeded, message = self.check_connection(logger, config)
        if succeeded:
            return AirbyteConnectionStatus(status=Status.SUCCEEDED)
        return AirbyteConnectionStatus(status=Status.FAILED, message=message)

    def check_connection(self, logger: logging.Logger, config: Mapping[str, Any]) -> Tuple[bool, Optional[str]]:
        try:
            stages_config = parse_config(config)
        except ConfigError as error:
            return False, error.message
        failures = [
            message
            for provider_config in stages_config.providers
            if (message := check_provider(connect(provider_config), logger)) is not None
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
        stages_config = parse_config(config)
        shared_reads = SharedReads(keep=self._share_reads)
        streams: List[Stream] = []
        unified_sources = []
        for provider_config in stages_config.providers:
            connection = connect(provider_config)  # one budget per provider, shared by its streams
            build = partial(_raw_stream, provider_config, stages_config.page_size, connection, shared_reads)
            streams.extend(build(endpoint.stream_name) for endpoint in endpoints_of(provider_config.provider))
            unified_sources.append((STAGE_SOURCES[provider_config.provider.key], build))
        streams.append(UnifiedStagesStream(unified_sources, shared_reads))
        return streams


def _raw_stream(
    provider_config: ProviderConfig, page_size: int, connection: Connection, shared_reads: SharedReads, stream_name: str
) -> StagesStream:
    endpoint = next(e for e in endpoints_of(provider_config.provider) if e.stream_name == stream_name)
    return STREAM_CLASSES[provider_config.provider.key](
        endpoint=endpoint,
        provider_config=provider_config,
        page_size=page_size,
        authenticator=connection.authenticator,
        api_budget=connection.api_budget,
        shared_reads=shared_reads,
    )


def _json_error(error: ValueError) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} at line {error.lineno}, column {error.colno}"
    return "the file is not UTF-8 text"
