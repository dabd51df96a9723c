"""The kinds of value a config field holds.

A kind checks a raw JSON value strictly (no coercion: "1" is not an integer, 50.0 is not one
either, true is not a number), says in one sentence what is wrong with a bad value, and describes
its values for the spec. Fields declare their kind in their type, `Annotated[int, Bounded(1, 100)]`;
pydantic then calls the kind instead of its own validators, and the kind's sentence becomes the
message after the field's dotted path (config/errors.py). Values of credentials are never quoted.
"""

import ipaddress
import json
import uuid
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Tuple
from urllib.parse import urlsplit

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


class Kind:
    """A kind of value. Subclasses implement `check` (the validated value, or ConfigProblem) and
    `schema` (the JSON schema of the values, as the spec shows it)."""

    def check(self, value: Any) -> Any:
        raise NotImplementedError

    def schema(self) -> Dict[str, Any]:
        raise NotImplementedError

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(self._validate)

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Dict[str, Any]:
        return self.schema()

    def _validate(self, value: Any) -> Any:
        try:
            return self.check(value)
        except ConfigProblem as problem:
            raise problem.as_pydantic_error() from None


@dataclass(frozen=True)
class Bounded(Kind):
    low: int
    high: int

    def check(self, value: Any) -> int:
        if not _is_integer(value) or not self.low <= value <= self.high:
            raise ConfigProblem(f"must be an integer from {self.low} to {self.high} (got {quote(value)}).")
        return value

    def schema(self) -> Dict[str, Any]:
        return {"type": "integer", "minimum": self.low, "maximum": self.high}


@dataclass(frozen=True)
class Credential(Kind):
    """A token or key, sent as is: a CDK secret is masked by substring, so one with whitespace
    is rejected rather than stripped. `help` says where a user gets a new one."""

    help: str

    def check(self, value: Any) -> str:
        if value is None:
            raise ConfigProblem(f"is required: {self.help}.")
        if not isinstance(value, str):
            raise ConfigProblem("must be a string.")
        if not value.strip():
            raise ConfigProblem(f"is empty: {self.help}.")
        if any(character.isspace() or not character.isprintable() for character in value):
            raise ConfigProblem("contains spaces, line breaks or control characters; paste it without them.")
        return value

    def schema(self) -> Dict[str, Any]:
        return {"type": "string", "minLength": 1, "airbyte_secret": True}


@dataclass(frozen=True)
class ApiUrl(Kind):
    """An API's base URL: https://, or http:// to a loopback host only, so that a credential never
    travels in clear; no user name or password (the credential has its own field), no query."""

    example: str
    credential_path: str

    def check(self, value: Any) -> str:
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
                f"must not contain a user name or password; the credential belongs in `{self.credential_path}`."
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
        return value.rstrip("/")

    def schema(self) -> Dict[str, Any]:
        return {"type": "string"}


class Filter(Kind):
    """A filter value: absent, null, "" and [] all mean "no filter" and become None."""

    def check(self, value: Any) -> Any:
        if value is None or value == "" or value == []:
            return None
        return self.check_set(value)

    def check_set(self, value: Any) -> Any:
        raise NotImplementedError


@dataclass(frozen=True)
class Plain(Filter):
    """A filter value of one JSON type: `accepts` tells a good one, `expected` names it in messages."""

    json_schema: Dict[str, Any]
    accepts: Callable[[Any], bool]
    expected: str

    def check_set(self, value: Any) -> Any:
        if not self.accepts(value):
            raise ConfigProblem(f"must be {self.expected} (got {quote(value)}).")
        return value

    def schema(self) -> Dict[str, Any]:
        return self.json_schema


class Uuid(Filter):
    """A UUID in any case, kept in its canonical lower-case form."""

    def check_set(self, value: Any) -> str:
        try:
            return str(uuid.UUID(value))
        except (AttributeError, TypeError, ValueError):
            raise ConfigProblem(
                f"must be a UUID such as 3f2b1c9e-8d7a-4e6f-9b1a-2c3d4e5f6a7b (got {quote(value)})."
            ) from None

    def schema(self) -> Dict[str, Any]:
        return {"type": "string", "format": "uuid"}


@dataclass(frozen=True)
class OneOf(Filter):
    choices: Tuple[str, ...]

    def check_set(self, value: Any) -> str:
        if value not in self.choices:
            raise ConfigProblem(f"must be one of {', '.join(self.choices)} (got {quote(value)}).")
        return value

    def schema(self) -> Dict[str, Any]:
        return {"type": "string", "enum": list(self.choices)}


# The tie-breaker appended to every sort: ids are unique and immutable, so page boundaries are
# the same on every request of a read (page-number pagination needs that).
SORT_TIE_BREAKER = "id"
SORT_DIRECTIONS = ("asc", "desc")


@dataclass(frozen=True)
class SortBy(Kind):
    """A list of "field" or "field:asc|desc" items of `fields`, each field once; the tie-breaker
    is appended when missing. `of` names the list in messages ("Zendesk Sell stages")."""

    fields: Tuple[str, ...]
    of: str

    def check(self, value: Any) -> Tuple[str, ...]:
        if value is None or value == []:
            return (SORT_TIE_BREAKER,)
        if not isinstance(value, list):
            raise ConfigProblem(f'must be a list of sort fields such as ["position:desc", "id"] (got {quote(value)}).')
        seen: List[str] = []
        for index, item in enumerate(value):
            field, _, direction = item.partition(":") if isinstance(item, str) else ("", "", "")
            if field not in self.fields or (direction and direction not in SORT_DIRECTIONS):
                raise ConfigProblem(
                    f"{quote(item)} is not a sort field of {self.of}; use one of {', '.join(self.fields)}, "
                    "optionally followed by :asc or :desc.",
                    at=f"[{index}]",
                )
            if field in seen:
                raise ConfigProblem(f"names the field {quote(field)} more than once.")
            seen.append(field)
        return tuple(value) + (() if SORT_TIE_BREAKER in seen else (SORT_TIE_BREAKER,))

    def schema(self) -> Dict[str, Any]:
        pattern = f"^({'|'.join(self.fields)})(:({'|'.join(SORT_DIRECTIONS)}))?$"
        return {"type": "array", "items": {"type": "string", "pattern": pattern}, "uniqueItems": True}


def is_loopback(hostname: str) -> bool:
    if hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


def quote(value: Any) -> str:
    """A short JSON rendering of a user value for a message (never used for credentials)."""
    text = json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_positive_integer(value: Any) -> bool:
    return _is_integer(value) and value > 0


POSITIVE_ID = Plain({"type": "integer", "minimum": 1}, _is_positive_integer, "a positive integer id")
POSITIVE_IDS = Plain(
    {"type": "array", "items": {"type": "integer", "minimum": 1}},
    lambda value: isinstance(value, list) and all(map(_is_positive_integer, value)),
    "a list of positive integer ids such as [1, 2]",
)
TEXT = Plain({"type": "string"}, lambda value: isinstance(value, str), "a string")
FLAG = Plain({"type": "boolean"}, lambda value: isinstance(value, bool), "true or false")
