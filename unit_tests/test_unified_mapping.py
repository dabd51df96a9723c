"""The unified `stages` mapping (each API module's `unified_stage`), row by row of the mapping
table in docs/source-stages.md, for every category and status of both APIs, and the two open cases it decides."""

import json
from pathlib import Path

import jsonschema
import pytest

from source_stages.unified_mapping import ruddr_stage, zendesk_sell_stage

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "source_stages" / "schemas" / "stages.json").read_text())
ZENDESK_PIPELINES = {4294967311: "Archived\nold deals"}
RUDDR_PIPELINE = "3744393e-1212-4b02-b2b7-f8e0fde20a62"
RUDDR_PIPELINES = {RUDDR_PIPELINE: "Sales"}


def zendesk_stage(**fields) -> dict:
    stage = {
        "id": 3000000001, "name": "Legal review", "category": "in_progress", "active": True, "position": 5,
        "likelihood": 80, "pipeline_id": 4294967311, "created_at": "2019-03-04T08:15:02Z",
        "updated_at": "2024-05-06T07:08:09Z", "locale_key": None, "position_hash": "58cc", "has_original_name": False,
    }
    return {**stage, **fields}


def ruddr(**fields) -> dict:
    stage = {
        "id": "d9868dfe-da67-4a7e-8de8-456f7260e805", "name": "Negotiation", "description": "Terms under discussion.",
        "probability": 0.75, "statusId": "open", "isActive": True, "opportunityPipelineId": RUDDR_PIPELINE,
        "createdAt": "2024-01-15T09:04:00.000Z",
    }
    return {**stage, **fields}


def test_a_zendesk_sell_stage_maps_field_by_field() -> None:
    assert zendesk_sell_stage(zendesk_stage(), ZENDESK_PIPELINES) == {
        "source": "zendesk_sell",
        "id": "3000000001",
        "pipeline_id": "4294967311",
        "pipeline_name": "Archived\nold deals",
        "name": "Legal review",
        "description": None,
        "status": "open",
        "category": "in_progress",
        "win_probability": 0.8,
        "position": 5,
        "is_active": True,
        "created_at": "2019-03-04T08:15:02Z",
        "updated_at": "2024-05-06T07:08:09Z",
    }


def test_a_ruddr_stage_maps_field_by_field() -> None:
    assert ruddr_stage(ruddr(), RUDDR_PIPELINES) == {
        "source": "ruddr",
        "id": "d9868dfe-da67-4a7e-8de8-456f7260e805",
        "pipeline_id": RUDDR_PIPELINE,
        "pipeline_name": "Sales",
        "name": "Negotiation",
        "description": "Terms under discussion.",
        "status": "open",
        "category": "open",
        "win_probability": 0.75,
        "position": None,
        "is_active": True,
        "created_at": "2024-01-15T09:04:00.000Z",
        "updated_at": None,
    }


@pytest.mark.parametrize(
    "category, likelihood, status, win_probability",
    [
        ("incoming", 5, "open", 0.05),
        ("in_progress", 65, "open", 0.65),
        ("won", 100, "won", 1.0),
        ("lost", 0, "lost", 0.0),
        ("unqualified", 10, "lost", 0.1),
        # Decided stages without a likelihood (Zendesk Sell's default won/lost/unqualified).
        ("won", None, "won", 1.0),
        ("lost", None, "lost", 0.0),
        ("unqualified", None, "lost", 0.0),
        # Open without a likelihood: nothing says how likely.
        ("incoming", None, "open", None),
        ("in_progress", None, "open", None),
        # Categories the docs do not list: no status, no guessed probability.
        ("negotiation", None, None, None),
        ("negotiation", 40, None, 0.4),
        (None, None, None, None),
    ],
)
def test_zendesk_sell_category_gives_status_and_win_probability(category, likelihood, status, win_probability) -> None:
    record = zendesk_sell_stage(zendesk_stage(category=category, likelihood=likelihood), ZENDESK_PIPELINES)

    assert (record["status"], record["category"], record["win_probability"]) == (status, category, win_probability)


