"""The JSON files a command is given (`--config`, `--catalog`, `--state`), for both connectors.

Each is read as UTF-8 JSON (a leading byte-order mark is allowed; NaN and Infinity are not JSON)
and checked for its shape. A file the user must fix is a config_error that names the file and what
is wrong with it: "Invalid <kind>: the <kind> file <path> ...". The shapes are what airbyte-cdk's
own readers accept, so no file they read is refused, except a lone GLOBAL state with a
`shared_state`, which the CDK's state manager refuses later: a state is a list of state messages,
or a false JSON value (null, {}, []) for no state.
"""

import json
from collections.abc import MutableMapping

from airbyte_cdk.models import (
    AirbyteStateMessage,
    AirbyteStateMessageSerializer,
    ConfiguredAirbyteCatalog,
    ConfiguredAirbyteCatalogSerializer,
    FailureType,
)
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

STATE_EXAMPLE = '[{"type": "STREAM", "stream": {"stream_descriptor": {"name": ...}, "stream_state": {...}}}]'


class InputFileError(AirbyteTracedException):
    def __init__(self, kind: str, problem: str):
        message = f"Invalid {kind}: {problem}"
        super().__init__(message=message, internal_message=message, failure_type=FailureType.config_error)


# The parameters are named as in airbyte-cdk's readers, which callers may pass by name.


def read_config_file(config_path: str) -> MutableMapping[str, object]:
    path = config_path
    raw = read_json_file("config", path)
    if not isinstance(raw, dict):
        raise InputFileError("config", f"the config file {path} must hold a JSON object.")
    return raw


def read_catalog_file(catalog_path: str) -> ConfiguredAirbyteCatalog:
    path = catalog_path
    raw = read_json_file("catalog", path)
    if not isinstance(raw, dict):
        shape = '{"streams": [...]}'
        raise InputFileError(
            "catalog", f"the catalog file {path} must hold a JSON object (a configured catalog: {shape})."
        )
    try:
        return ConfiguredAirbyteCatalogSerializer.load(raw)
    except ValueError as error:
        problem = f"the catalog file {path} is not a configured catalog: {_shape_error(error)}."
        raise InputFileError("catalog", problem) from None


def read_state_file(state_path: str | None) -> list[AirbyteStateMessage]:
    """The state messages; none without a state file (`read` without --state)."""
    path = state_path
    if not path:
        return []
    raw = read_json_file("state", path)
    if not raw:
        return []
    if not isinstance(raw, list):
        held = "one JSON object (a single message, or the legacy state form, which airbyte-cdk does not read)"
        raise InputFileError(
            "state",
            f"the state file {path} must hold a list of state messages, such as the STATE messages a read emits "
            f"({STATE_EXAMPLE}); it holds {held if isinstance(raw, dict) else _json_type(raw)}.",
        )
    messages = []
    for number, item in enumerate(raw, start=1):
        problem = f"the state file {path} is not a list of state messages: item {number}"
        try:
            message = AirbyteStateMessageSerializer.load(item)
        except ValueError as error:
            raise InputFileError("state", f"{problem}: {_shape_error(error)}.") from None
        if not (message.stream or message.global_ or message.data):
            raise InputFileError("state", f"{problem} has no `stream`, `global` or `data`.")
        messages.append(message)
    # airbyte-cdk's state manager reads a lone GLOBAL message and refuses its shared_state with a
    # ValueError (a system_error); only a connector that shares state between streams writes one.
    if len(messages) == 1 and messages[0].global_ is not None and messages[0].global_.shared_state is not None:
        raise InputFileError(
            "state",
            f"the state file {path} holds a GLOBAL state with a `shared_state`, which this source neither writes "
            "nor reads (it keeps one state per stream).",
        )
    return messages


def read_json_file(kind: str, path: str) -> object:
    """The file's JSON value; an InputFileError if it cannot be read or is not JSON."""
    try:
        with open(path, encoding="utf-8-sig") as file:
            return json.load(file, parse_constant=_not_json)
    except OSError as error:
        raise InputFileError(kind, f"cannot read the {kind} file {path}: {error.strerror}.") from None
    except (UnicodeDecodeError, json.JSONDecodeError, _NotJson) as error:
        raise InputFileError(kind, f"the {kind} file {path} is not valid JSON ({_json_error(error)}).") from None


class _NotJson(ValueError):
    pass


def _not_json(constant: str) -> None:
    raise _NotJson(f"{constant} is not a JSON value")


def _json_error(error: ValueError) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} at line {error.lineno}, column {error.colno}"
    if isinstance(error, UnicodeDecodeError):
        return "the file is not UTF-8 text"
    return str(error)


def _shape_error(error: ValueError) -> str:
    """serpyco-rs's "Schema validation failed:\\n- <what> (instance_path='<where>')" lines, shortened."""
    problems = []
    for line in str(error).splitlines():
        if not line.startswith("- "):
            continue
        what, _, where = line[2:].rpartition(" (instance_path='")
        where = where.rstrip("')")
        if not what:
            what, where = line[2:], ""
        if what.endswith("is a required property"):  # its path ends with the property the message names
            where = where.rpartition("/")[0]
        problems.append(f"`{where}`: {what}" if where else what)
    return "; ".join(problems) or str(error)


def _json_type(value: object) -> str:
    return {str: "a string", bool: "true or false", int: "a number", float: "a number"}.get(type(value), "a JSON value")
