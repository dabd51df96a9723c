"""The printed specs, the source's and the destination's, say what the config validation accepts, as
a platform or a tool would check them: JSON Schema Draft 7 with its format checker on.

- Every config generated from a spec (hypothesis-jsonschema) passes the validation.
- Near misses of a valid config (one value replaced by a value of another type, null, an empty
  string, a bad UUID, a number out of range, a URL or a sort list that is just wrong; a field
  dropped; an unknown field added; a provider block left out) get the same verdict from both.

Airbyte's internal keys (`_limit`, `_page_size`) are not part of either: the CDK takes them out of
a config before it is validated."""

import logging
from typing import Any, Callable, Dict, Iterator, List, Mapping, Tuple

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from jsonschema import Draft7Validator

from destination_ruddr import DestinationRuddr
from destination_ruddr.config import parse_config as parse_destination_config
from source_stages import SourceStages
from stage_apis.config.validation import ConfigError
from source_stages.source_config import parse_config as parse_source_config

SOURCE_SPEC = SourceStages().spec(logging.getLogger()).connectionSpecification
DESTINATION_SPEC = DestinationRuddr().spec(logging.getLogger()).connectionSpecification
UUID = "3f2b1c9e-8d7a-4e6f-9b1a-2c3d4e5f6a7b"
# Generating from the whole spec costs about 0.1 s a config, so these counts stay small; the near
# misses start from the valid configs below instead.
EXAMPLES = settings(max_examples=25, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

SOURCE_CONFIGS = [
    {"zendesk_sell": {"access_token": "token-1"}},
    {"ruddr": {"api_key": "key-1"}},
    {
        "zendesk_sell": {
            "access_token": "token-1", "base_url": "https://api.getbase.com", "max_requests_per_second": 10,
            "stages": {"pipeline_id": 1, "ids": [1, 2], "name": "Won", "active": True, "sort_by": ["position:desc", "id"]},
            "pipelines": {"ids": [1], "name": "Sales", "disabled": False, "sort_by": ["name"]},
        },
        "ruddr": {
            "api_key": "key-1", "base_url": "http://127.0.0.1:8000/api/workspace", "max_requests_per_second": 20,
            "opportunity_stages": {"name": "Won", "opportunity_pipeline_id": UUID, "status_id": "won", "is_active": True},
            "opportunity_pipelines": {"name": "Sales", "is_active": False},
        },
        "page_size": 100,
    },
]
DESTINATION_CONFIGS = [
    {"api_key": "key-1"},
    {"api_key": "key-1", "base_url": "https://www.ruddr.io/api/workspace", "max_requests_per_second": 20,
     "default_pipeline_id": UUID, "on_existing": "skip", "dry_run": True},
]

# Values a near miss puts in place of one field's value.
NEAR_MISSES = [
    None, "", " ", [], {}, True, False, 0, -1, 1, 1.0, 1.5, 100, 101, 1000, 1001, 2**63, "1", "yes",
    "not-a-uuid", UUID, UUID.upper(), UUID[:-1], UUID.replace("-", ""), "{" + UUID + "}", UUID + "\n",
    "open", "won", "closed", "update", "skip", "replace",
    "token-1234", "tok en", "token\n", "ключ", "tab\there",
    "https://api.example.com", "https://api.example.com/v2/", "http://127.0.0.1:8000", "http://localhost/api",
    "http://[::1]:8000/api/workspace", "http://example.com", "http://localhost.example.com", "https://user:pw@host",
    "https://host?x=1", "https://host#top", "https://", "https://host:99999", "https://host:8443", "HTTPS://host",
    "ftp://host", "https://exa mple.com", "https://api.example.com\n",
    ["id"], ["id", "id"], ["id", "id:desc"], ["name:up"], ["position:desc", "id"], ["name", "name:asc"], [1, 2], [0],
    [1.0], ["1"], [None],
]


VALIDATORS = {id(spec): Draft7Validator(spec, format_checker=Draft7Validator.FORMAT_CHECKER)
              for spec in (SOURCE_SPEC, DESTINATION_SPEC)}


def accepted_by_the_spec(spec: Mapping[str, Any], config: Any) -> bool:
    return VALIDATORS[id(spec)].is_valid(config)


def accepted_by_the_validation(parse: Callable[[Any], Any], config: Any) -> bool:
    try:
        parse(config)
    except ConfigError:
        return False
    return True


def field_paths(schema: Mapping[str, Any], prefix: Tuple[str, ...] = ()) -> Iterator[Tuple[str, ...]]:
    """Every field of the spec, nested blocks' fields included."""
    for name, subschema in schema.get("properties", {}).items():
        yield prefix + (name,)
        yield from field_paths(subschema, prefix + (name,))


def with_value_at(config: Dict[str, Any], path: Tuple[str, ...], change: Callable[[Dict[str, Any], str], None]) -> Dict[str, Any]:
    """A copy of the config with `change(block, key)` applied where the path ends (blocks on the way
    are created as needed; a value on the way that is not a block is replaced by one)."""
    copy = _deep_copy(config)
    block = copy
    for name in path[:-1]:
        if not isinstance(block.get(name), dict):
            block[name] = {}
        block = block[name]
    change(block, path[-1])
    return copy


def _deep_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _deep_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_deep_copy(item) for item in value]
    return value


