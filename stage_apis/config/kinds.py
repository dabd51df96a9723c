"""The kinds of value a config field holds.

A kind checks a raw JSON value strictly (no coercion: "1" is not an integer, true is not a
number; 50.0 is the integer 50, as JSON Schema counts it), says in one sentence what is wrong with a
bad value, and describes its values for the spec: exactly the values it accepts, in what JSON Schema
Draft 7 enforces (types, limits, enums, `pattern`; no `format`, which Draft 7 does not define for
UUIDs), so that a platform validating a config against the spec agrees with the connector
(unit_tests/test_spec_agrees_with_validation.py). Where a kind accepts what a pattern says, the
check is the pattern itself. Fields declare their kind in their type,
`Annotated[int, Bounded(1, 100)]`; pydantic then calls the kind instead of its own validators, and
the kind's sentence becomes the message after the field's dotted path (config/validation.py), where
`` `{name}` `` names another field of the same block by its path. Values of credentials are never
quoted.
"""

import ipaddress
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlsplit

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

PROBLEM = "config_problem"  # the pydantic error type of a kind's message


class ConfigProblem(ValueError):
    """What is wrong with a value: `message` follows the field's path; `at` extends that path
    (an item index such as "[2]", or a sub-field such as ".sort_by")."""

    def __init__(self, message: str, at: str = ""):
        super().__init__(message)
        self.message = message
        self.at = at

    def as_pydantic_error(self) -> PydanticCustomError:
        return PydanticCustomError(PROBLEM, "{message}", {"message": self.message, "at": self.at})


def whole(regex: str) -> str:
    """A `pattern` the whole value must match, in the spec's regex dialect (ECMA 262) and in Python's
    `re.search` (jsonschema's, and the kinds' checks): `$` alone also matches before a final line
    break in Python, which the lookahead refuses."""
    return f"^(?:{regex})$(?!\\n)"


def matches(pattern: str, value: str) -> bool:
    """Whether the value matches a spec `pattern`, as a JSON Schema validator tests it."""
    return re.search(pattern, value) is not None


class Kind:
    """A kind of value. Subclasses implement `check` (the validated value, or ConfigProblem) and
    `schema` (the JSON schema of the values, as the spec shows it)."""

    def check(self, value: object) -> object:
        raise NotImplementedError

    def schema(self) -> dict[str, object]:
        raise NotImplementedError

    def __get_pydantic_core_schema__(self, source: object, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(self._validate)

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, object]:
        return self.schema()

    def _validate(self, value: object) -> object:
        try:
            return self.check(value)
        except ConfigProblem as problem:
            raise problem.as_pydantic_error() from None


@dataclass(frozen=True)
class Bounded(Kind):
    low: int
    high: int

    def check(self, value: object) -> int:
        number = integer(value)
        if number is None or not self.low <= number <= self.high:
            raise ConfigProblem(f"must be an integer from {self.low} to {self.high} (got {quote(value)}).")
        return number

    def schema(self) -> dict[str, object]:
        return {"type": "integer", "minimum": self.low, "maximum": self.high}


@dataclass(frozen=True)
class Credential(Kind):
    """A token or key, sent as is: a CDK secret is masked by substring, so one with whitespace
    is rejected rather than stripped. `help` says where a user gets a new one (and where it goes)."""

    help: str
    PATTERN: ClassVar[str] = whole("[!-~]+")  # printable ASCII, no space: what both APIs issue

    def check(self, value: object) -> str:
        if value is None:
            raise ConfigProblem(f"is required: {self.help}.")
        if not isinstance(value, str):
            raise ConfigProblem("must be a string.")
        if not value.strip():
            raise ConfigProblem(f"is empty: {self.help}.")
        if any(character.isspace() or not character.isprintable() for character in value):
            raise ConfigProblem("contains spaces, line breaks or control characters; paste it without them.")
        if not matches(self.PATTERN, value):
            raise ConfigProblem(
                "contains characters other than printable ASCII, which no credential of the API holds; paste it as "
                "shown."
            )
        return value

    def schema(self) -> dict[str, object]:
        return {"type": "string", "minLength": 1, "pattern": self.PATTERN, "airbyte_secret": True}


