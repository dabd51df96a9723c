"""`write` against HttpMocker: the exact list calls, POST and PATCH bodies, in the source's order;
the STATE messages only after the records before them are written; and what goes wrong: a POST
whose answer is lost (looked up, never sent again blindly; never sent again at all while Ruddr
may still carry it out), Ruddr's refusals, a rejected key,
invalid records (nothing written), a refused catalog (before the input is read), too many
records. Where `time.sleep` is patched, the waits cost nothing and are asserted."""

import re
from unittest import TestCase
from unittest.mock import patch

import pytest
import requests
import requests_mock
from airbyte_cdk.models import DestinationSyncMode, FailureType
from airbyte_cdk.test.mock_http import HttpMocker, HttpResponse
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from test_support.destination_messages import (
    LOGGER,
    PIPELINES,
    RENEWALS_ID,
    RUDDR_SHAPE,
    SALES_ID,
    UNIFIED,
    body,
    record,
    ruddr_stage,
    state,
    states_of,
    unified,
    write,
    write_lazily,
)
from test_support.mock_http.config import RUDDR_KEY, RUDDR_URL
from test_support.mock_http.request_builders import list_request, ruddr_request
from test_support.mock_http.responses import json_response, ruddr_ids, ruddr_records_page

IDS = ruddr_ids(10, offset=100)
LEAD = body("Lead")


def mock_lists(http_mocker: HttpMocker, stages=()) -> None:
    http_mocker.get(list_request("opportunity-pipelines"), ruddr_records_page(PIPELINES))
    http_mocker.get(list_request("opportunity-stages"), ruddr_records_page(list(stages)))


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
        http_mocker.get(list_request("opportunity-pipelines"), ruddr_records_page(PIPELINES))
        http_mocker.get(list_request("opportunity-stages"), ruddr_records_page([ruddr_stage(IDS[0], "Other")], has_more=True))
        http_mocker.get(list_request("opportunity-stages", startingAfter=IDS[0]), ruddr_records_page([ruddr_stage(IDS[1], "Lead")]))

        with self.assertLogs(LOGGER, "INFO") as logs:
            write([record(UNIFIED, unified("Lead"))])

        assert logs.output[-1].endswith("created 0, updated 0, unchanged 1, skipped 0.")


    @HttpMocker()
    def test_a_list_steps_back_over_a_cursor_whose_stage_was_deleted_meanwhile(self, http_mocker: HttpMocker) -> None:
        http_mocker.get(list_request("opportunity-pipelines"), ruddr_records_page(PIPELINES))
        first = [ruddr_stage(IDS[0], "Other"), ruddr_stage(IDS[1], "Gone")]
        http_mocker.get(list_request("opportunity-stages"), ruddr_records_page(first, has_more=True))
        gone = list_request("opportunity-stages", startingAfter=IDS[1])
        http_mocker.get(gone, json_response({"status": 404, "message": "Not found"}, 404))
        http_mocker.get(list_request("opportunity-stages", startingAfter=IDS[0]), ruddr_records_page([ruddr_stage(IDS[2], "Lead")]))

        with self.assertLogs(LOGGER, "INFO") as logs:
            write([record(UNIFIED, unified("Lead"))])

        http_mocker.assert_number_of_calls(gone, 1)
        assert any(f"answered HTTP 404 to the page after id {IDS[1]}" in line for line in logs.output)
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


