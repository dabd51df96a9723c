"""Every stream has a schema that mirrors the API object: the recorded templates validate
against it, and every declared field appears in a template (no phantom columns)."""

import json
from pathlib import Path

import jsonschema
import pytest

from sandbox.connectors import ALL_STREAMS, RAW_STREAMS
from source_stages import SourceStages
from stage_apis.unified_stage import STAGE_STATUSES

CONFIG = {"zendesk_sell": {"access_token": "t" * 20}, "ruddr": {"api_key": "k" * 20}}
STREAMS = {stream.name: stream for stream in SourceStages().streams(CONFIG)}
TEMPLATES = Path(__file__).parent / "resource" / "http" / "response"


def _records(stream_name: str) -> list:
    body = json.loads((TEMPLATES / f"{stream_name}.json").read_text())
    return [item["data"] for item in body["items"]] if "items" in body else body["results"]


@pytest.mark.parametrize("stream_name", ALL_STREAMS)
def test_every_schema_lets_fields_it_does_not_declare_through(stream_name: str) -> None:
    assert STREAMS[stream_name].get_json_schema()["additionalProperties"] is True


@pytest.mark.parametrize("stream_name", RAW_STREAMS)
def test_schema_shape(stream_name: str) -> None:
    schema = STREAMS[stream_name].get_json_schema()
    assert schema["required"] == ["id"]
    expected_id = {"type": "integer"} if stream_name.startswith("zendesk_sell") else {"type": "string", "format": "uuid"}
    assert {k: v for k, v in schema["properties"]["id"].items() if k != "description"} == expected_id
    for name, field in schema["properties"].items():
        assert field.get("description"), name
        if name in ("created_at", "updated_at", "createdAt"):
            assert field["format"] == "date-time"


@pytest.mark.parametrize("stream_name", RAW_STREAMS)
def test_recorded_records_validate_and_cover_every_declared_field(stream_name: str) -> None:
    schema = STREAMS[stream_name].get_json_schema()
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    records = _records(stream_name)
    for record in records:
        validator.validate(record)
    seen = set().union(*(record.keys() for record in records))
    assert set(schema["properties"]) == seen


def test_documented_constraints() -> None:
    stages = STREAMS["ruddr_opportunity_stages"].get_json_schema()["properties"]
    assert (stages["probability"]["minimum"], stages["probability"]["maximum"]) == (0, 1)
    assert stages["statusId"]["enum"] == list(STAGE_STATUSES)
    assert STREAMS["stages"].get_json_schema()["properties"]["status"]["enum"] == [*STAGE_STATUSES, None]
    assert stages["name"]["maxLength"] == 255 and stages["description"]["maxLength"] == 5000
    assert stages["description"]["type"] == ["null", "string"]
    likelihood = STREAMS["zendesk_sell_stages"].get_json_schema()["properties"]["likelihood"]
    assert (likelihood["type"], likelihood["minimum"], likelihood["maximum"]) == (["null", "integer"], 0, 100)