@st.composite
def near_misses(draw, spec: Mapping[str, Any], configs: List[Dict[str, Any]]) -> Dict[str, Any]:
    config = draw(st.sampled_from(configs))
    path = draw(st.sampled_from(list(field_paths(spec))))
    kind = draw(st.sampled_from(["value", "value", "value", "drop", "unknown field"]))
    if kind == "value":
        value = draw(st.sampled_from(NEAR_MISSES))
        return with_value_at(config, path, lambda block, key: block.__setitem__(key, _deep_copy(value)))
    if kind == "drop":
        return with_value_at(config, path, lambda block, key: block.pop(key, None))
    return with_value_at(config, path, lambda block, key: block.__setitem__(key + "_x", 1))


def assert_same_verdict(spec: Mapping[str, Any], parse: Callable[[Any], Any], config: Any) -> None:
    by_spec, by_validation = accepted_by_the_spec(spec, config), accepted_by_the_validation(parse, config)
    assert by_spec == by_validation, f"spec {'accepts' if by_spec else 'refuses'}, validation " \
                                     f"{'accepts' if by_validation else 'refuses'}: {config!r}"


@EXAMPLES
@given(from_schema(SOURCE_SPEC))
def test_every_source_config_generated_from_the_spec_passes_the_validation(config) -> None:
    parse_source_config(config)


@EXAMPLES
@given(from_schema(DESTINATION_SPEC))
def test_every_destination_config_generated_from_the_spec_passes_the_validation(config) -> None:
    parse_destination_config(config)


def test_the_valid_configs_the_near_misses_start_from_are_valid_for_both() -> None:
    for spec, parse, configs in ((SOURCE_SPEC, parse_source_config, SOURCE_CONFIGS),
                                 (DESTINATION_SPEC, parse_destination_config, DESTINATION_CONFIGS)):
        for config in configs:
            assert accepted_by_the_spec(spec, config) and accepted_by_the_validation(parse, config), config


@settings(EXAMPLES, max_examples=300)
@given(near_misses(SOURCE_SPEC, SOURCE_CONFIGS))
@example({})
@example({"page_size": 100})
@example({"zendesk_sell": None, "ruddr": {"api_key": "k"}})
@example({"ruddr": {"api_key": "k", "opportunity_stages": {"status_id": None, "is_active": None, "name": None}}})
@example({"ruddr": {"api_key": "k", "opportunity_stages": {"opportunity_pipeline_id": "not-a-uuid"}}})
@example({"zendesk_sell": {"access_token": "t", "stages": {"pipeline_id": None, "ids": None, "sort_by": None}}})
def test_the_source_spec_and_validation_give_the_same_verdict_on_near_misses(config) -> None:
    assert_same_verdict(SOURCE_SPEC, parse_source_config, config)


@settings(EXAMPLES, max_examples=150)
@given(near_misses(DESTINATION_SPEC, DESTINATION_CONFIGS))
@example({})
@example({"api_key": "k", "default_pipeline_id": None, "on_existing": None, "dry_run": None})
@example({"api_key": "k", "default_pipeline_id": "not-a-uuid"})
def test_the_destination_spec_and_validation_give_the_same_verdict_on_near_misses(config) -> None:
    assert_same_verdict(DESTINATION_SPEC, parse_destination_config, config)


def test_the_spec_uses_no_format_draft_7_does_not_check() -> None:
    """`format` values outside Draft 7's list (such as "uuid") are ignored by its validators."""
    def formats(schema: Any) -> List[str]:
        if isinstance(schema, dict):
            return ([schema["format"]] if isinstance(schema.get("format"), str) else []) + [
                found for value in schema.values() for found in formats(value)]
        return [found for item in schema for found in formats(item)] if isinstance(schema, list) else []

    assert set(formats(SOURCE_SPEC)) | set(formats(DESTINATION_SPEC)) <= set(Draft7Validator.FORMAT_CHECKER.checkers)