@patch("time.sleep")
class TestLostAnswer(TestCase):
    @HttpMocker()
    def test_a_5xx_to_a_post_looks_the_stage_up_and_does_not_send_it_again(self, sleep, http_mocker: HttpMocker) -> None:
        mock_lists(http_mocker)
        post = ruddr_request("opportunity-stages", body=LEAD)
        http_mocker.post(post, json_response({"status": 500, "message": "Internal error"}, 500))
        lookup = list_request("opportunity-stages", name="Lead")
        http_mocker.get(lookup, ruddr_records_page([ruddr_stage(IDS[0], "Lead"), ruddr_stage(IDS[1], "Lead", ruddr_ids(1)[0])]))

        output = write([record(UNIFIED, unified("Lead")), state(UNIFIED, 1)])

        http_mocker.assert_number_of_calls(post, 1)
        assert states_of(output) == [1]

    @HttpMocker()
    def test_a_lost_answer_for_a_stage_that_is_not_there_sends_it_again_after_a_backoff(
        self, sleep, http_mocker: HttpMocker
    ) -> None:
        mock_lists(http_mocker)
        post = ruddr_request("opportunity-stages", body=LEAD)
        http_mocker.post(post, [json_response({"status": 503, "message": "Unavailable"}, 503),
                                json_response({"id": IDS[0], **LEAD}, 200)])
        lookup = list_request("opportunity-stages", name="Lead")
        http_mocker.get(lookup, ruddr_records_page([ruddr_stage(IDS[1], "Lead", ruddr_ids(1)[0])]))  # another pipeline's

        write([record(UNIFIED, unified("Lead"))])

        http_mocker.assert_number_of_calls(post, 2)
        assert [call.args[0] for call in sleep.call_args_list if call.args[0]] == [1]

    @HttpMocker()
    def test_a_5xx_to_a_patch_sends_it_again(self, sleep, http_mocker: HttpMocker) -> None:
        existing = ruddr_stage(IDS[0], "Lead", probability=0.1)
        mock_lists(http_mocker, [existing])
        patched = ruddr_request(f"opportunity-stages/{IDS[0]}", body={"probability": 0.2})
        http_mocker.patch(patched, [json_response({"status": 503, "message": "Unavailable"}, 503),
                                    json_response({**existing, "probability": 0.2})])

        with self.assertLogs(LOGGER, "INFO") as logs:
            write([record(UNIFIED, unified("Lead", win_probability=0.2))])

        http_mocker.assert_number_of_calls(patched, 2)
        assert logs.output[-1].endswith("Ruddr stages: created 0, updated 1, unchanged 0, skipped 0.")

    @HttpMocker()
    def test_a_post_answered_2xx_without_json_counts_as_created_once(self, sleep, http_mocker: HttpMocker) -> None:
        mock_lists(http_mocker)
        post = ruddr_request("opportunity-stages", body=LEAD)
        http_mocker.post(post, HttpResponse("", 201))

        with self.assertLogs(LOGGER, "INFO") as logs:
            output = write([record(UNIFIED, unified("Lead")), state(UNIFIED, 1)])

        http_mocker.assert_number_of_calls(post, 1)
        assert states_of(output) == [1]
        assert any("Created stages record 1" in line and "Its id: None." in line for line in logs.output)

    def test_a_dropped_connection_and_a_timeout_are_lost_answers_too(self, sleep) -> None:
        with requests_mock.Mocker() as mocker:
            mocker.get(f"{RUDDR_URL}/opportunity-pipelines", json={"results": PIPELINES, "hasMore": False})
            lists = mocker.get(f"{RUDDR_URL}/opportunity-stages", [
                {"json": {"results": [], "hasMore": False}},  # the list before writing
                {"json": {"results": [], "hasMore": False}},  # after the drop: not there, so sent again
                {"json": {"results": [ruddr_stage(IDS[0], "Lead")], "hasMore": False}},  # after the timeout: there
            ])
            posts = mocker.post(f"{RUDDR_URL}/opportunity-stages", [
                {"exc": requests.exceptions.ConnectionError("connection reset by peer")},
                {"exc": requests.exceptions.ReadTimeout("read timed out")},
            ])
            write([record(UNIFIED, unified("Lead"))])

        assert posts.call_count == 2
        assert [request.qs for request in lists.request_history] == [{"limit": ["100"]}, {"limit": ["100"], "name": ["lead"]},
                                                                      {"limit": ["100"], "name": ["lead"]}]
        assert posts.request_history[0].json() == LEAD
        assert posts.last_request.headers["Authorization"] == f"Bearer {RUDDR_KEY}"

    def test_a_post_waits_5_minutes_for_its_answer_and_a_get_60_s(self, sleep) -> None:
        with requests_mock.Mocker() as mocker:
            mocker.get(f"{RUDDR_URL}/opportunity-pipelines", json={"results": PIPELINES, "hasMore": False})
            lists = mocker.get(f"{RUDDR_URL}/opportunity-stages", json={"results": [], "hasMore": False})
            posts = mocker.post(f"{RUDDR_URL}/opportunity-stages", json={"id": IDS[0], **LEAD})
            write([record(UNIFIED, unified("Lead"))])

        assert [request.timeout for request in posts.request_history] == [(10, 300)]
        assert [request.timeout for request in lists.request_history] == [(10, 60)]

    def test_a_post_that_timed_out_is_looked_for_over_5_minutes_and_never_sent_again(self, sleep) -> None:
        with requests_mock.Mocker() as mocker:
            mocker.get(f"{RUDDR_URL}/opportunity-pipelines", json={"results": PIPELINES, "hasMore": False})
            lists = mocker.get(f"{RUDDR_URL}/opportunity-stages", json={"results": [], "hasMore": False})
            posts = mocker.post(f"{RUDDR_URL}/opportunity-stages", exc=requests.exceptions.ReadTimeout("read timed out"))
            with pytest.raises(AirbyteTracedException) as raised:
                write([record(UNIFIED, unified("Lead")), state(UNIFIED, 1)])

        assert posts.call_count == 1
        assert [request.qs.get("name") for request in lists.request_history] == [None] + [["lead"]] * 11
        assert [call.args[0] for call in sleep.call_args_list] == [30] * 10
        assert raised.value.failure_type == FailureType.transient_error
        assert raised.value.message.startswith(
            'stages record 1 (name "Lead"): its POST got no answer within 300 s, so Ruddr may still carry it out, and '
            "the stage was not in Ruddr 300 s later. It was not sent again, so that Ruddr does not create it twice"
        )

    @HttpMocker()
    def test_a_504_is_an_answer_lost_in_flight_the_stage_is_looked_for_until_it_shows(
        self, sleep, http_mocker: HttpMocker
    ) -> None:
        mock_lists(http_mocker)
        post = ruddr_request("opportunity-stages", body=LEAD)
        http_mocker.post(post, json_response({"status": 504, "message": "Gateway timeout"}, 504))
        lookup = list_request("opportunity-stages", name="Lead")
        http_mocker.get(lookup, [ruddr_records_page([]), ruddr_records_page([]), ruddr_records_page([ruddr_stage(IDS[0], "Lead")])])

        with self.assertLogs(LOGGER, "INFO") as logs:
            output = write([record(UNIFIED, unified("Lead")), state(UNIFIED, 1)])

        http_mocker.assert_number_of_calls(post, 1)
        http_mocker.assert_number_of_calls(lookup, 3)
        assert [call.args[0] for call in sleep.call_args_list] == [30, 30]
        assert states_of(output) == [1]
        assert any("found in Ruddr after its POST lost its answer" in line for line in logs.output)

    @HttpMocker()
    def test_a_post_that_never_gets_an_answer_fails_the_sync_as_transient(self, sleep, http_mocker: HttpMocker) -> None:
        mock_lists(http_mocker)
        http_mocker.post(ruddr_request("opportunity-stages", body=LEAD), [json_response({}, 502)] * 6)
        http_mocker.get(list_request("opportunity-stages", name="Lead"), [ruddr_records_page([])] * 6)

        with pytest.raises(AirbyteTracedException) as raised:
            write([record(UNIFIED, unified("Lead"))])

        assert raised.value.failure_type == FailureType.transient_error
        assert "each of 6 POSTs to create it lost its answer" in raised.value.message

    @HttpMocker()
    def test_a_429_to_a_post_is_sent_again_after_retry_after(self, sleep, http_mocker: HttpMocker) -> None:
        mock_lists(http_mocker)
        post = ruddr_request("opportunity-stages", body=LEAD)
        http_mocker.post(post, [json_response({"status": 429, "message": "Too many requests"}, 429, {"Retry-After": "2"}),
                                json_response({"id": IDS[0], **LEAD})])

        write([record(UNIFIED, unified("Lead"))])

        http_mocker.assert_number_of_calls(post, 2)
        assert 3 in [call.args[0] for call in sleep.call_args_list]  # Retry-After, plus the CDK's 1 s

    @HttpMocker()
    def test_429s_that_do_not_stop_fail_the_sync_as_transient_with_the_shared_rate_limit_message(
        self, sleep, http_mocker: HttpMocker
    ) -> None:
        mock_lists(http_mocker)
        post = ruddr_request("opportunity-stages", body=LEAD)
        http_mocker.post(post, [json_response({"status": 429, "message": "Too many requests"}, 429)] * 6)

        with pytest.raises(AirbyteTracedException) as raised:
            write([record(UNIFIED, unified("Lead")), state(UNIFIED, 1)])

        http_mocker.assert_number_of_calls(post, 6)  # sent again, never looked up: Ruddr refused it before doing anything
        assert raised.value.failure_type == FailureType.transient_error
        assert re.match(
            r"Ruddr kept answering HTTP 429 \(rate limit exceeded\): 5 retries over \d+ s did not get through\. Lower "
            r"`max_requests_per_second` ",
            raised.value.message,
        )


