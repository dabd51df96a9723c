"""`write` against HttpMocker: the exact list calls, POST and PATCH bodies, in the source's order,
and the STATE messages only after the records before them are written."""

from unittest import TestCase

from airbyte_cdk.test.mock_http import HttpMocker

from unit_tests.destination.helpers import (
    LOGGER,
    PIPELINES,
    RENEWALS_ID,
    RUDDR_SHAPE,
    SALES_ID,
    UNIFIED,
    body,
    list_request,
    page,
    record,
    ruddr_request,
    ruddr_stage,
    state,
    states_of,
    unified,
    write,
    write_lazily,
)
from unit_tests.mock_http.responses import json_response, ruddr_ids

IDS = ruddr_ids(10, offset=100)


def mock_lists(http_mocker: HttpMocker, stages=()) -> None:
    http_mocker.get(list_request("opportunity-pipelines"), page(PIPELINES))
    http_mocker.get(list_request("opportunity-stages"), page(list(stages)))


def mock_create(http_mocker: HttpMocker, sent: dict, stage_id: str):
    request = ruddr_request("opportunity-stages", body=sent)
    http_mocker.post(request, json_response({"id": stage_id, **sent, "createdAt": "2025-01-01T00:00:00.000Z"}))
    return request


class TestCreate(TestCase):
    @HttpMocker()
    def test_unified_records_become_the_seed_body_in_pipeline_then_position_order(self, http_mocker: HttpMocker) -> None:
        mock_lists(http_mocker)
        qualified = body("Qualified", description="Budget confirmed", probability=0.1, isActive=False)
        won = body("Won", statusId="won", probability=1)
        renewal = body("Renewal due", RENEWALS_ID, probability=0.5)
        for sent, stage_id in ((qualified, IDS[0]), (won, IDS[1]), (renewal, IDS[2])):
            mock_create(http_mocker, sent, stage_id)
        messages = [
            record(UNIFIED, unified("Won", position=8, status="won", category="won", win_probability=1)),
            record(UNIFIED, unified("Renewal due", "Renewals", position=1, win_probability=0.5)),
            record(UNIFIED, unified("Qualified", position=2, description="Budget confirmed", win_probability=0.1,
                                    is_active=False)),
        ]

        with self.assertLogs(LOGGER, "INFO") as logs:
            write(messages)

        created = [line for line in logs.output if "Created" in line]
        assert [line.split('(name "')[1].split('"')[0] for line in created] == ["Qualified", "Won", "Renewal due"]
        assert f"Its id: {IDS[0]}." in created[0]
        assert logs.output[-1].endswith("Ruddr stages: created 3, updated 0, unchanged 0, skipped 0.")

    @HttpMocker()
    def test_ruddr_records_are_sent_as_they_are_oldest_first_without_id_and_created_at(self, http_mocker: HttpMocker) -> None:
        mock_lists(http_mocker)
        newer = ruddr_stage("7d3c1d0c-0000-4000-8000-000000000001", "Proposal Sent", description="Sent.",
                            probability=0.45, createdAt="2024-01-15T09:03:00.000Z")
        older = ruddr_stage("7d3c1d0c-0000-4000-8000-000000000002", "Lead", probability=0.1, isActive=False,
                            createdAt="2024-01-15T09:01:00.000Z")
        mock_create(http_mocker, body("Lead", probability=0.1, isActive=False), IDS[0])
        mock_create(http_mocker, body("Proposal Sent", description="Sent.", probability=0.45), IDS[1])

        with self.assertLogs(LOGGER, "INFO") as logs:
            write([record(RUDDR_SHAPE, newer), record(RUDDR_SHAPE, older)], streams=[RUDDR_SHAPE])

        created = [line for line in logs.output if "Created" in line]
        assert '(name "Lead")' in created[0] and '(name "Proposal Sent")' in created[1]

    @HttpMocker()
    def test_defaults_of_the_create_page_a_missing_description_is_null_and_active_is_true(self, http_mocker: HttpMocker) -> None:
        mock_lists(http_mocker)
        mock_create(http_mocker, body("Lead", probability=0.1), IDS[0])
        data = {"name": "Lead", "probability": 0.1, "statusId": "open", "opportunityPipelineId": SALES_ID}

        write([record(RUDDR_SHAPE, data)], streams=[RUDDR_SHAPE])

    @HttpMocker()
    def test_a_record_from_a_pyairbyte_cache_lower_case_names_and_decimal_text_gives_the_same_body(
        self, http_mocker: HttpMocker
    ) -> None:
        mock_lists(http_mocker)
        mock_create(http_mocker, body("Lead", probability=0.1, isActive=False), IDS[0])
        data = {"id": IDS[5], "name": "Lead", "description": None, "probability": "0.100000000", "statusid": "open",
                "isactive": False, "opportunitypipelineid": SALES_ID, "createdat": "2024-01-15T09:01:00",
                "_airbyte_raw_id": "x", "_airbyte_meta": {}}

        write([record(RUDDR_SHAPE, data)], streams=[RUDDR_SHAPE])

    @HttpMocker()
    def test_a_repeated_record_is_created_once(self, http_mocker: HttpMocker) -> None:
        mock_lists(http_mocker)
        create = mock_create(http_mocker, body("Lead"), IDS[0])

        write([record(UNIFIED, unified("Lead", position=1)), record(UNIFIED, unified("Lead", position=1))])

        http_mocker.assert_number_of_calls(create, 1)

    @HttpMocker()
    def test_a_probability_with_more_than_4_places_is_rounded_and_counted(self, http_mocker: HttpMocker) -> None:
        mock_lists(http_mocker)
        mock_create(http_mocker, body("Third", probability=0.3333), IDS[0])
        mock_create(http_mocker, body("Half up", probability=0.1235), IDS[1])

        with self.assertLogs(LOGGER, "INFO") as logs:
            write([record(UNIFIED, unified("Third", position=1, win_probability=1 / 3)),
                   record(UNIFIED, unified("Half up", position=2, win_probability=0.12345))])

        assert "INFO:airbyte:stages: rounded 2 probability value(s) to 4 decimal places." in logs.output