@dataclass(frozen=True)
class ApiUrl(Kind):
    """An API's base URL: https://, or http:// to a loopback host only, so that a credential never
    travels in clear; no user name or password (the credential has its own field), no query."""

    example: str
    credential_field: str  # the block's credential, named where a URL carries one
    # https:// and a DNS name or IPv4 address, or http:// and a loopback host; an optional port and
    # path; no user, password, query, fragment or space: what the checks below allow, as a pattern.
    PATTERN: ClassVar[str] = whole(
        r"(?:https://[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
        r"|http://(?:localhost|127(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}|\[::1\]))"
        r"(?::(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4}))?"
        r'(?:/[!-"$->@-~]*)?'
    )

    def check(self, value: object) -> str:
        example = self.example
        if not isinstance(value, str) or not value:
            raise ConfigProblem(f"must be a URL such as {example}.")
        try:
            parts = urlsplit(value)
            hostname = parts.hostname
            parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        except ValueError:
            raise ConfigProblem(f"is not a valid URL; use a URL such as {example}.") from None
        if parts.username is not None or parts.password is not None:
            raise ConfigProblem(
                f"must not contain a user name or password; the credential belongs in `{{{self.credential_field}}}`."
            )
        if parts.scheme not in ("https", "http"):
            raise ConfigProblem(f"must start with https:// (got {quote(parts.scheme + ':')}), e.g. {example}.")
        if not hostname:
            raise ConfigProblem(f"has no host name; use a URL such as {example}.")
        if parts.scheme == "http" and not is_loopback(hostname):
            raise ConfigProblem(
                f"uses http:// for the host {quote(hostname)}; plain http is allowed only for a loopback host "
                "(127.0.0.0/8, ::1, localhost), so that a credential never travels in clear. Use https://."
            )
        if parts.query or parts.fragment:
            raise ConfigProblem(f"must not contain a query string or fragment; use a URL such as {example}.")
        if not matches(self.PATTERN, value):
            raise ConfigProblem(
                f"is not a URL this connector can use: https:// and a host name (or http:// and localhost, "
                f"127.x.x.x or [::1]), an optional port and path, no spaces; e.g. {example}."
            )
        return value.rstrip("/")

    def schema(self) -> dict[str, object]:
        return {
            "type": "string",
            "pattern": self.PATTERN,
            "pattern_descriptor": "https://host[:port][/path], or http:// to localhost, 127.x.x.x or [::1]",
        }


NO_EMPTY_VALUE = object()


class Filter(Kind):
    """A filter (or an optional setting): absent or null means "no filter" (None), and so does the
    empty value of the kind's own JSON type, "" for a text or [] for a list. The spec shows the
    kind's values, null (its type list starts with the kind's type: the Airbyte form renders the
    first) and that empty value."""

    @property
    def empty(self) -> object:
        """ "" or [] where it means "no filter"."""
        return NO_EMPTY_VALUE

    def check(self, value: object) -> object:
        if self.is_blank(value):
            return None
        return self.check_set(value)

    def is_blank(self, value: object) -> bool:
        return value is None or (type(value) is type(self.empty) and value == self.empty)

    def check_set(self, value: object) -> object:
        raise NotImplementedError

    def schema(self) -> dict[str, object]:
        return nullable(self.value_schema())

    def value_schema(self) -> dict[str, object]:
        """The JSON schema of the values that are not blank (blank "" or [] included where the kind
        has it: a string or array schema allows it unless it says otherwise)."""
        raise NotImplementedError


def nullable(schema: dict[str, object]) -> dict[str, object]:
    result = {**schema, "type": [schema["type"], "null"]}
    enum = schema.get("enum")
    if isinstance(enum, list):
        result["enum"] = [*enum, None]
    return result


_EMPTY_VALUES: dict[object, object] = {"string": "", "array": []}  # by JSON type


@dataclass(frozen=True)
class Plain(Filter):
    """A filter value of one JSON type: `parse` returns the value it stands for (50.0 becomes 50) or
    None for a bad one, `expected` names a good one in messages."""

    json_schema: dict[str, object]
    parse: Callable[[object], object]
    expected: str

    @property
    def empty(self) -> object:
        return _EMPTY_VALUES.get(self.json_schema["type"], NO_EMPTY_VALUE)

    def check_set(self, value: object) -> object:
        parsed = self.parse(value)
        if parsed is None:
            raise ConfigProblem(f"must be {self.expected} (got {quote(value)}).")
        return parsed

    def value_schema(self) -> dict[str, object]:
        return self.json_schema


_UUID = "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
UUID_EXAMPLE = "3f2b1c9e-8d7a-4e6f-9b1a-2c3d4e5f6a7b"


