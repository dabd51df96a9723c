"""The destination's spec and config (config.py): the documented shape, Ruddr's connection fields
and messages as the source's Ruddr block has them but named at the top level, unknown fields
rejected, and the spec's JSON schema agreeing with the validation."""

import logging

import jsonschema
import pytest
from airbyte_cdk.models import DestinationSyncMode
from airbyte_cdk.test.standard_tests._spec_lint import find_secret_marking_errors

from destination_ruddr import DestinationRuddr
from destination_ruddr.config import parse_config
from source_stages.source_config import parse_config as parse_source_config
from stage_apis.config.validation import ConfigError
from test_support.destination_messages import SALES_ID
from test_support.mock_http.config import RUDDR_KEY

SPEC = DestinationRuddr().spec(logging.getLogger())
SCHEMA = SPEC.connectionSpecification
KEY = {"api_key": RUDDR_KEY}


def message(raw) -> str:
    with pytest.raises(ConfigError) as raised:
        parse_config(raw)
    return raised.value.message


def test_the_issues_config_shape_with_its_defaults():
    config = parse_config(KEY)
    assert list(SCHEMA["properties"]) == ["api_key", "base_url", "max_requests_per_second", "default_pipeline_id",
                                          "on_existing", "dry_run"]
    assert (config.base_url, config.max_requests_per_second, config.default_pipeline_id, config.on_existing,
            config.dry_run) == ("https://www.ruddr.io/api/workspace", 20, None, "update", False)
    assert SCHEMA["required"] == ["api_key"] and SCHEMA["additionalProperties"] is False


def test_the_spec_marks_the_key_secret_and_offers_append_and_append_dedup():
    assert find_secret_marking_errors(SCHEMA) == []
    assert SCHEMA["properties"]["api_key"]["airbyte_secret"] is True
    assert SPEC.supported_destination_sync_modes == [DestinationSyncMode.append, DestinationSyncMode.append_dedup]


def test_the_connection_fields_are_the_source_ruddr_blocks_with_top_level_paths():
    with pytest.raises(ConfigError) as raised:
        parse_source_config({"ruddr": {"api_key": ""}})
    assert message({"api_key": ""}) == raised.value.message.replace("ruddr.api_key", "api_key")
    assert message({"api_key": ""}).endswith("and paste it into `api_key`.")


@pytest.mark.parametrize("raw, expected", [
    ({**KEY, "on_existing": "replace"}, 'Invalid config: `on_existing` must be one of update, skip (got "replace").'),
    ({**KEY, "dry_run": "yes"}, 'Invalid config: `dry_run` must be true or false (got "yes").'),
    ({**KEY, "dry_run": ""}, 'Invalid config: `dry_run` must be true or false (got "").'),
    ({**KEY, "default_pipeline_id": "sales"},
     'Invalid config: `default_pipeline_id` must be a UUID such as 3f2b1c9e-8d7a-4e6f-9b1a-2c3d4e5f6a7b (got "sales").'),
    ({**KEY, "pipeline": "x"}, "Invalid config: unknown field `pipeline`; allowed here: api_key, base_url, "
                               "max_requests_per_second, default_pipeline_id, on_existing, dry_run."),
    ({**KEY, "base_url": "http://ruddr.example.com/api"}, "Invalid config: `base_url` uses http:// for the host "
     '"ruddr.example.com"; plain http is allowed only for a loopback host (127.0.0.0/8, ::1, localhost), so that a '
     "credential never travels in clear. Use https://."),
    ({**KEY, "max_requests_per_second": 0}, "Invalid config: `max_requests_per_second` must be an integer from 1 to "
                                            "1000 (got 0)."),
])
def test_bad_values_are_named_with_the_kinds_messages(raw, expected):
    assert message(raw) == expected


def test_http_to_loopback_is_allowed_and_blank_optional_fields_mean_their_defaults():
    # Blank: null, or the empty value of the field's own JSON type ("" for the text on_existing; a
    # boolean has none, so "" for dry_run is refused, as the spec's `"type": ["boolean", "null"]` does).
    config = parse_config({**KEY, "base_url": "http://127.0.0.1:8080/api/workspace/", "on_existing": "",
                           "dry_run": None, "default_pipeline_id": SALES_ID.upper()})
    assert (config.base_url, config.on_existing, config.dry_run) == ("http://127.0.0.1:8080/api/workspace", "update",
                                                                    False)
    assert config.default_pipeline_id == SALES_ID


@pytest.mark.parametrize("raw", [
    {**KEY, "on_existing": "skip", "dry_run": True, "default_pipeline_id": SALES_ID},
    {**KEY, "on_existing": "replace"},
    {**KEY, "extra": 1},
    {**KEY, "max_requests_per_second": 1001},
    {**KEY, "on_existing": None, "dry_run": None, "default_pipeline_id": None},
    {**KEY, "dry_run": ""},
    {**KEY, "default_pipeline_id": "sales"},
    {"base_url": "https://www.ruddr.io/api/workspace"},
])
def test_the_spec_json_schema_and_the_validation_agree(raw):
    try:
        parse_config(raw)
        valid = True
    except ConfigError:
        valid = False
    assert jsonschema.Draft7Validator(SCHEMA).is_valid(raw) == valid
