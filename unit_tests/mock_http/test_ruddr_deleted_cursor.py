"""Ruddr: the record the cursor points at is deleted between two page requests. The API rejects
the cursor (400 in the sandbox; 404 is as plausible), and the read continues after the record
before it on the page just read: the exact requests, the warning, the state, and where it stops."""

from typing import Any, Mapping, Optional
from unittest import TestCase

from airbyte_cdk.models import FailureType
from airbyte_cdk.test.entrypoint_wrapper import EntrypointOutput
from airbyte_cdk.test.mock_http import HttpMocker

from stage_apis.ruddr.streams import RuddrOpportunityStages
from test_support.mock_http.config import ConfigBuilder
from test_support.mock_http.reads import read_stream, record_ids, states, stream_error, warnings
from test_support.mock_http.request_builders import RuddrRequest
from test_support.mock_http.responses import json_response, ruddr_ids, ruddr_page

STAGES = RuddrOpportunityStages.name
GONE_400 = {"status": 400, "message": "Parameter 'startingAfter' does not match an existing opportunity stage."}
GONE_404 = {"status": 404, "message": "Not found."}


def read_stages(state: Optional[Mapping[str, Any]] = None, expect_error: bool = False) -> EntrypointOutput:
    return read_stream(ConfigBuilder().with_ruddr().with_page_size(3).build(), STAGES, state=state, expect_error=expect_error)


def after(cursor: Optional[str] = None):
    request = RuddrRequest.opportunity_stages().with_limit(3)
    return (request.with_starting_after(cursor) if cursor else request).build()


class TestDeletedCursorRecord(TestCase):
    @HttpMocker()
    def test_a_400_for_the_cursor_continues_after_the_previous_record_of_the_page(self, http_mocker: HttpMocker) -> None:
        ids = ruddr_ids(6)  # ids[2] is deleted after page 1 was read
        requests = [after(), after(ids[2]), after(ids[1]), after(ids[5])]
        http_mocker.get(requests[0], ruddr_page(STAGES, ids[0:3], has_more=True))
        http_mocker.get(requests[1], json_response(GONE_400, 400))
        http_mocker.get(requests[2], ruddr_page(STAGES, ids[3:6], has_more=True))
        http_mocker.get(requests[3], ruddr_page(STAGES, []))

        output = read_stages()

        assert record_ids(output) == ids  # every record once, none lost
        for request in requests:
            http_mocker.assert_number_of_calls(request, 1)
        assert warnings(output) == [
            f"{STAGES}: Ruddr answered HTTP 400 to the page after id {ids[2]}, which was deleted during the read; "
            f"continuing after the record before it on the page just read, id {ids[1]}."
        ]
        # The checkpoint after the rejected request is the fallback cursor, still a plain token.
        assert states(output) == [
            {"startingAfter": ids[2]},
            {"startingAfter": ids[1]},
            {"startingAfter": ids[5]},
            {"__ab_full_refresh_sync_complete": True},
        ]

    @HttpMocker()
    def test_a_cursor_rejected_although_its_record_still_exists_gives_no_duplicate(self, http_mocker: HttpMocker) -> None:
        ids = ruddr_ids(5)  # the API rejects ids[2] but then still lists it after ids[1]
        requests = [after(), after(ids[2]), after(ids[1])]
        http_mocker.get(requests[0], ruddr_page(STAGES, ids[0:3], has_more=True))
        http_mocker.get(requests[1], json_response(GONE_400, 400))
        http_mocker.get(requests[2], ruddr_page(STAGES, ids[2:5]))

        output = read_stages()

        assert record_ids(output) == ids  # ids[2] once, although the API sent it twice
        for request in requests:
            http_mocker.assert_number_of_calls(request, 1)

    @HttpMocker()
    def test_two_deleted_in_a_row_step_back_twice_also_on_404(self, http_mocker: HttpMocker) -> None:
        ids = ruddr_ids(5)  # ids[2] and ids[1] are deleted after page 1 was read
        requests = [after(), after(ids[2]), after(ids[1]), after(ids[0])]
        http_mocker.get(requests[0], ruddr_page(STAGES, ids[0:3], has_more=True))
        http_mocker.get(requests[1], json_response(GONE_404, 404))
        http_mocker.get(requests[2], json_response(GONE_404, 404))
        http_mocker.get(requests[3], ruddr_page(STAGES, ids[3:5]))

        output = read_stages()

        assert record_ids(output) == ids[0:3] + ids[3:5]
        for request in requests:
            http_mocker.assert_number_of_calls(request, 1)
        assert [w.split(", which")[0] for w in warnings(output)] == [
            f"{STAGES}: Ruddr answered HTTP 404 to the page after id {ids[2]}",
            f"{STAGES}: Ruddr answered HTTP 404 to the page after id {ids[1]}",
        ]

    @HttpMocker()
    def test_when_every_id_of_the_page_is_gone_the_stream_fails_after_one_request_each(self, http_mocker: HttpMocker) -> None:
        ids = ruddr_ids(2)
        requests = [after(), after(ids[1]), after(ids[0])]
        http_mocker.get(requests[0], ruddr_page(STAGES, ids, has_more=True))
        http_mocker.get(requests[1], json_response(GONE_400, 400))
        http_mocker.get(requests[2], json_response(GONE_400, 400))

        output = read_stages(expect_error=True)

        assert record_ids(output) == ids
        for request in requests:
            http_mocker.assert_number_of_calls(request, 1)
        error = stream_error(output, STAGES)
        assert error.failure_type == FailureType.system_error
        assert error.message == (
            f"{STAGES}: stopped paging GET opportunity-stages because the API rejected the cursor id {ids[0]} "
            "(deleted during the read?), the first id of the page read last, so no id of that page is left to "
            "continue after. Reading on could loop or skip records, so the read fails instead."
        )

    @HttpMocker()
    def test_a_resumed_read_from_a_deleted_cursor_has_no_page_to_step_back_through_and_fails(self, http_mocker: HttpMocker) -> None:
        gone = ruddr_ids(1)[0]
        request = after(gone)
        http_mocker.get(request, json_response(GONE_400, 400))

        output = read_stages(state={"startingAfter": gone}, expect_error=True)

        assert output.records == []
        http_mocker.assert_number_of_calls(request, 1)
        error = stream_error(output, STAGES)
        assert error.failure_type == FailureType.system_error
        assert f"the API rejected the cursor id {gone} (deleted during the read?) and this attempt has read no page holding it" in error.message

    @HttpMocker()
    def test_a_400_on_a_first_page_still_fails_at_once(self, http_mocker: HttpMocker) -> None:
        request = after()
        http_mocker.get(request, json_response({"status": 400, "message": "Invalid limit."}, 400))

        error = stream_error(read_stages(expect_error=True), STAGES)

        assert (error.failure_type, error.message) == (
            FailureType.system_error, "Ruddr rejected a request of this connector as invalid (HTTP 400)."
        )
        http_mocker.assert_number_of_calls(request, 1)
