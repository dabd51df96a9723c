"""Which Ruddr pipeline a record goes to (pipelines.py): its own Ruddr pipeline id if this workspace
has it, else the pipeline of its `pipeline_name`, else `default_pipeline_id`, else none."""

from destination_ruddr.input_stages import RUDDR_STREAM, UNIFIED_STREAM, input_stage
from destination_ruddr.pipelines import Pipelines
from destination_ruddr.seed_rules import Problem
from stage_apis.ruddr.rules import PIPELINE_FIELD
from test_support.destination_messages import PIPELINES, RENEWALS_ID, SALES_ID, unified

OTHER_WORKSPACES_ID = "0c9d7e1a-2b3c-4d5e-8f60-718293a4b5c6"


def resolved(record: dict, default_id: str | None = None, pipelines=PIPELINES, stream: str = UNIFIED_STREAM) -> object:
    return Pipelines(pipelines, default_id).resolve(input_stage(stream, record, 1))


def test_a_ruddr_record_goes_to_its_own_pipeline_written_in_any_case():
    assert resolved({"name": "Lead", PIPELINE_FIELD: SALES_ID.upper()}, stream=RUDDR_STREAM) == SALES_ID


def test_a_unified_record_of_ruddr_goes_to_its_own_pipeline_before_its_name():
    record = unified("Lead", "Renewals", source="ruddr", pipeline_id=SALES_ID)

    assert resolved(record) == SALES_ID


def test_an_id_of_another_workspace_or_of_zendesk_sell_goes_by_name():
    assert resolved(unified("Lead", "Renewals", source="ruddr", pipeline_id=OTHER_WORKSPACES_ID)) == RENEWALS_ID
    assert resolved(unified("Lead", "Renewals", pipeline_id=SALES_ID)) == RENEWALS_ID  # a Zendesk Sell id: not Ruddr's


def test_a_record_whose_pipeline_is_not_found_goes_to_the_default_pipeline():
    assert resolved(unified("Lead", "No such pipeline"), default_id=RENEWALS_ID) == RENEWALS_ID


def test_without_a_default_pipeline_the_record_has_none_and_the_problem_says_what_was_tried():
    record = unified("Lead", "No such pipeline", source="ruddr", pipeline_id=OTHER_WORKSPACES_ID)

    assert resolved(record) == Problem(
        PIPELINE_FIELD,
        f'has no Ruddr pipeline: its pipeline id "{OTHER_WORKSPACES_ID}" is not a pipeline of this workspace, no Ruddr '
        'pipeline is named "No such pipeline", and no default_pipeline_id is set',
    )


def test_a_name_that_two_ruddr_pipelines_hold_is_ambiguous_even_with_a_default():
    twins = [*PIPELINES, {"id": OTHER_WORKSPACES_ID, "name": "Renewals"}]

    assert resolved(unified("Lead", "Renewals"), default_id=SALES_ID, pipelines=twins) == Problem(
        PIPELINE_FIELD, 'is ambiguous: 2 Ruddr pipelines are named "Renewals"; rename all but one in Ruddr'
    )
