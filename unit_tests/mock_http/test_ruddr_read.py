"""Ruddr reads end to end against mocked HTTP: the exact requests, the after-id cursor, the
server-side name filter re-sent on every page, the client-side filters, the loop guards."""

from unittest import TestCase

from airbyte_cdk.models import FailureType
from airbyte_cdk.test.mock_http import HttpMocker

from stage_apis.ruddr.streams import RuddrOpportunityPipelines, RuddrOpportunityStages
from test_support.mock_http.config import ConfigBuilder
from test_support.mock_http.reads import read_stream, record_ids, stream_error
from test_support.mock_http.request_builders import RuddrRequest
from test_support.mock_http.responses import ruddr_ids, ruddr_page

STAGES, PIPELINES = RuddrOpportunityStages.name, RuddrOpportunityPipelines.name
PIPELINE_A = "b9c85ac3-1a1d-4f31-a0c5-6e7d3d8ee0b2"
PIPELINE_B = "7a1d9e3c-5b2f-4c8d-9e0a-1b2c3d4e5f60"


class TestOpportunityStages(TestCase):
    @HttpMocker()
    def test_the_second_page_continues_after_the_last_id_and_resends_the_name_filter(self, http_mocker: HttpMocker) -> None:
        config = ConfigBuilder().with_ruddr(opportunity_stages={"name": "Won"}).build()
        first, second = ruddr_ids(2), ruddr_ids(1, offset=2)
        page_1 = RuddrRequest.opportunity_stages().with_query(name="Won").build()
        page_2 = RuddrRequest.opportunity_stages().with_query(name="Won").with_starting_after(first[-1]).build()
        http_mocker.get(page_1, ruddr_page(STAGES, first, has_more=True))
        http_mocker.get(page_2, ruddr_page(STAGES, second))

        assert record_ids(read_stream(config, STAGES)) == first + second
        http_mocker.assert_number_of_calls(page_1, 1)
        http_mocker.assert_number_of_calls(page_2, 1)

    @HttpMocker()
    def test_client_side_filters_drop_records_but_not_the_cursor(self, http_mocker: HttpMocker) -> None:
        config = (
            ConfigBuilder()
            .with_ruddr(opportunity_stages={"opportunity_pipeline_id": PIPELINE_A.upper(), "status_id": "won", "is_active": True})
            .build()
        )
        ids = ruddr_ids(5)
        fields = {
            ids[0]: {"statusId": "won"},  # kept
            ids[1]: {"statusId": "open"},  # wrong status
            ids[2]: {"statusId": "won", "isActive": False},  # inactive
            ids[3]: {"statusId": "won", "opportunityPipelineId": PIPELINE_B},  # other pipeline
            ids[4]: {"statusId": "won"},  # kept, on page 2
        }
        # None of the three filters reaches the API: only limit and the cursor are sent.
        page_1 = RuddrRequest.opportunity_stages().build()
        page_2 = RuddrRequest.opportunity_stages().with_starting_after(ids[3]).build()
        http_mocker.get(page_1, ruddr_page(STAGES, ids[:4], has_more=True, fields=fields))
        http_mocker.get(page_2, ruddr_page(STAGES, ids[4:], fields=fields))

        assert record_ids(read_stream(config, STAGES)) == [ids[0], ids[4]]

    @HttpMocker()
    def test_an_empty_account_takes_one_request(self, http_mocker: HttpMocker) -> None:
        request = RuddrRequest.opportunity_stages().build()
        http_mocker.get(request, ruddr_page(STAGES, []))

        output = read_stream(ConfigBuilder().with_ruddr().build(), STAGES)

        assert output.records == [] and not output.errors
        http_mocker.assert_number_of_calls(request, 1)

    @HttpMocker()
    def test_n_records_take_ceil_n_over_page_size_requests(self, http_mocker: HttpMocker) -> None:
        config = ConfigBuilder().with_ruddr().with_page_size(2).build()
        ids = ruddr_ids(5)
        pages = [
            RuddrRequest.opportunity_stages().with_limit(2).build(),
            RuddrRequest.opportunity_stages().with_limit(2).with_starting_after(ids[1]).build(),
            RuddrRequest.opportunity_stages().with_limit(2).with_starting_after(ids[3]).build(),
        ]
        http_mocker.get(pages[0], ruddr_page(STAGES, ids[0:2], has_more=True))
        http_mocker.get(pages[1], ruddr_page(STAGES, ids[2:4], has_more=True))
        http_mocker.get(pages[2], ruddr_page(STAGES, ids[4:5]))

        assert record_ids(read_stream(config, STAGES)) == ids
        for page in pages:
            http_mocker.assert_number_of_calls(page, 1)

    @HttpMocker()
    def test_an_empty_page_claiming_more_fails_instead_of_stopping(self, http_mocker: HttpMocker) -> None:
        ids = ruddr_ids(1)
        http_mocker.get(RuddrRequest.opportunity_stages().build(), ruddr_page(STAGES, ids, has_more=True))
        http_mocker.get(RuddrRequest.opportunity_stages().with_starting_after(ids[0]).build(), ruddr_page(STAGES, [], has_more=True))

        output = read_stream(ConfigBuilder().with_ruddr().build(), STAGES, expect_error=True)

        error = stream_error(output, STAGES)
        assert error.failure_type == FailureType.system_error
        assert error.message == (
            "ruddr_opportunity_stages: stopped paging GET opportunity-stages because the API returned an empty page "
            "with hasMore: true. Reading on could loop or skip records, so the read fails instead."
        )

    @HttpMocker()
    def test_a_cursor_seen_twice_fails_instead_of_looping(self, http_mocker: HttpMocker) -> None:
        first, second = ruddr_ids(2), ruddr_ids(2, offset=2)
        page_1 = RuddrRequest.opportunity_stages().build()
        page_2 = RuddrRequest.opportunity_stages().with_starting_after(first[-1]).build()
        page_3 = RuddrRequest.opportunity_stages().with_starting_after(second[-1]).build()
        http_mocker.get(page_1, ruddr_page(STAGES, first, has_more=True))
        http_mocker.get(page_2, ruddr_page(STAGES, second, has_more=True))
        http_mocker.get(page_3, ruddr_page(STAGES, first, has_more=True))  # the API sends page 1 again

        output = read_stream(ConfigBuilder().with_ruddr().build(), STAGES, expect_error=True)

        assert "which this read has already continued after once" in stream_error(output, STAGES).message
        for page in (page_1, page_2, page_3):
            http_mocker.assert_number_of_calls(page, 1)


