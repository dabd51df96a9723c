"""The spec's connectionSpecification, generated from a config model.

pydantic writes nested models as `$ref`s into `$defs` and optional fields as `anyOf [X, null]`
with a `null` default. The Airbyte form wants neither: each block is inlined where it is used (the
field's own title, description and order win over the block's), an optional field is shown as
its kind, and "no value" is shown as no default.
"""

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

JSON_SCHEMA_DRAFT = "http://json-schema.org/draft-07/schema#"
_NULL = {"type": "null"}


def connection_specification(model: type[BaseModel], title: str, description: str) -> dict[str, Any]:
    schema = model.model_json_schema()
    definitions = schema.pop("$defs", {})
    inlined = _inline(schema, definitions)
    return {"$schema": JSON_SCHEMA_DRAFT, **inlined, "title": title, "description": description}


def _inline(node: Any, definitions: Mapping[str, Any]) -> Any:
    if isinstance(node, list):
        return [_inline(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    node = dict(node)
    variants = node.get("anyOf")
    if variants is not None and _NULL in variants and len(variants) == 2:
        del node["anyOf"]
        (kind,) = [variant for variant in variants if variant != _NULL]
        node = {**kind, **node}
    reference = node.pop("$ref", None)
    if reference is not None:
        block = definitions[reference.rsplit("/", 1)[-1]]
        node = {**_without_block_texts(block), **node}
    if "default" in node and node["default"] is None:
        del node["default"]
    return {key: _inline(value, definitions) for key, value in node.items()}


def _without_block_texts(block: Mapping[str, Any]) -> dict[str, Any]:
    """A block's schema less the title and description pydantic takes from its class."""
    return {key: value for key, value in block.items() if key not in ("title", "description")}