class TestRefusals(TestCase):
    @HttpMocker()
    def test_a_400_fails_the_sync_naming_the_record_with_ruddrs_own_message(self, http_mocker: HttpMocker) -> None:
        mock_lists(http_mocker)
        refusal = {"status": 400, "message": "There was a problem processing your request. See errors for more details.",
                   "errors": ["'opportunityPipelineId' does not match an existing opportunity pipeline"]}
        http_mocker.post(ruddr_request("opportunity-stages", body=LEAD), json_response(refusal, 400))

        with pytest.raises(AirbyteTracedException) as raised:
            write([record(UNIFIED, unified("Lead")), state(UNIFIED, 1)])

        assert raised.value.failure_type == FailureType.config_error
        assert raised.value.message == (
            'Ruddr refused to create stages record 1 (name "Lead") (HTTP 400): There was a problem processing your '
            "request. See errors for more details.: 'opportunityPipelineId' does not match an existing opportunity "
            "pipeline"
        )

    def test_a_refused_patch_fails_the_sync_naming_the_record_with_ruddrs_own_message(self) -> None:
        for status, ruddrs_message in ((409, "The stage is in use."),
                                       (404, "The opportunity stage was not found.")):  # 404: deleted since the list
            with self.subTest(status=status), HttpMocker() as http_mocker:
                mock_lists(http_mocker, [ruddr_stage(IDS[0], "Lead", probability=0.1)])
                http_mocker.patch(ruddr_request(f"opportunity-stages/{IDS[0]}", body={"probability": 0.2}),
                                  json_response({"status": status, "message": ruddrs_message}, status))

                with pytest.raises(AirbyteTracedException) as raised:
                    write([record(UNIFIED, unified("Lead", win_probability=0.2)), state(UNIFIED, 1)])

                assert raised.value.failure_type == FailureType.config_error
                assert raised.value.message == (
                    f'Ruddr refused to update stages record 1 (name "Lead") (HTTP {status}): {ruddrs_message}'
                )

    @HttpMocker()
    def test_a_401_is_a_config_error_naming_api_key(self, http_mocker: HttpMocker) -> None:
        http_mocker.get(list_request("opportunity-pipelines"),
                        json_response({"status": 401, "message": "The provided bearer token is missing or invalid."}, 401))

        with pytest.raises(AirbyteTracedException) as raised:
            write([record(UNIFIED, unified("Lead"))])

        assert raised.value.failure_type == FailureType.config_error
        assert raised.value.message.startswith("Ruddr rejected the credential in `api_key` (HTTP 401)")
        assert raised.value.message.endswith("paste it into `api_key`.")


