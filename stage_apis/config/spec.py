"""The spec's connectionSpecification, generated from a config model.

pydantic writes nested models as `$ref`s into `$defs` and optional fields as `anyOf [X, null]`
with a `null` default. The Airbyte form wants neither: each block is inlined where it is used (the
field's own title, description and order win over the block's), an optional field is shown as
its kind, and "no value" is shown as no default.
"""

from pydantic import BaseModel
from pydantic.config import JsonDict, JsonValue

JSON_SCHEMA_DRAFT = "http://json-schema.org/draft-07/schema#"
_NULL = {"type": "null"}


def connection_specification(model: type[BaseModel], title: str, description: str) -> dict[str, object]:
    schema: JsonDict = model.model_json_schema()
    definitions = schema.pop("$defs", {})
    inlined = _inline_object(schema, definitions if isinstance(definitions, dict) else {})
    return {"$schema": JSON_SCHEMA_DRAFT, **inlined, "title": title, "description": description}


def _inline(node: JsonValue, definitions: JsonDict) -> JsonValue:
    if isinstance(node, list):
        return [_inline(item, definitions) for item in node]
    if isinstance(node, dict):
        return _inline_object(node, definitions)
    return node


def _inline_object(node: JsonDict, definitions: JsonDict) -> JsonDict:
    node = dict(node)
    variants = node.get("anyOf")
    if isinstance(variants, list) and _NULL in variants and len(variants) == 2:
        del node["anyOf"]
        (kind,) = [variant for variant in variants if variant != _NULL]
        if isinstance(kind, dict):
            node = {**kind, **node}
    reference = node.pop("$ref", None)
    if isinstance(reference, str):
        block = definitions[reference.rsplit("/", 1)[-1]]
        if isinstance(block, dict):
            node = {**_without_block_texts(block), **node}
    if "default" in node and node["default"] is None:
        del node["default"]
    return {key: _inline(value, definitions) for key, value in node.items()}


def _without_block_texts(block: JsonDict) -> JsonDict:
    """A block's schema less the title and description pydantic takes from its class."""
    return {key: value for key, value in block.items() if key not in ("title", "description")}
