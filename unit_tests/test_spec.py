"""The spec `spec` prints, generated from the config model: the form a user fills in means what the
recorded spec means (resource/connection_specification.json: the spec.yaml of 0.1.0, then issue 17's
changes so that a Draft 7 validator agrees with the connector), every bad config of the validation
tests is refused by it too, and both credentials are secret."""

import json
import logging
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from airbyte_cdk.test.standard_tests._spec_lint import find_secret_marking_errors

from source_stages import SourceStages
from source_stages.providers import PROVIDERS
from source_stages.source_config import parse_config
from stage_apis.config.blocks import RecordField
from unit_tests.test_config import BAD_CONFIGS

SPEC = SourceStages().spec(logging.getLogger()).connectionSpecification
HAND_WRITTEN = json.loads((Path(__file__).parent / "resource" / "connection_specification.json").read_text())
TEXTS = ("description", "examples")  # what may be reworded without changing the form

def meaning(schema: Any) -> Any:
    """The schema less its texts: fields, types, defaults, limits, patterns, enums, secrets, order, required."""
    if isinstance(schema, dict):
        return {key: meaning(value) for key, value in schema.items() if key not in TEXTS}
    if isinstance(schema, list):
        return [meaning(item) for item in schema]
    return schema


def test_the_form_means_what_the_hand_written_spec_meant() -> None:
    assert meaning(SPEC) == meaning(HAND_WRITTEN)


def test_the_credentials_are_marked_secret_and_the_cdk_lint_passes() -> None:
    for provider in PROVIDERS:
        block, credential = SPEC["properties"][provider.api.key], provider.config.credential_field()
        assert block["properties"][credential]["airbyte_secret"] is True
        assert block["required"] == [credential]
    assert find_secret_marking_errors(SPEC) == []


@pytest.mark.parametrize("stream", [s for provider in PROVIDERS for s in provider.streams], ids=lambda s: s.name)
def test_a_filter_says_it_is_applied_by_the_connector_exactly_when_it_is(stream) -> None:
    for name, info in stream.options_model.model_fields.items():
        applied_by_the_connector = any(isinstance(item, RecordField) for item in info.metadata)
        assert ("Applied by the connector" in info.description) is applied_by_the_connector, name


def test_a_config_with_every_field_set_is_valid_for_the_spec_and_for_the_validation() -> None:
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


@pytest.mark.parametrize("raw", [raw for _, raw, _ in BAD_CONFIGS], ids=[name for name, _, _ in BAD_CONFIGS])
def test_the_spec_refuses_every_bad_config_of_the_validation_tests(raw) -> None:
    # Each one (the spec and the validation agree on generated configs: test_spec_agrees_with_validation.py).
    assert not jsonschema.Draft7Validator(SPEC, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).is_valid(raw)
