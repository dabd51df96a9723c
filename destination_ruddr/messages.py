"""How the destination's messages show a value, and its failures that are not about the config
file (config/validation.py's ConfigError says "Invalid config:"): the catalog, the input
records, Ruddr's answers."""

import json

from airbyte_cdk.models import FailureType
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from destination_ruddr.json_values import escape_surrogates

SHOWN_MAX = 60


def shown(value: object) -> str:
    """A value as JSON, shortened; names keep their letters (見面, not \\u89c1\\u9762), a lone
    surrogate is escaped (\\ud800: it cannot be printed as it is)."""
    text = escape_surrogates(json.dumps(value, ensure_ascii=False, default=str))
    return text if len(text) <= SHOWN_MAX else text[: SHOWN_MAX - 3] + "..."


def failure(message: str, failure_type: FailureType = FailureType.config_error) -> AirbyteTracedException:
    return AirbyteTracedException(message=message, internal_message=message, failure_type=failure_type)
