"""The unified `stages` stream end to end against mocked HTTP: the join with pipeline names, one
warning per sync for unknown categories, only configured providers, the raw streams' filters,
and the requests it saves by reusing the raw streams' reads of the same sync."""

from unittest import TestCase

from airbyte_cdk.test.entrypoint_wrapper import EntrypointOutput
from airbyte_cdk.test.mock_http import HttpMocker

from sandbox.connectors import RAW_STREAMS
from stage_apis.unified_stage import UNIFIED_STREAM
from test_support.mock_http.config import ConfigBuilder
from test_support.mock_http.reads import read_streams, warnings
from test_support.mock_http.request_builders import RuddrRequest, ZendeskSellRequest
from test_support.mock_http.responses import ruddr_ids, ruddr_page, zendesk_sell_page

PIPELINE = ruddr_ids(1, offset=900)[0]


def unified(output: EntrypointOutput) -> list:
    return [message.record.data for message in output.records if message.record.stream == UNIFIED_STREAM]


class TestUnifiedStages(TestCase):
    def _mock_both(self, http_mocker: HttpMocker) -> dict:
        requests = {
            "zendesk_sell_stages": ZendeskSellRequest.stages().build(),
            "zendesk_sell_pipelines": ZendeskSellRequest.pipelines().build(),
            "ruddr_opportunity_stages": RuddrRequest.opportunity_stages().build(),
            "ruddr_opportunity_pipelines": RuddrRequest.opportunity_pipelines().build(),
        }
        stage_fields = {
            1: {"pipeline_id": 10, "category": "won", "likelihood": None},
            2: {"pipeline_id": 10, "category": "negotiation"},
            3: {"pipeline_id": 11, "category": "negotiation"},
            4: {"pipeline_id": 10, "category": "review"},
        }
        http_mocker.get(requests["zendesk_sell_stages"], zendesk_sell_page("zendesk_sell_stages", [1, 2, 3, 4], fields=stage_fields))
        http_mocker.get(
            requests["zendesk_sell_pipelines"],
            zendesk_sell_page("zendesk_sell_pipelines", [10, 11], fields={10: {"name": "Sales"}, 11: {"name": "Partners"}}),
        )
        (stage_id,) = ruddr_ids(1)
        http_mocker.get(
            requests["ruddr_opportunity_stages"],
            ruddr_page("ruddr_opportunity_stages", [stage_id], fields={stage_id: {"opportunityPipelineId": PIPELINE, "statusId": "lost"}}),
        )
        http_mocker.get(
            requests["ruddr_opportunity_pipelines"], ruddr_page("ruddr_opportunity_pipelines", [PIPELINE], fields={PIPELINE: {"name": "Delivery"}})
        )
        return requests

    @HttpMocker()
    def test_alone_it_reads_each_list_once_and_joins_pipeline_names(self, http_mocker: HttpMocker) -> None:
        requests = self._mock_both(http_mocker)
        config = ConfigBuilder().with_zendesk_sell().with_ruddr().build()

        records = unified(read_streams(config, [UNIFIED_STREAM]))

        assert [(r["source"], r["id"], r["pipeline_name"], r.get("status")) for r in records] == [  # nulls are omitted
            ("zendesk_sell", "1", "Sales", "won"),
            ("zendesk_sell", "2", "Sales", None),
            ("zendesk_sell", "3", "Partners", None),
            ("zendesk_sell", "4", "Sales", None),
            ("ruddr", ruddr_ids(1)[0], "Delivery", "lost"),
        ]
        assert records[0]["win_probability"] == 1.0
        for request in requests.values():
            http_mocker.assert_number_of_calls(request, 1)

    @HttpMocker()
    def test_with_the_raw_streams_it_makes_no_request_of_its_own_in_any_catalog_order(self, http_mocker: HttpMocker) -> None:
        requests = self._mock_both(http_mocker)
        config = ConfigBuilder().with_zendesk_sell().with_ruddr().build()

        output = read_streams(config, [UNIFIED_STREAM, *RAW_STREAMS])

        assert len(unified(output)) == 5
        assert len(output.records) == 5 + 4 + 2 + 1 + 1
        for request in requests.values():
            http_mocker.assert_number_of_calls(request, 1)

    @HttpMocker()
    def test_unknown_categories_give_one_warning_per_sync_naming_them(self, http_mocker: HttpMocker) -> None:
        self._mock_both(http_mocker)
        config = ConfigBuilder().with_zendesk_sell().with_ruddr().build()

        output = read_streams(config, [UNIFIED_STREAM])

        unknown = [message for message in warnings(output) if "category the API docs do not list" in message]
        assert unknown == [
            "stages: 3 stage(s) have a category the API docs do not list, so their status is null (their category "
            "is kept): zendesk_sell 'negotiation' (2), zendesk_sell 'review' (1)."
        ]

    @HttpMocker()
    def test_only_configured_providers_contribute(self, http_mocker: HttpMocker) -> None:
        (stage_id,) = ruddr_ids(1)
        stages = RuddrRequest.opportunity_stages().build()
        pipelines = RuddrRequest.opportunity_pipelines().build()
        http_mocker.get(stages, ruddr_page("ruddr_opportunity_stages", [stage_id]))
        http_mocker.get(pipelines, ruddr_page("ruddr_opportunity_pipelines", [PIPELINE]))

        output = read_streams(ConfigBuilder().with_ruddr().build(), [UNIFIED_STREAM])

        assert [(r["source"], r["id"]) for r in unified(output)] == [("ruddr", stage_id)]
        assert warnings(output) == []

    @HttpMocker()
    def test_the_raw_streams_filters_apply_and_their_reads_are_reused(self, http_mocker: HttpMocker) -> None:
        ids = ruddr_ids(3)
        stages = RuddrRequest.opportunity_stages().with_query(name="Won").build()
        pipelines = RuddrRequest.opportunity_pipelines().build()
        fields = {ids[0]: {"statusId": "won"}, ids[1]: {"statusId": "open"}, ids[2]: {"statusId": "won"}}
        http_mocker.get(stages, ruddr_page("ruddr_opportunity_stages", ids, fields=fields))
        http_mocker.get(pipelines, ruddr_page("ruddr_opportunity_pipelines", [PIPELINE]))
        config = ConfigBuilder().with_ruddr(opportunity_stages={"name": "Won", "status_id": "won"}).build()

        output = read_streams(config, ["ruddr_opportunity_stages", UNIFIED_STREAM])

        assert [r["id"] for r in unified(output)] == [ids[0], ids[2]]
        http_mocker.assert_number_of_calls(stages, 1)
        http_mocker.assert_number_of_calls(pipelines, 1)

    @HttpMocker()
    def test_a_raw_stream_read_in_two_pages_is_reused_whole(self, http_mocker: HttpMocker) -> None:
        page_1 = ZendeskSellRequest.stages().with_per_page(2).build()
        page_2 = ZendeskSellRequest.stages().with_per_page(2).with_page(2).build()
        pipelines = ZendeskSellRequest.pipelines().with_per_page(2).build()
        http_mocker.get(page_1, zendesk_sell_page("zendesk_sell_stages", [1, 2], next_page=2))
        http_mocker.get(page_2, zendesk_sell_page("zendesk_sell_stages", [3]))
        http_mocker.get(pipelines, zendesk_sell_page("zendesk_sell_pipelines", [1]))
        config = ConfigBuilder().with_zendesk_sell().with_page_size(2).build()

        output = read_streams(config, ["zendesk_sell_stages", "zendesk_sell_pipelines", UNIFIED_STREAM])

        assert [r["id"] for r in unified(output)] == ["1", "2", "3"]
        for request in (page_1, page_2, pipelines):
            http_mocker.assert_number_of_calls(request, 1)