@pytest.mark.parametrize(
    "status_id, probability, status, win_probability",
    [
        ("open", 0.25, "open", 0.25),
        ("won", 1, "won", 1),
        ("lost", 0, "lost", 0),
        ("won", 0.9, "won", 0.9),  # the source's own figure wins over the decided default
        ("won", None, "won", 1.0),
        ("lost", None, "lost", 0.0),
        ("open", None, "open", None),
        ("paused", 0.5, None, 0.5),
        ("paused", None, None, None),
    ],
)
def test_ruddr_status_id_gives_status_category_and_win_probability(status_id, probability, status, win_probability) -> None:
    record = ruddr_stage(ruddr(statusId=status_id, probability=probability), RUDDR_PIPELINES)

    assert (record["status"], record["category"], record["win_probability"]) == (status, status_id, win_probability)


def test_likelihood_becomes_a_fraction_for_every_percentage() -> None:
    for likelihood in range(101):
        record = zendesk_sell_stage(zendesk_stage(likelihood=likelihood), ZENDESK_PIPELINES)
        assert record["win_probability"] == likelihood / 100
        assert 0 <= record["win_probability"] <= 1


def test_a_likelihood_that_is_not_a_number_counts_as_none() -> None:
    assert zendesk_sell_stage(zendesk_stage(likelihood="high"), ZENDESK_PIPELINES)["win_probability"] is None
    assert zendesk_sell_stage(zendesk_stage(category="won", likelihood=True), ZENDESK_PIPELINES)["win_probability"] == 1.0


def test_ids_become_strings_and_an_unknown_or_missing_pipeline_has_no_name() -> None:
    record = zendesk_sell_stage(zendesk_stage(id=7, pipeline_id=99), ZENDESK_PIPELINES)
    assert (record["id"], record["pipeline_id"], record["pipeline_name"]) == ("7", "99", None)

    legacy = {key: value for key, value in ruddr().items() if key != "opportunityPipelineId"}
    record = ruddr_stage(legacy, RUDDR_PIPELINES)
    assert (record["pipeline_id"], record["pipeline_name"]) == (None, None)


def test_zendesk_sell_active_and_position_and_ruddr_is_active_and_description() -> None:
    record = zendesk_sell_stage(zendesk_stage(active=False, position=12), ZENDESK_PIPELINES)
    assert (record["is_active"], record["position"], record["description"]) == (False, 12, None)

    record = ruddr_stage(ruddr(isActive=False, description=None), RUDDR_PIPELINES)
    assert (record["is_active"], record["position"], record["description"]) == (False, None, None)


@pytest.mark.parametrize("category", ["incoming", "in_progress", "won", "lost", "unqualified", "other", None])
@pytest.mark.parametrize("likelihood", [None, 0, 37, 100])
def test_every_zendesk_sell_mapping_validates_against_the_schema(category, likelihood) -> None:
    jsonschema.validate(zendesk_sell_stage(zendesk_stage(category=category, likelihood=likelihood), ZENDESK_PIPELINES), SCHEMA)


@pytest.mark.parametrize("status_id", ["open", "won", "lost", "other"])
@pytest.mark.parametrize("probability", [None, 0, 0.3333, 1])
def test_every_ruddr_mapping_validates_against_the_schema(status_id, probability) -> None:
    jsonschema.validate(ruddr_stage(ruddr(statusId=status_id, probability=probability), RUDDR_PIPELINES), SCHEMA)


def test_the_schema_describes_every_field_the_mapping_writes() -> None:
    fields = set(zendesk_sell_stage(zendesk_stage(), {})) | set(ruddr_stage(ruddr(), {}))

    assert fields == set(SCHEMA["properties"])
    for name, field in SCHEMA["properties"].items():
        assert field["description"], name
