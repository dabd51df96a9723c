"""The config's objects as pydantic models.

Every block first rejects fields it does not know, naming the allowed ones, and only then checks
its fields, each with its kind (config/kinds.py). The first problem found is the one reported.
`EndpointOptions` is one list endpoint's filters and sort: a filter field says in its type
whether the API applies it (`Query`) or the connector does (`RecordField`), and its sort field
says so with the `SortBy` kind.

A message may name a field of the block it is about as `` `{name}` ``: `with_paths` writes the
field's dotted path there (`ruddr.api_key` in the source's config, `api_key` at the top level of
the destination's), from the block's place, which validation sets (config/validation.py).
"""

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, TypeAlias, TypedDict, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError

from stage_apis.config.kinds import TEXT, ConfigProblem, SortBy

UNKNOWN_FIELD = "config_unknown_field"  # the pydantic error type of a field no block knows
_FIELD_NAMED = re.compile(r"`\{([a-z_][a-z0-9_]*)\}`")


def dotted(block_path: str, name: str) -> str:
    return f"{block_path}.{name}" if block_path else name


def fill_paths(text: str, block_path: str) -> str:
    """`text` with each `` `{name}` `` replaced by the dotted path of the field `name` of the block
    at `block_path` ("" for the top level)."""
    return _FIELD_NAMED.sub(lambda found: f"`{dotted(block_path, found[1])}`", text)


class ConfigBlock(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # Fields a user may try that this block does not offer, with the sentence that says why.
    unsupported: ClassVar[Mapping[str, str]] = {}
    _path: str = PrivateAttr("")  # its dotted place in the config: "" at the top level

    def place(self, path: str) -> None:
        """Records where this block and the blocks inside it sit in the config."""
        self._path = path
        for name, value in self:
            if isinstance(value, ConfigBlock):
                value.place(dotted(path, name))

    def path_of(self, name: str) -> str:
        """The dotted path of one of its fields."""
        return dotted(self._path, name)

    def with_paths(self, text: str) -> str:
        return fill_paths(text, self._path)

    @classmethod
    def prepare(cls, data: dict[str, object]) -> dict[str, object]:
        """The block's raw fields before they are checked (a hook for subclasses)."""
        return data

    @model_validator(mode="before")
    @classmethod
    def _known_fields_only(cls, data: object) -> object:
        # Not null either: an optional block is left out (the spec's `"type": "object"`, which the
        # Airbyte form needs to render a block, refuses null).
        if not isinstance(data, Mapping):
            raise ConfigProblem("must be an object.").as_pydantic_error()
        data = cls.prepare(dict(data))
        for key in data:
            if key in cls.unsupported:
                raise ConfigProblem(cls.unsupported[key], at=f".{key}").as_pydantic_error()
            if key not in cls.model_fields:
                raise PydanticCustomError(
                    UNKNOWN_FIELD, "unknown field", {"field": key, "allowed": list(cls.model_fields)}
                )
        return data


# What a field helper returns: pydantic's `Field(...)`, which pydantic types as Any so that it can
# stand as the default of a field of any type (`name: str = field(...)`). The product's one Any.
FieldDefault: TypeAlias = Any  # type: ignore[explicit-any]  # pydantic's Field() is Any-typed by design (see above)


class _FieldTexts(TypedDict):
    title: str
    description: str
    examples: list[object] | None
    json_schema_extra: JsonDict


def field(
    order: int,
    title: str,
    description: str,
    default: object = None,
    *,
    default_factory: Callable[[], object] | None = None,
    examples: list[object] | None = None,
    validate_default: bool = False,
) -> FieldDefault:
    """A field as the spec shows it: its place in the form, title, description and default
    (`...` for a required field; a `default_factory` replaces `default`)."""
    texts = _FieldTexts(title=title, description=description, examples=examples, json_schema_extra={"order": order})
    if default_factory is not None:
        return Field(default_factory=default_factory, **texts)
    if validate_default:
        return Field(default, validate_default=True, **texts)
    return Field(default, **texts)


@dataclass(frozen=True)
class Query:
    """The filter is sent to the API as this query parameter."""

    param: str


@dataclass(frozen=True)
class RecordField:
    """The API cannot apply the filter: the connector keeps the records whose field equals it."""

    field: str


Marker = TypeVar("Marker", Query, RecordField, SortBy)  # what a field's metadata says about its filter
RecordPredicate = Callable[[Mapping[str, object]], bool]

ExactName = Annotated[str | None, TEXT, Query("name")]  # both APIs filter names on the server


def exact_name_field(order: int, noun: str, example: str, sent_to: str = "") -> FieldDefault:
    description = f"Only the {noun} with exactly this name{sent_to}. An empty string means no filter."
    return field(order, "Name", description, examples=[example])


def options_field(order: int, options: type["EndpointOptions"]) -> FieldDefault:
    """An API block's field holding one endpoint's options; left out, no filter and the default sort."""
    return field(order, options.title, options.description, default_factory=options)


class EndpointOptions(ConfigBlock):
    title: ClassVar[str]  # of the block in the spec
    description: ClassVar[str]

    def query_params(self) -> dict[str, str]:
        """The filters the API applies, as query parameters; the same on every page."""
        return {target.param: encode_query_value(value) for target, value in self._set_filters(Query)}

    def record_filter(self) -> RecordPredicate | None:
        """The filters the API cannot apply, as one test of a record (None when there are none)."""
        wanted: list[tuple[str, object]] = [(target.field, value) for target, value in self._set_filters(RecordField)]
        if not wanted:
            return None
        return lambda record: all(record.get(name) == value for name, value in wanted)

    @property
    def sort_items(self) -> tuple[str, ...]:
        """The sort order asked of the API (tie-breaker included); empty for a list that cannot be sorted."""
        # The value of a SortBy field is what SortBy.check returns.
        return next((cast(tuple[str, ...], value) for _, value in self._set_filters(SortBy)), ())

    def _set_filters(self, target_type: type[Marker]) -> Iterator[tuple[Marker, object]]:
        """(its marker of `target_type`, value) of each field that has one and is set."""
        fields = type(self).model_fields
        for name, value in self:
            target = next((item for item in fields[name].metadata if isinstance(item, target_type)), None)
            if target is not None and value is not None:
                yield target, value


def encode_query_value(value: object) -> str:
    """Booleans as true/false, lists comma-separated (how both APIs spell them)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(encode_query_value(item) for item in value)
    return str(value)
