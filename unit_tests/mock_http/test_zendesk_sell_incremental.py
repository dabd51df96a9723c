"""Incremental Zendesk Sell reads against mocked HTTP: every page is read, records at or after the
state's `updated_at` are emitted, the state is the largest `updated_at` seen, a STATE emitted
mid-read is safe to resume from, a future state emits nothing, a malformed state is a config_error."""

from typing import Any, Mapping, Optional
from unittest import TestCase

from airbyte_cdk.models import FailureType, SyncMode
from airbyte_cdk.test.entrypoint_wrapper import EntrypointOutput
from airbyte_cdk.test.mock_http import HttpMocker

from stage_apis.zendesk_sell.streams import ZendeskSellPipelines, ZendeskSellStages
from test_support.mock_http.config import ConfigBuilder
from test_support.mock_http.reads import read_stream, record_ids, states, stream_error
from test_support.mock_http.request_builders import ZendeskSellRequest
from test_support.mock_http.responses import zendesk_sell_page

STAGES, PIPELINES = ZendeskSellStages.name, ZendeskSellPipelines.name
# Pages come in id order; updated_at is in no order at all.
UPDATED = {
    1: "2024-03-01T00:00:00Z",
    2: "2024-05-06T07:08:09Z",  # the largest, on page 1
    3: "2023-01-01T00:00:00Z",
    4: "2024-04-01T00:00:00Z",  # newer than the state, on page 2
}


def read_incremental(config: Mapping[str, Any], stream: str, state: Optional[Mapping[str, Any]] = None,
                     sync_mode: SyncMode = SyncMode.incremental, expect_error: bool = False) -> EntrypointOutput:
    return read_stream(config, stream, sync_mode, state, expect_error)


class TestIncrementalStages(TestCase):
    def _two_pages(self, http_mocker: HttpMocker) -> tuple:
        page_1 = ZendeskSellRequest.stages().with_per_page(2).build()
        page_2 = ZendeskSellRequest.stages().with_per_page(2).with_page(2).build()
        fields = {stage_id: {"updated_at": updated_at} for stage_id, updated_at in UPDATED.items()}
        http_mocker.get(page_1, zendesk_sell_page(STAGES, [1, 2], next_page=2, fields=fields))
        http_mocker.get(page_2, zendesk_sell_page(STAGES, [3, 4], fields=fields))
        return page_1, page_2

    @HttpMocker()
    def test_without_state_every_record_and_the_largest_updated_at(self, http_mocker: HttpMocker) -> None:
        self._two_pages(http_mocker)

        output = read_incremental(ConfigBuilder().with_zendesk_sell().with_page_size(2).build(), STAGES)

        assert record_ids(output) == [1, 2, 3, 4]
        assert states(output)[-1] == {"updated_at": "2024-05-06T07:08:09Z"}

    @HttpMocker()
    def test_with_state_reads_every_page_and_emits_records_at_or_after_the_cursor(self, http_mocker: HttpMocker) -> None:
        page_1, page_2 = self._two_pages(http_mocker)

        output = read_incremental(
            ConfigBuilder().with_zendesk_sell().with_page_size(2).build(), STAGES, {"updated_at": "2024-03-01T00:00:00Z"}
        )

        assert record_ids(output) == [1, 2, 4]  # 1 is exactly at the cursor: "at or after"
        assert states(output)[-1] == {"updated_at": "2024-05-06T07:08:09Z"}
        http_mocker.assert_number_of_calls(page_1, 1)
        http_mocker.assert_number_of_calls(page_2, 1)

    @HttpMocker()
    def test_a_state_emitted_mid_read_keeps_the_starting_cursor(self, http_mocker: HttpMocker) -> None:
        self._two_pages(http_mocker)
        start = {"updated_at": "2020-01-01T00:00:00Z"}

        output = read_incremental(ConfigBuilder().with_zendesk_sell().with_page_size(2).build(), STAGES, start)

        messages = [(m.type.name, m.record.data["id"] if m.record else m.state.stream.stream_state.__dict__)
                    for m in output.records_and_state_messages]
        # After page 1 the largest updated_at seen is 2024-05-06, but record 4 (2024-04-01) is still
        # unread on page 2: a sync that failed there and resumed from 2024-05-06 would lose it.
        assert messages == [
            ("RECORD", 1), ("RECORD", 2), ("STATE", start),
            ("RECORD", 3), ("RECORD", 4), ("STATE", start),
            ("STATE", {"updated_at": "2024-05-06T07:08:09Z"}),
        ]

    @HttpMocker()
    def test_a_state_from_the_future_emits_nothing_and_stays(self, http_mocker: HttpMocker) -> None:
        self._two_pages(http_mocker)
        future = {"updated_at": "2999-01-01T00:00:00Z"}

        output = read_incremental(ConfigBuilder().with_zendesk_sell().with_page_size(2).build(), STAGES, future)

        assert record_ids(output) == []
        assert states(output)[-1] == future

    @HttpMocker()
    def test_a_full_refresh_ignores_a_state(self, http_mocker: HttpMocker) -> None:
        self._two_pages(http_mocker)

        output = read_incremental(
            ConfigBuilder().with_zendesk_sell().with_page_size(2).build(), STAGES, {"updated_at": "2999-01-01T00:00:00Z"},
            sync_mode=SyncMode.full_refresh,
        )

        assert record_ids(output) == [1, 2, 3, 4]

    @HttpMocker()
    def test_pipelines_are_incremental_on_updated_at_too(self, http_mocker: HttpMocker) -> None:
        fields = {10: {"updated_at": "2021-06-07T10:00:00Z"}, 11: {"updated_at": "2023-11-30T17:45:09Z"}}
        http_mocker.get(ZendeskSellRequest.pipelines().build(), zendesk_sell_page(PIPELINES, [10, 11], fields=fields))

        output = read_incremental(ConfigBuilder().with_zendesk_sell().build(), PIPELINES, {"updated_at": "2022-01-01T00:00:00+00:00"})

        assert record_ids(output) == [11]
        assert states(output)[-1] == {"updated_at": "2023-11-30T17:45:09Z"}

    @HttpMocker()
    def test_a_record_without_a_readable_updated_at_is_emitted_and_does_not_move_the_state(self, http_mocker: HttpMocker) -> None:
        fields = {1: {"updated_at": None}, 2: {"updated_at": "2019-01-01T00:00:00Z"}}
        http_mocker.get(ZendeskSellRequest.stages().build(), zendesk_sell_page(STAGES, [1, 2], fields=fields))
        start = {"updated_at": "2020-01-01T00:00:00Z"}

        output = read_incremental(ConfigBuilder().with_zendesk_sell().build(), STAGES, start)

        assert record_ids(output) == [1]
        assert states(output)[-1] == start


class TestMalformedState(TestCase):
    def test_each_malformed_state_is_a_config_error_naming_the_stream_and_the_shape(self) -> None:
        for state in (
            {"updated_at": "yesterday"},
            {"updated_at": 1714979289},
            {"updated_at": "2024-05-06T07:08:09"},  # no UTC offset: ambiguous
            {"updated_at": None},
            {"page": 2},
            {"updated_at": "2024-05-06T07:08:09Z", "extra": 1},
        ):
            output = read_incremental(ConfigBuilder().with_zendesk_sell().build(), STAGES, state, expect_error=True)

            error = stream_error(output, STAGES)
            assert error.failure_type == FailureType.config_error, state
            assert error.message.startswith("Invalid config: the state of the stream `zendesk_sell_stages` is not {} or "), error.message
            assert "2024-05-06T07:08:09Z" in error.message
            assert output.records == []
