"""Zendesk Sell reads end to end against mocked HTTP: the exact requests, both stop conditions,
filters and sort re-sent on every page, the loop guard, exact request counts."""

from unittest import TestCase

from airbyte_cdk.models import FailureType
from airbyte_cdk.test.mock_http import HttpMocker

from stage_apis.zendesk_sell.streams import ZendeskSellPipelines, ZendeskSellStages
from test_support.mock_http.config import ConfigBuilder
from test_support.mock_http.reads import read_stream, record_ids, stream_error
from test_support.mock_http.request_builders import ZendeskSellRequest
from test_support.mock_http.responses import zendesk_sell_page

STAGES, PIPELINES = ZendeskSellStages.name, ZendeskSellPipelines.name


class TestStages(TestCase):
    @HttpMocker()
    def test_every_page_resends_filters_and_sort_and_only_the_page_changes(self, http_mocker: HttpMocker) -> None:
        config = (
            ConfigBuilder()
            .with_zendesk_sell(
                stages={"pipeline_id": 7, "ids": [1, 2, 3], "name": "Won", "active": True, "sort_by": ["position:desc", "id"]}
            )
            .build()
        )
        expected_query = {"pipeline_id": 7, "ids": "1,2,3", "name": "Won", "active": "true", "sort_by": "position:desc,id"}
        page_1 = ZendeskSellRequest.stages().with_query(**expected_query).with_page(1).build()
        page_2 = ZendeskSellRequest.stages().with_query(**expected_query).with_page(2).build()
        http_mocker.get(page_1, zendesk_sell_page(STAGES, [1, 2], next_page=2))
        http_mocker.get(page_2, zendesk_sell_page(STAGES, [3]))

        output = read_stream(config, STAGES)

        assert record_ids(output) == [1, 2, 3]
        http_mocker.assert_number_of_calls(page_1, 1)
        http_mocker.assert_number_of_calls(page_2, 1)

    @HttpMocker()
    def test_default_sort_is_id_and_a_sort_without_id_gets_it_as_tie_breaker(self, http_mocker: HttpMocker) -> None:
        config = ConfigBuilder().with_zendesk_sell(stages={"sort_by": ["likelihood:asc"]}).build()
        http_mocker.get(
            ZendeskSellRequest.stages().with_sort_by("likelihood:asc,id").build(), zendesk_sell_page(STAGES, [5])
        )

        assert record_ids(read_stream(config, STAGES)) == [5]

    @HttpMocker()
    def test_stops_when_next_page_is_absent(self, http_mocker: HttpMocker) -> None:
        request = ZendeskSellRequest.stages().build()
        http_mocker.get(request, zendesk_sell_page(STAGES, [1, 2, 3]))

        output = read_stream(ConfigBuilder().with_zendesk_sell().build(), STAGES)

        assert record_ids(output) == [1, 2, 3]
        http_mocker.assert_number_of_calls(request, 1)

    @HttpMocker()
    def test_stops_on_an_empty_page_even_if_it_links_further_and_says_so(self, http_mocker: HttpMocker) -> None:
        page_1 = ZendeskSellRequest.stages().with_page(1).build()
        page_2 = ZendeskSellRequest.stages().with_page(2).build()
        http_mocker.get(page_1, zendesk_sell_page(STAGES, [1], next_page=2))
        http_mocker.get(page_2, zendesk_sell_page(STAGES, [], next_page=3))

        output = read_stream(ConfigBuilder().with_zendesk_sell().build(), STAGES)

        assert record_ids(output) == [1]
        http_mocker.assert_number_of_calls(page_2, 1)
        assert output.is_in_logs("zendesk_sell_stages: a page came back empty but links to .*page=3")

    @HttpMocker()
    def test_an_empty_account_takes_one_request(self, http_mocker: HttpMocker) -> None:
        request = ZendeskSellRequest.stages().build()
        http_mocker.get(request, zendesk_sell_page(STAGES, []))

        output = read_stream(ConfigBuilder().with_zendesk_sell().build(), STAGES)

        assert output.records == []
        assert not output.errors
        http_mocker.assert_number_of_calls(request, 1)

    @HttpMocker()
    def test_n_records_take_ceil_n_over_page_size_requests(self, http_mocker: HttpMocker) -> None:
        # 5 records at page_size 2: pages of 2, 2, 1; the last page has no next_page link.
        config = ConfigBuilder().with_zendesk_sell().with_page_size(2).build()
        pages = [ZendeskSellRequest.stages().with_per_page(2).with_page(n).build() for n in (1, 2, 3)]
        http_mocker.get(pages[0], zendesk_sell_page(STAGES, [1, 2], next_page=2))
        http_mocker.get(pages[1], zendesk_sell_page(STAGES, [3, 4], next_page=3))
        http_mocker.get(pages[2], zendesk_sell_page(STAGES, [5]))

        assert record_ids(read_stream(config, STAGES)) == [1, 2, 3, 4, 5]
        for page in pages:
            http_mocker.assert_number_of_calls(page, 1)

    @HttpMocker()
    def test_a_next_page_link_back_to_a_page_already_read_fails_instead_of_looping(self, http_mocker: HttpMocker) -> None:
        page_1 = ZendeskSellRequest.stages().with_page(1).build()
        page_2 = ZendeskSellRequest.stages().with_page(2).build()
        http_mocker.get(page_1, zendesk_sell_page(STAGES, [1], next_page=2))
        http_mocker.get(page_2, zendesk_sell_page(STAGES, [2], next_page=1))

        output = read_stream(ConfigBuilder().with_zendesk_sell().build(), STAGES, expect_error=True)

        assert record_ids(output) == [1, 2]
        error = stream_error(output, STAGES)
        assert error.failure_type == FailureType.system_error
        assert error.message == (
            "zendesk_sell_stages: stopped paging GET stages because the API's next_page link points at page 1, "
            "which this read has already requested. Reading on could loop or skip records, so the read fails instead."
        )
        http_mocker.assert_number_of_calls(page_1, 1)
        http_mocker.assert_number_of_calls(page_2, 1)

    @HttpMocker()
    def test_emits_the_api_object_as_returned_including_undocumented_fields(self, http_mocker: HttpMocker) -> None:
        http_mocker.get(ZendeskSellRequest.stages().build(), zendesk_sell_page(STAGES, [1], fields={1: {"new_field": "x"}}))

        (record,) = read_stream(ConfigBuilder().with_zendesk_sell().build(), STAGES).records

        assert record.record.data == {
            "id": 1,
            "name": "Prospecting",
            "category": "incoming",
            "active": True,
            "position": 1,
            "likelihood": 5,
            "pipeline_id": 1,
            "created_at": "2017-09-25T13:12:47Z",
            "updated_at": "2017-09-25T13:12:47Z",
            "locale_key": "stage.prospecting",
            "position_hash": "a0",
            "has_original_name": True,
            "new_field": "x",
        }


