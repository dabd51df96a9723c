"""`SourceStages`: validates the config, builds the configured providers' streams, checks them."""

import json
import logging
from typing import Any, List, Mapping, MutableMapping, Optional, Tuple

from airbyte_cdk.models import AirbyteConnectionStatus, Status
from airbyte_cdk.sources import AbstractSource
from airbyte_cdk.sources.streams import Stream

from source_stages.check import check_provider
from source_stages.config import ConfigError, parse_config
from source_stages.connection import connect
from source_stages.endpoints import endpoints_of
from source_stages.streams import STREAM_CLASSES


class SourceStages(AbstractSource):
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

    def streams(self, config: Mapping[str, Any]) -> List[Stream]:
        stages_config = parse_config(config)
        streams: List[Stream] = []
        for provider_config in stages_config.providers:
            connection = connect(provider_config)  # one budget per provider, shared by its streams
            stream_class = STREAM_CLASSES[provider_config.provider.key]
            streams.extend(
                stream_class(
                    endpoint=endpoint,
                    provider_config=provider_config,
                    page_size=stages_config.page_size,
                    authenticator=connection.authenticator,
                    api_budget=connection.api_budget,
                )
                for endpoint in endpoints_of(provider_config.provider)
            )
        return streams


def _json_error(error: ValueError) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} at line {error.lineno}, column {error.colno}"
    return "the file is not UTF-8 text"