class TestExistingStages(TestCase):
    @HttpMocker()
    def test_update_patches_only_the_fields_that_differ_and_leaves_equal_stages_alone(self, http_mocker: HttpMocker) -> None:
        existing = [
            ruddr_stage(IDS[0], "Lead", probability=0.1, description=""),
            ruddr_stage(IDS[1], "Won", probability=1, statusId="won"),
            ruddr_stage(IDS[2], "Lead", RENEWALS_ID),  # the same name in another pipeline
        ]
        mock_lists(http_mocker, existing)
        patch = ruddr_request(f"opportunity-stages/{IDS[0]}", body={"probability": 0.2, "isActive": False})
        http_mocker.patch(patch, json_response({**existing[0], "probability": 0.2, "isActive": False}))

        with self.assertLogs(LOGGER, "INFO") as logs:
            output = write([
                record(UNIFIED, unified("Lead", position=1, win_probability=0.2, is_active=False)),
                record(UNIFIED, unified("Won", position=2, status="won", win_probability=1.0)),
                state(UNIFIED, 1),
            ])

        assert states_of(output) == [1]
        assert any("Updated stages record 1" in line and "probability 0.1 -> 0.2, isActive true -> false" in line
                   for line in logs.output)
        assert logs.output[-1].endswith("Ruddr stages: created 0, updated 1, unchanged 1, skipped 0.")

    @HttpMocker()
    def test_skip_leaves_a_different_stage_as_it_is(self, http_mocker: HttpMocker) -> None:
        mock_lists(http_mocker, [ruddr_stage(IDS[0], "Lead", probability=0.1)])

        with self.assertLogs(LOGGER, "INFO") as logs:
            write([record(UNIFIED, unified("Lead", win_probability=0.2))], config={"on_existing": "skip"})

        assert any("Skipped stages record 1" in line and "probability 0.1 -> 0.2" in line for line in logs.output)
        assert logs.output[-1].endswith("created 0, updated 0, unchanged 0, skipped 1.")

    @HttpMocker()
    def test_lists_follow_the_cursor_until_has_more_is_false(self, http_mocker: HttpMocker) -> None:
        http_mocker.get(list_request("opportunity-pipelines"), page(PIPELINES))
        http_mocker.get(list_request("opportunity-stages"), page([ruddr_stage(IDS[0], "Other")], has_more=True))
        http_mocker.get(list_request("opportunity-stages", startingAfter=IDS[0]), page([ruddr_stage(IDS[1], "Lead")]))

        with self.assertLogs(LOGGER, "INFO") as logs:
            write([record(UNIFIED, unified("Lead"))])

        assert logs.output[-1].endswith("created 0, updated 0, unchanged 1, skipped 0.")


class TestState(TestCase):
    @HttpMocker()
    def test_each_state_follows_the_writes_of_every_record_before_it(self, http_mocker: HttpMocker) -> None:
        mock_lists(http_mocker)
        mock_create(http_mocker, body("A"), IDS[0])
        mock_create(http_mocker, body("B"), IDS[1])
        # Written in position order: B (record 2) first, then A (record 1).
        messages = [state(UNIFIED, 0), record(UNIFIED, unified("A", position=2)), state(UNIFIED, 1),
                    record(UNIFIED, unified("B", position=1)), state(UNIFIED, 2)]

        output = write_lazily(messages)
        assert states_of([next(output)]) == [0]  # nothing before it
        rest = list(output)
        assert states_of(rest) == [1, 2]  # after A, the second write: both at once

    @HttpMocker()
    def test_a_dry_run_writes_nothing_and_emits_no_state(self, http_mocker: HttpMocker) -> None:
        mock_lists(http_mocker, [ruddr_stage(IDS[0], "Lead", probability=0.1)])

        with self.assertLogs(LOGGER, "INFO") as logs:
            output = write([record(UNIFIED, unified("Lead", position=1)), record(UNIFIED, unified("New", position=2)),
                            state(UNIFIED, 1)], config={"dry_run": True})

        assert output == []
        assert any("Would update stages record 1" in line for line in logs.output)
        assert any("Would create stages record 2" in line for line in logs.output)
        assert logs.output[-1].endswith(
            "Dry run, nothing written; the write would have: created 1, updated 1, unchanged 0, skipped 0."
        )