class TestNothingWritten(TestCase):
    @HttpMocker()
    def test_invalid_records_fail_the_sync_before_any_write_naming_each(self, http_mocker: HttpMocker) -> None:
        http_mocker.get(list_request("opportunity-pipelines"), ruddr_records_page(PIPELINES))  # and no other request
        messages = [record(UNIFIED, unified("Good", position=1)),
                    record(UNIFIED, unified("n" * 256, win_probability=1.5)),
                    record(UNIFIED, unified("Unknown status", status=None)),
                    record(UNIFIED, unified("Nowhere", "No such pipeline"))]

        with pytest.raises(AirbyteTracedException) as raised:
            write(messages)

        assert raised.value.failure_type == FailureType.config_error
        message = raised.value.message
        assert message.startswith("3 input record(s) break Ruddr's rules for an opportunity stage, so nothing was written: ")
        assert "stages record 2 (name \"nnn" in message and "`name` must have 1 to 255 characters (has 256)" in message
        assert "`probability` must be a number from 0 to 1 (got 1.5)" in message
        assert 'stages record 3 (name "Unknown status"): `statusId` must be one of open, won, lost (got null)' in message
        assert ('stages record 4 (name "Nowhere"): `opportunityPipelineId` has no Ruddr pipeline: no Ruddr pipeline is '
                'named "No such pipeline", and no default_pipeline_id is set') in message

    @HttpMocker()
    def test_at_most_20_broken_rules_are_listed_then_a_count(self, http_mocker: HttpMocker) -> None:
        http_mocker.get(list_request("opportunity-pipelines"), ruddr_records_page(PIPELINES))

        with pytest.raises(AirbyteTracedException) as raised:
            write([record(UNIFIED, unified(f"Bad {number}", status="maybe")) for number in range(25)])

        assert raised.value.message.startswith("25 input record(s)")
        assert raised.value.message.count("`statusId` must be one of") == 20
        assert raised.value.message.endswith('(got "maybe"); and 5 more.')

    @HttpMocker()
    def test_two_different_records_for_one_name_in_one_pipeline_are_invalid(self, http_mocker: HttpMocker) -> None:
        http_mocker.get(list_request("opportunity-pipelines"), ruddr_records_page(PIPELINES))

        with pytest.raises(AirbyteTracedException) as raised:
            write([record(UNIFIED, unified("Lead", win_probability=0.1)), record(UNIFIED, unified("Lead"))])

        assert raised.value.message.endswith(
            'stages record 2 (name "Lead"): `name` is also the name of stages record 1 (name "Lead") in the same '
            "pipeline, with other fields; a pipeline cannot hold two stages of one name."
        )

    @HttpMocker()
    def test_a_default_pipeline_that_does_not_exist_is_a_config_error(self, http_mocker: HttpMocker) -> None:
        http_mocker.get(list_request("opportunity-pipelines"), ruddr_records_page(PIPELINES))
        missing = ruddr_ids(1)[0]

        with pytest.raises(AirbyteTracedException) as raised:
            write([record(UNIFIED, unified("Lead"))], config={"default_pipeline_id": missing})

        assert raised.value.message == (
            f"`default_pipeline_id` {missing} is not a pipeline of this Ruddr workspace; its pipelines are: "
            f'"Renewals" ({PIPELINES[0]["id"]}), "Sales Pipeline" ({SALES_ID}).'
        )

    def test_more_records_than_the_limit_fail_before_any_request(self) -> None:
        with patch("destination_ruddr.input_reader.MAX_RECORDS", 3), pytest.raises(AirbyteTracedException) as raised:
            write([record(UNIFIED, unified(f"Stage {number}")) for number in range(4)])  # no HTTP mock: no request

        assert raised.value.failure_type == FailureType.config_error
        assert raised.value.message.startswith("The input holds more than 3 stage records, the most one sync accepts")


