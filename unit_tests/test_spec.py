"""The spec: it loads, marks both credentials secret, and agrees with the endpoint table and with
config.py (defaults, filters, sort fields, and which bad configs each of them rejects)."""

import logging

import jsonschema
import pytest
from airbyte_cdk.test.standard_tests._spec_lint import find_secret_marking_errors

from source_stages import SourceStages
from source_stages import endpoints as ep
from source_stages.config import PAGE_SIZE_DEFAULT, parse_config
from source_stages.endpoints import ENDPOINTS
from source_stages.providers import PROVIDERS
from unit_tests.test_config import BAD_CONFIGS

SPEC = SourceStages().spec(logging.getLogger()).connectionSpecification
JSON_TYPES = {ep.INTEGER: "integer", ep.INTEGER_LIST: "array", ep.STRING: "string", ep.BOOLEAN: "boolean", ep.UUID: "string", ep.CHOICE: "string"}

# Bad configs the spec's JSON schema cannot express; config.py alone rejects them.
ONLY_CONFIG_PY_REJECTS = {
    "neither provider",  # "at least one of two optional blocks" is left out of the form on purpose
    "blank key",
    "key with a line break",
    "non-loopback http",
    "http to a name that only starts like localhost",
    "file scheme",
    "user and password in the URL",
    "no host",
    "query string",
    "sort field twice",  # uniqueItems sees "id" and "id:desc" as different
    "pipeline uuid invalid",  # draft-07 has no uuid format
    "page size 50.0",  # draft-07 counts 50.0 as an integer; config.py wants a JSON integer
}


def test_the_credentials_are_marked_secret_and_the_cdk_lint_passes() -> None:
    for provider in PROVIDERS:
        block = SPEC["properties"][provider.key]
        assert block["properties"][provider.credential_field]["airbyte_secret"] is True
        assert block["required"] == [provider.credential_field]
    assert find_secret_marking_errors(SPEC) == []


def test_defaults_are_the_ones_the_code_uses() -> None:
    assert SPEC["properties"]["page_size"]["default"] == PAGE_SIZE_DEFAULT
    assert (SPEC["properties"]["page_size"]["minimum"], SPEC["properties"]["page_size"]["maximum"]) == (1, 100)
    for provider in PROVIDERS:
        block = SPEC["properties"][provider.key]["properties"]
        assert block["base_url"]["default"] == provider.default_base_url
        assert block["max_requests_per_second"]["default"] == provider.default_requests_per_second


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.stream_name for e in ENDPOINTS])
def test_each_filter_object_lists_exactly_the_endpoint_tables_filters(endpoint) -> None:
    options = SPEC["properties"][endpoint.provider.key]["properties"][endpoint.config_key]["properties"]
    expected = [f.field for f in endpoint.filters] + (["sort_by"] if endpoint.sort_fields else [])
    assert list(options) == expected
    for declared in endpoint.filters:
        assert options[declared.field]["type"] == JSON_TYPES[declared.kind]
        described_as_client_side = "Applied by the connector" in options[declared.field]["description"]
        assert described_as_client_side is not declared.server_side
        if declared.choices:
            assert tuple(options[declared.field]["enum"]) == declared.choices
    if endpoint.sort_fields:
        pattern = options["sort_by"]["items"]["pattern"]
        validator = jsonschema.Draft7Validator({"type": "string", "pattern": pattern})
        for field in endpoint.sort_fields:
            for item in (field, f"{field}:asc", f"{field}:desc"):
                assert validator.is_valid(item)
        assert not validator.is_valid("color") and not validator.is_valid("id:up")
        assert options["sort_by"]["default"] == ["id"]


def test_the_brief_example_config_is_valid_for_the_spec_and_for_config_py() -> None:
    config = {
        "zendesk_sell": {
            "access_token": "t" * 20,
            "base_url": "https://api.getbase.com",
            "max_requests_per_second": 10,
            "stages": {"pipeline_id": 1, "ids": [1, 2], "name": "Won", "active": True, "sort_by": ["position:desc", "id"]},
            "pipelines": {"ids": [1], "name": "Sales", "disabled": False, "sort_by": ["name"]},
        },
        "ruddr": {
            "api_key": "k" * 20,
            "base_url": "https://www.ruddr.io/api/workspace",
            "max_requests_per_second": 20,
            "opportunity_stages": {"name": "Won", "opportunity_pipeline_id": "b9c85ac3-1a1d-4f31-a0c5-6e7d3d8ee0b2", "status_id": "won", "is_active": True},
            "opportunity_pipelines": {"name": "Sales", "is_active": True},
        },
        "page_size": 100,
    }
    jsonschema.validate(config, SPEC)
    parse_config(config)


@pytest.mark.parametrize("name, raw", [(name, raw) for name, raw, _ in BAD_CONFIGS], ids=[name for name, _, _ in BAD_CONFIGS])
def test_the_spec_rejects_every_bad_config_it_can_express(name: str, raw) -> None:
    assert jsonschema.Draft7Validator(SPEC).is_valid(raw) is (name in ONLY_CONFIG_PY_REJECTS)