class Uuid(Filter):
    """A UUID in its 8-4-4-4-12 form, in any case, kept in lower case."""

    empty = ""
    PATTERN: ClassVar[str] = whole(_UUID)

    def check_set(self, value: object) -> str:
        if not isinstance(value, str) or not matches(self.PATTERN, value):
            raise ConfigProblem(f"must be a UUID such as {UUID_EXAMPLE} (got {quote(value)}).")
        return value.lower()

    def value_schema(self) -> dict[str, object]:
        return {
            "type": "string",
            "pattern": whole(f"(?:{_UUID})?"),
            "pattern_descriptor": f"a UUID such as {UUID_EXAMPLE}",
        }


@dataclass(frozen=True)
class OneOf(Filter):
    choices: tuple[str, ...]
    empty = ""

    def check_set(self, value: object) -> str:
        if not isinstance(value, str) or value not in self.choices:
            raise ConfigProblem(f"must be one of {', '.join(self.choices)} (got {quote(value)}).")
        return value

    def value_schema(self) -> dict[str, object]:
        return {"type": "string", "enum": [*self.choices, ""]}


# The tie-breaker appended to every sort: ids are unique and immutable, so page boundaries are
# the same on every request of a read (page-number pagination needs that).
SORT_TIE_BREAKER = "id"
SORT_DIRECTIONS = ("asc", "desc")


@dataclass(frozen=True)
class SortBy(Kind):
    """A list of "field" or "field:asc|desc" items of `fields`, each field once; the tie-breaker
    is appended when missing. `of` names the list in messages ("Zendesk Sell stages")."""

    fields: tuple[str, ...]
    of: str

    def check(self, value: object) -> tuple[str, ...]:
        if value is None or value == []:  # the default
            return (SORT_TIE_BREAKER,)
        if not isinstance(value, list):
            raise ConfigProblem(f'must be a list of sort fields such as ["position:desc", "id"] (got {quote(value)}).')
        seen: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not matches(self._item_pattern, item):
                raise ConfigProblem(
                    f"{quote(item)} is not a sort field of {self.of}; use one of {', '.join(self.fields)}, "
                    "optionally followed by :asc or :desc.",
                    at=f"[{index}]",
                )
            field = item.partition(":")[0]
            if field in seen:
                raise ConfigProblem(f"names the field {quote(field)} more than once.")
            seen.append(field)
        return tuple(value) + (() if SORT_TIE_BREAKER in seen else (SORT_TIE_BREAKER,))

    @property
    def _item_pattern(self) -> str:
        return whole(f"(?:{'|'.join(self.fields)})(?::(?:{'|'.join(SORT_DIRECTIONS)}))?")

    def schema(self) -> dict[str, object]:
        # "Each field once": uniqueItems refuses the same item twice, `not` two spellings of a field
        # ("id" with "id:asc" or "id:desc", and "id:asc" with "id:desc").
        asc, desc = (f":{direction}" for direction in SORT_DIRECTIONS)
        same_field = [
            {"allOf": [{"contains": {"const": first}}, {"contains": {"enum": others}}]}
            for field in self.fields
            for first, others in ((field, [field + asc, field + desc]), (field + asc, [field + desc]))
        ]
        return {
            "type": ["array", "null"],
            "items": {"type": "string", "pattern": self._item_pattern},
            "uniqueItems": True,
            "not": {"type": "array", "anyOf": same_field},  # `contains` holds for anything but a list
        }


def is_loopback(hostname: str) -> bool:
    if hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


def quote(value: object) -> str:
    """A short JSON rendering of a user value for a message (never used for credentials)."""
    text = json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def integer(value: object) -> int | None:
    """The integer a JSON number stands for (50, or 50.0: JSON Schema counts both as integers), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _positive_integer(value: object) -> int | None:
    number = integer(value)
    return number if number is not None and number > 0 else None


def _positive_integers(value: object) -> list[int] | None:
    if not isinstance(value, list):
        return None
    numbers = [number for number in map(_positive_integer, value) if number is not None]
    return numbers if len(numbers) == len(value) else None


POSITIVE_ID = Plain({"type": "integer", "minimum": 1}, _positive_integer, "a positive integer id")
POSITIVE_IDS = Plain(
    {"type": "array", "items": {"type": "integer", "minimum": 1}},
    _positive_integers,
    "a list of positive integer ids such as [1, 2]",
)
TEXT = Plain({"type": "string"}, lambda value: value if isinstance(value, str) else None, "a string")
FLAG = Plain({"type": "boolean"}, lambda value: value if isinstance(value, bool) else None, "true or false")
