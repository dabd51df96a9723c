"""Progress lines of a long read: none for a short read, one per interval, a last one at the end."""

import logging
from typing import List
from unittest import TestCase
from unittest.mock import patch

from airbyte_cdk.test.mock_http import HttpMocker

from stage_apis.progress import ReadProgress
from test_support.mock_http.config import ConfigBuilder
from test_support.mock_http.reads import read_stream
from test_support.mock_http.request_builders import ZendeskSellRequest
from test_support.mock_http.responses import zendesk_sell_page


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: List[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def progress_with_log(interval: float = 10.0):
    clock, handler = FakeClock(), ListHandler()
    logger = logging.getLogger(f"test-progress-{id(handler)}")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return ReadProgress("zendesk_sell_stages", logger, interval_seconds=interval, clock=clock), clock, handler.lines


def test_a_read_shorter_than_the_interval_logs_nothing():
    progress, clock, lines = progress_with_log()
    for _ in range(3):
        clock.now += 2
        progress.page(100)
    progress.done()
    assert lines == []


def test_a_long_read_logs_once_per_interval_and_when_it_ends():
    progress, clock, lines = progress_with_log()
    for _ in range(25):  # 25 pages, 1 s each
        clock.now += 1
        progress.page(100)
    progress.done()
    assert lines == [
        "zendesk_sell_stages: so far 10 pages, 1,000 records in 10 s",
        "zendesk_sell_stages: so far 20 pages, 2,000 records in 20 s",
        "zendesk_sell_stages: done 25 pages, 2,500 records in 25 s",
    ]


def test_start_begins_a_new_count():
    progress, clock, lines = progress_with_log()
    clock.now += 11
    progress.page(7)
    progress.start()
    clock.now += 11
    progress.page(3)
    progress.done()
    assert lines[-2:] == [
        "zendesk_sell_stages: so far 1 pages, 3 records in 11 s",
        "zendesk_sell_stages: done 1 pages, 3 records in 11 s",
    ]


class TestProgressInARead(TestCase):
    @HttpMocker()
    def test_a_read_logs_progress_per_page_when_the_interval_is_zero(self, http_mocker: HttpMocker) -> None:
        http_mocker.get(
            ZendeskSellRequest.stages().with_page(1).build(), zendesk_sell_page("zendesk_sell_stages", [1, 2], next_page=2)
        )
        http_mocker.get(ZendeskSellRequest.stages().with_page(2).build(), zendesk_sell_page("zendesk_sell_stages", [3]))

        with patch("stage_apis.progress.PROGRESS_INTERVAL_SECONDS", 0.0):
            output = read_stream(ConfigBuilder().with_zendesk_sell().build(), "zendesk_sell_stages")

        messages = [log.log.message for log in output.logs]
        progress = [m for m in messages if m.startswith("zendesk_sell_stages: ") and " pages, " in m]
        assert [m.rsplit(" in ", 1)[0] for m in progress] == [
            "zendesk_sell_stages: so far 1 pages, 2 records",
            "zendesk_sell_stages: so far 2 pages, 3 records",
            "zendesk_sell_stages: done 2 pages, 3 records",
        ]