class TestPipelines(TestCase):
    @HttpMocker()
    def test_every_page_resends_filters_and_sort_and_only_the_page_changes(self, http_mocker: HttpMocker) -> None:
        config = ConfigBuilder().with_zendesk_sell(pipelines={"ids": [1, 4], "name": "Sales", "disabled": False, "sort_by": ["name:desc"]}).build()
        expected_query = {"ids": "1,4", "name": "Sales", "disabled": "false", "sort_by": "name:desc,id"}
        page_1 = ZendeskSellRequest.pipelines().with_query(**expected_query).with_page(1).build()
        page_2 = ZendeskSellRequest.pipelines().with_query(**expected_query).with_page(2).build()
        http_mocker.get(page_1, zendesk_sell_page(PIPELINES, [4], next_page=2))
        http_mocker.get(page_2, zendesk_sell_page(PIPELINES, [1]))

        assert record_ids(read_stream(config, PIPELINES)) == [4, 1]
        http_mocker.assert_number_of_calls(page_1, 1)
        http_mocker.assert_number_of_calls(page_2, 1)

    @HttpMocker()
    def test_stops_when_next_page_is_absent(self, http_mocker: HttpMocker) -> None:
        request = ZendeskSellRequest.pipelines().build()
        http_mocker.get(request, zendesk_sell_page(PIPELINES, [1, 2]))

        assert record_ids(read_stream(ConfigBuilder().with_zendesk_sell().build(), PIPELINES)) == [1, 2]
        http_mocker.assert_number_of_calls(request, 1)