class TestOpportunityPipelines(TestCase):
    @HttpMocker()
    def test_pages_resend_the_name_filter_and_is_active_is_applied_by_the_connector(self, http_mocker: HttpMocker) -> None:
        config = ConfigBuilder().with_ruddr(opportunity_pipelines={"name": "Sales", "is_active": False}).build()
        ids = ruddr_ids(3)
        fields = {ids[0]: {"isActive": False}, ids[2]: {"isActive": False}}
        page_1 = RuddrRequest.opportunity_pipelines().with_query(name="Sales").build()
        page_2 = RuddrRequest.opportunity_pipelines().with_query(name="Sales").with_starting_after(ids[1]).build()
        http_mocker.get(page_1, ruddr_page(PIPELINES, ids[:2], has_more=True, fields=fields))
        http_mocker.get(page_2, ruddr_page(PIPELINES, ids[2:], fields=fields))

        assert record_ids(read_stream(config, PIPELINES)) == [ids[0], ids[2]]

    @HttpMocker()
    def test_stops_when_has_more_is_false(self, http_mocker: HttpMocker) -> None:
        request = RuddrRequest.opportunity_pipelines().build()
        http_mocker.get(request, ruddr_page(PIPELINES, ruddr_ids(3)))

        assert record_ids(read_stream(ConfigBuilder().with_ruddr().build(), PIPELINES)) == ruddr_ids(3)
        http_mocker.assert_number_of_calls(request, 1)
