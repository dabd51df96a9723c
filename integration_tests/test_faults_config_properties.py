"""Property test of config handling: configs generated from the spec's own JSON schema, some
left valid, some mutated (a value of another type, a field dropped, an unknown field). Whatever
comes in, the answer is either a working config or a config_error whose message starts
"Invalid config:", never another exception, never a hang, never a credential in the message.

Bounded: a few dozen examples of the source's validation and stream construction (no network),
plus a handful of `check` runs through the entrypoint against the sandbox."""

import json
import logging
from typing import Any, Mapping

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox import unique_credentials
from sandbox.connectors import base_urls
from source_stages.source import SourceStages
from source_stages.source_config import parse_config
from stage_apis.config.validation import ConfigError
from test_support.runs import run_connector

SPEC = SourceStages().spec(logging.getLogger("airbyte")).connectionSpecification
SECRETS = unique_credentials()

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def from_schema(schema: Mapping[str, Any]) -> st.SearchStrategy:
    """A value the schema describes, or now and then a mutation of it."""
    return st.one_of(_valid(schema), _valid(schema), _valid(schema), json_values)


def _valid(schema: Mapping[str, Any]) -> st.SearchStrategy:
    if schema.get("airbyte_secret"):
        return st.sampled_from(SECRETS)
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    kind = next((k for k in kind if k != "null"), "null") if isinstance(kind, list) else kind
    if kind == "object":
        return _object(schema)
    if kind == "array":
        return st.lists(from_schema(schema.get("items", {})), max_size=3)
    if kind == "integer":
        return st.integers(schema.get("minimum", -5) - 1, schema.get("maximum", 2**31) + 1)
    if kind == "boolean":
        return st.booleans()
    if kind == "string":
        examples = [*schema.get("examples", []), *([schema["default"]] if "default" in schema else [])]
        return st.sampled_from(examples) | st.text(max_size=30) if examples else st.text(max_size=30)
    return json_values


@st.composite
def _object(draw, schema: Mapping[str, Any]) -> dict:
    result = {}
    for name, subschema in schema.get("properties", {}).items():
        if name in schema.get("required", []) or draw(st.booleans()):
            result[name] = draw(from_schema(subschema))
    if draw(st.integers(0, 9)) == 0:
        result[draw(st.text(min_size=1, max_size=8))] = draw(json_values)  # an unknown field
    if result and draw(st.integers(0, 9)) == 0:
        del result[draw(st.sampled_from(sorted(result)))]  # a required one, perhaps
    return result


configs = from_schema(SPEC)


@settings(max_examples=40, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(configs)
def test_any_config_is_accepted_or_a_config_error_without_a_secret(config) -> None:
    try:
        parse_config(config)
        streams = SourceStages().streams(config)
    except ConfigError as error:
        assert error.failure_type.value == "config_error"
        assert error.message.startswith("Invalid config: ")
        assert not any(secret in error.message for secret in SECRETS)
    else:
        assert streams  # at least one provider's streams


def point_at(sandbox, config: Any) -> Any:
    """The generated config with every provider block's base_url on the sandbox (no other host)."""
    if not isinstance(config, dict):
        return config
    urls = base_urls(sandbox)
    return {key: ({**value, "base_url": urls[key]} if key in urls and isinstance(value, dict) else value)
            for key, value in config.items()}


@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(configs)
def test_the_entrypoint_answers_any_config_without_traceback_or_secret(sandbox, config) -> None:
    config = point_at(sandbox, config)
    text = json.dumps(config)  # the file holds exactly this config, whatever its JSON type
    run = run_connector("check", text, debug=True)
    assert "Traceback" not in run.output
    assert not any(secret in line for line in run.output.split("\n") for secret in SECRETS)
    if not isinstance(config, dict):
        # The file is not a config at all: no check runs; every command ends like this.
        config_path = run.args[run.args.index("--config") + 1]
        message = f"Invalid config: the config file {config_path} must hold a JSON object."
        assert (run.exit_code, [(e["failure_type"], e["message"]) for e in run.error_traces]) == (1, [("config_error", message)])
        return
    status = run.connection_status
    try:
        parse_config(config)
    except ConfigError as error:
        assert (run.exit_code, status) == (0, {"status": "FAILED", "message": error.message})
    else:
        # The sandbox accepts only its own credentials, so a valid config fails on the 401.
        assert run.exit_code == 0 and status["status"] == "FAILED" and "(HTTP 401)" in status["message"]
