"""stdin, read as bytes line by line, as Airbyte messages: no line is dropped without a word.

The CDK's own reader skips, with an INFO line, every line orjson cannot parse (NaN, a cut-off
last line, ...), and lets other mistakes out as a traceback. Here each line is one of:

- **an Airbyte message in strict JSON** (orjson): the normal case; a STATE message is read again
  with Python's `json`, which keeps an integer beyond 64 bits exactly (orjson makes it a float);
- **JSON as Python's `json` writes it, but not strict JSON** (NaN, Infinity, a number beyond a
  double's range, a lone surrogate: json_values.py): read with Python's `json`. Such values may
  be in a record's `data` only: the record then fails validation like any invalid record, named
  by its number. Anywhere else (a STATE, the record's envelope) the line is refused: a STATE would
  not go back out as it came in;
- **blank** (only spaces, tabs, CR): skipped, with one warning listing those lines;
- **the last line, without its newline, and not complete JSON**: the input ends in the middle of
  a message because the source stopped while writing it. A `transient_error`: no file of the
  user's is wrong, and a new attempt reads a whole input;
- **anything else** (invalid UTF-8, not JSON, JSON that is not an Airbyte message): a
  `config_error` naming the line and what is wrong with it.

Every refusal is raised while the input is read, before the first request to Ruddr. A message
quotes at most EXCERPT_MAX characters of a line, with the config's secrets masked first.
"""

import json
import logging
from collections.abc import Iterable, Iterator

import orjson
from airbyte_cdk.models import AirbyteMessage, AirbyteMessageSerializer, FailureType, Type
from airbyte_cdk.utils.airbyte_secrets_utils import filter_secrets

from destination_ruddr.json_values import unstrict_values
from destination_ruddr.messages import failure

EXCERPT_MAX = 20
LISTED_BLANK_LINES = 10
BLANK = b" \t\r\n"
MESSAGE_TYPES = tuple(member.value for member in Type)
NEEDED = {Type.RECORD.value: "record", Type.STATE.value: "state"}  # a message of this type needs that object


class LineError(Exception):
    """What is wrong with a line that is not an Airbyte message."""


def read_messages(stdin: Iterable[bytes], logger: logging.Logger) -> Iterator[AirbyteMessage]:
    blank: list[int] = []
    for number, raw in enumerate(stdin, start=1):
        if not raw.strip(BLANK):
            blank.append(number)
            continue
        yield _message(raw, number)
    if blank:
        listed = ", ".join(str(number) for number in blank[:LISTED_BLANK_LINES])
        more = f" and {len(blank) - LISTED_BLANK_LINES} more" if len(blank) > LISTED_BLANK_LINES else ""
        logger.warning(f"Skipped {len(blank)} blank input line(s): lines {listed}{more}.")


def _message(raw: bytes, number: int) -> AirbyteMessage:
    try:
        decoded, strict = orjson.loads(raw), True
    except orjson.JSONDecodeError:
        decoded, strict = _python_json(raw, number), False
    if strict and isinstance(decoded, dict) and decoded.get("type") == Type.STATE.value:
        # orjson reads an integer beyond 64 bits as the nearest float; Python's `json` keeps it, so
        # that the STATE goes back out as it came in (STATE lines are few: the cost is nothing).
        decoded = json.loads(raw)
    try:
        message = _airbyte_message(decoded)
        if not strict:
            _refuse_unstrict_values_outside_data(message, decoded)
    except LineError as error:
        raise failure(f"Input line {number} {error}") from None
    return message


def _python_json(raw: bytes, number: int) -> object:
    """The line as Python's `json` reads it (NaN, Infinity, lone surrogates), else why not."""
    try:
        return json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as error:
        if not raw.endswith(b"\n"):
            raise failure(
                f"The input ends in the middle of a message: its last line ({number}) has no newline and is not "
                "complete JSON, so the source stopped while writing it. Nothing was written; run the sync again "
                "(Airbyte retries it).",
                FailureType.transient_error,
            ) from None
        if isinstance(error, UnicodeDecodeError):
            byte = error.object[error.start]
            message = f"Input line {number} is not valid UTF-8 (byte 0x{byte:02x} at byte {error.start + 1})."
            raise failure(message) from None
        where = f"{error.msg} at column {error.colno}" if isinstance(error, json.JSONDecodeError) else "nested too deep"
        raise failure(f"Input line {number} is not JSON ({where}); it starts with {_excerpt(raw)}.") from None


def _airbyte_message(decoded: object) -> AirbyteMessage:
    if not isinstance(decoded, dict):
        raise LineError(f"is JSON but not an Airbyte message: it is {_json_kind(decoded)}, not an object.")
    kind = decoded.get("type")
    if kind is None:
        raise LineError("is JSON but not an Airbyte message: it has no `type`.")
    if kind not in MESSAGE_TYPES:
        listed = ", ".join(MESSAGE_TYPES)
        shown = _excerpt(str(kind).encode())
        raise LineError(f"is JSON but not an Airbyte message: its `type` {shown} is not one of {listed}.")
    needed = NEEDED.get(kind)
    if needed is not None and not isinstance(decoded.get(needed), dict):
        raise LineError(f"is JSON but not an Airbyte message: a {kind} message needs `{needed}`, an object.")
    if kind == Type.RECORD.value and not isinstance(decoded["record"].get("data"), dict):
        raise LineError("is JSON but not an Airbyte message: `record.data` must be an object.")
    try:
        return AirbyteMessageSerializer.load(decoded)
    except ValueError as error:  # serpyco_rs.ValidationError: the first thing wrong, where it is
        problems = getattr(error, "errors", None) or [error]
        first = problems[0]
        path = str(getattr(first, "instance_path", "")).replace("/", ".")
        said = _excerpt(str(getattr(first, "message", first)).encode(), limit=80, quoted=False)
        raise LineError(f"is JSON but not an Airbyte message: {f'`{path}`: ' if path else ''}{said}.") from None


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    return "a number"


def _refuse_unstrict_values_outside_data(message: AirbyteMessage, decoded: dict[str, object]) -> None:
    """Only a record's data may hold NaN and the like (it then fails validation, named by record)."""
    envelope = decoded
    record = decoded.get("record")
    if message.type == Type.RECORD and isinstance(record, dict):  # it is: _airbyte_message checked it
        envelope = {**decoded, "record": {**record, "data": {}}}
    for path, what in unstrict_values(envelope):
        raise LineError(
            f"is a {message.type.value} message with a value that is not strict JSON: `{path}` {what}. Only a "
            "record's data may hold one (the record is then invalid, named by its number)."
        )


def _excerpt(raw: bytes, limit: int = EXCERPT_MAX, quoted: bool = True) -> str:
    """The start of a line, secrets masked before it is cut (a cut secret would not be masked)."""
    text = filter_secrets(raw.decode("utf-8", "replace").strip())
    cut = text if len(text) <= limit else text[:limit] + "..."
    return json.dumps(cut, ensure_ascii=False) if quoted else cut
