"""A raw JSON config in, a typed config model out, or one `ConfigError` naming the field.

Messages read "Invalid config: `<dotted.path>` <what is wrong>", from the kinds and blocks that
found the problem; a problem of the whole config has no path. A kind's message that names another
field of its block (`` `{api_key}` ``) gets that field's path. A valid config's blocks learn their
place in it, so that later messages name their fields by path too (`ConfigBlock.with_paths`).
"""

from collections.abc import Mapping
from typing import TypeVar

from airbyte_cdk.models import FailureType
from airbyte_cdk.utils.traced_exception import AirbyteTracedException
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from stage_apis.config.blocks import UNKNOWN_FIELD, ConfigBlock, fill_paths
from stage_apis.config.kinds import PROBLEM

Model = TypeVar("Model", bound=ConfigBlock)


class ConfigError(AirbyteTracedException):
    def __init__(self, message: str):
        message = f"Invalid config: {message}"
        super().__init__(message=message, internal_message=message, failure_type=FailureType.config_error)


def validate(model: type[Model], raw: object) -> Model:
    if not isinstance(raw, Mapping):
        raise ConfigError("the config must be a JSON object.")
    try:
        config = model.model_validate(raw)
    except ValidationError as error:
        raise ConfigError(_message(error.errors(include_url=False)[0])) from None
    config.place("")
    return config


def _message(error: ErrorDetails) -> str:
    path = _dotted(error["loc"])
    context = error.get("ctx", {})
    if error["type"] == UNKNOWN_FIELD:
        allowed = ", ".join(context["allowed"])
        return f"unknown field `{_join(path, context['field'])}`; allowed here: {allowed}."
    if error["type"] == PROBLEM:
        message = fill_paths(context["message"], _dotted(error["loc"][:-1]))
        path += context["at"]
        return f"`{path}` {message}" if path else message
    # Every field has a kind and every block checks its own shape, so this is not expected.
    return f"`{path}`: {error['msg']}."


def _dotted(loc: tuple[object, ...]) -> str:
    return ".".join(str(part) for part in loc)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else str(name)
