"""Schema drift: the CDK's TypeTransformer, made lossless and run only on records that need it.

A documented field of the wrong type is converted when no information is lost (the string "12"
in an integer field becomes 12, "0.45" in a number field 0.45, "true" in a boolean field true,
12 in a string field "12"); any other mismatch is emitted unchanged and the transformer logs a
warning naming the stream and the field. Fields the schema does not know pass through.

The CDK's transformer walks every record with a jsonschema validator, about 100 us a record.
Records whose documented fields already have their declared types (all of them, normally) are
recognised by a precompiled type check and skip it.
"""

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from airbyte_cdk.sources.utils.transform import TransformConfig, TypeTransformer
from jsonschema import ValidationError

_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "null": (type(None),),
    "boolean": (bool,),
    "integer": (int,),
    "number": (int, float),
    "string": (str,),
    "object": (dict,),
    "array": (list,),
}
_MISSING = object()
_UNCONVERTIBLE = object()


class SchemaNormalizer(TypeTransformer):
    def __init__(self, stream_name: str, schema: Mapping[str, object]):
        super().__init__(TransformConfig.CustomSchemaNormalization)
        self.registerCustomTransform(lossless_convert)
        self._stream_name = stream_name
        checks = _type_checks(schema)
        self._fields = tuple(field for field, _ in checks)
        self._allowed = tuple(allowed for _, allowed in checks)
        self._missing = tuple(_MISSING for _ in checks)
        # The types of a record's documented fields, as a tuple, and whether they conform:
        # a stream has a handful of such signatures, so each is judged once.
        self._verdicts: dict[tuple[type, ...], bool] = {}

    def transform(self, record: dict[str, object], schema: Mapping[str, object]) -> None:
        if not self._conforms(record):
            super().transform(record, schema)

    def get_error_message(self, e: ValidationError) -> str:
        return f"{self._stream_name}: {super().get_error_message(e)}; the value is emitted unchanged"

    def _conforms(self, record: Mapping[str, object]) -> bool:
        signature = tuple(map(type, map(record.get, self._fields, self._missing)))
        verdict = self._verdicts.get(signature)
        if verdict is None:
            verdict = self._verdicts[signature] = all(
                kind is object or kind in allowed for kind, allowed in zip(signature, self._allowed, strict=True)
            )
        return verdict


def _type_checks(schema: Mapping[str, object]) -> tuple[tuple[str, tuple[type, ...]], ...]:
    checks = []
    properties = schema.get("properties", {})
    for field, subschema in properties.items() if isinstance(properties, Mapping) else ():
        allowed: tuple[type, ...] = ()
        for json_type in _types(subschema):
            allowed += _PYTHON_TYPES[json_type]
        if allowed:
            checks.append((field, allowed))
    return tuple(checks)


def _types(subschema: Mapping[str, object]) -> list[str]:
    declared = subschema.get("type", [])
    if isinstance(declared, str):
        return [declared]
    return list(declared) if isinstance(declared, list) else []


def lossless_convert(value: object, subschema: dict[str, object]) -> object:
    """`value` converted to the schema's type when that loses nothing, else `value` itself."""
    types = _types(subschema)
    if any(type(value) in _PYTHON_TYPES.get(json_type, ()) for json_type in types):
        return value
    for json_type in types:
        converted = _CONVERTERS.get(json_type, _no_conversion)(value)
        if converted is not _UNCONVERTIBLE:
            return converted
    return value


def _no_conversion(value: object) -> object:
    return _UNCONVERTIBLE


def _to_integer(value: object) -> object:
    if isinstance(value, str):
        try:
            integer = int(value)
        except ValueError:
            return _UNCONVERTIBLE
        return integer if str(integer) == value else _UNCONVERTIBLE
    if type(value) is float and value.is_integer():
        return int(value)
    return _UNCONVERTIBLE


def _to_number(value: object) -> object:
    if not isinstance(value, str) or value != value.strip():
        return _UNCONVERTIBLE
    integer = _to_integer(value)
    if integer is not _UNCONVERTIBLE:
        return integer
    try:
        exact, number = Decimal(value), float(value)
    except (InvalidOperation, ValueError):
        return _UNCONVERTIBLE
    if not exact.is_finite() or Decimal(repr(number)) != exact:
        return _UNCONVERTIBLE
    return number


def _to_boolean(value: object) -> object:
    return {"true": True, "false": False}.get(value, _UNCONVERTIBLE) if isinstance(value, str) else _UNCONVERTIBLE


def _to_string(value: object) -> object:
    return str(value) if type(value) in (int, float) else _UNCONVERTIBLE


_CONVERTERS = {"integer": _to_integer, "number": _to_number, "boolean": _to_boolean, "string": _to_string}