def unread_input():
    raise AssertionError("the input was read")
    yield  # a generator


class TestCatalog(TestCase):
    def test_an_unknown_stream_is_refused_before_the_input_is_read(self) -> None:
        with pytest.raises(AirbyteTracedException) as raised:
            write(unread_input(), streams=["stages", "zendesk_sell_stages"])

        assert raised.value.failure_type == FailureType.config_error
        assert raised.value.message == (
            "The configured catalog selects the stream(s) `zendesk_sell_stages`; destination-ruddr accepts only "
            "`stages` and `ruddr_opportunity_stages`. Deselect the others."
        )

    def test_overwrite_is_refused_because_it_would_delete_stages_opportunities_use(self) -> None:
        with pytest.raises(AirbyteTracedException) as raised:
            write(unread_input(), mode=DestinationSyncMode.overwrite)

        assert raised.value.failure_type == FailureType.config_error
        assert raised.value.message.startswith(
            "The destination sync mode `overwrite` of the stream `stages` is refused: it would delete the Ruddr "
            "stages that are not in the input, and opportunities use them."
        )

    @HttpMocker()
    def test_append_dedup_is_accepted_and_records_of_unselected_streams_are_skipped(self, http_mocker: HttpMocker) -> None:
        mock_lists(http_mocker)
        http_mocker.post(ruddr_request("opportunity-stages", body=LEAD), json_response({"id": IDS[0], **LEAD}))

        with self.assertLogs("airbyte", "INFO") as logs:
            output = write([record("zendesk_sell_stages", {"id": 1}), state(UNIFIED, 1), record(UNIFIED, unified("Lead")),
                            state(UNIFIED, 2)], mode=DestinationSyncMode.append_dedup)

        assert states_of(output) == [1, 2]
        assert ("WARNING:airbyte:Skipped 1 record(s) of the stream zendesk_sell_stages, which the configured catalog "
                "does not select.") in logs.output
