"""The CDK internals both connectors rely on (stage_apis/cdk_internals.py) are still there and still
what they were at CHECKED_VERSION. A failure names what to re-check in cdk_internals.py."""

import hashlib
import inspect
import logging
from importlib.metadata import version
from typing import Any, List

import pytest
from airbyte_cdk.destinations import Destination
from airbyte_cdk.logger import PRINT_BUFFER, init_logger
from airbyte_cdk.sources import AbstractSource
from airbyte_cdk.sources.streams import NO_CURSOR_STATE_KEY
from airbyte_cdk.sources.streams.checkpoint import ResumableFullRefreshCursor
from airbyte_cdk.sources.streams.checkpoint.checkpoint_reader import FULL_REFRESH_COMPLETE_STATE
from airbyte_cdk.sources.streams.http import HttpStream
from airbyte_cdk.sources.streams.http.http_client import HttpClient
from airbyte_cdk.utils.print_buffer import PrintBuffer

from stage_apis import cdk_internals
from stage_apis.cdk_internals import CHECKED_VERSION, init_http_stream

# What each relied-on CDK function's source hashed to at CHECKED_VERSION (sha256, first 16 hex
# digits), and what in cdk_internals.py depends on it.
PINNED_SOURCES = [
    (AbstractSource.read, "03a07ff511e7b773", "logged_sync: the log lines around a sync"),
    (AbstractSource._read_stream, "be87865274c2961d", "read_stream: how a stream's read starts; the sentinels"),
    (Destination.run_cmd, "a31bebdc94eb0512", "DestinationWithOwnReaders.run_cmd: the copied check dispatch"),
    (Destination._run_write, "018f96e550f2100a", "DestinationWithOwnReaders._run_write and _parse_input_stream"),
    (Destination._parse_input_stream, "b8d02d7b46a4c743", "DestinationWithOwnReaders._parse_input_stream"),
    (HttpStream.__init__, "08aa62c0716494ee", "init_http_stream: what HttpStream.__init__ reads and calls"),
    (HttpClient._handle_error_resolution, "d09b80cf4e4a8cc5", "WithoutStreamStatus: when HttpClient prints STREAM_STATUS"),
    (PrintBuffer, "60c53f76f798eed9", "print_buffer and flush_print_buffer: its lock, flush and stdout"),
]


def test_the_installed_cdk_is_of_the_checked_minor_version() -> None:
    installed = version("airbyte-cdk")
    assert installed.split(".")[:2] == CHECKED_VERSION.split(".")[:2], (
        f"airbyte-cdk {installed} is installed; stage_apis/cdk_internals.py was checked against {CHECKED_VERSION}. "
        "Re-check every part of it, then update CHECKED_VERSION, the pin in setup.py and the hashes here."
    )


@pytest.mark.parametrize("function, pinned, depends", PINNED_SOURCES, ids=[item[0].__qualname__ for item in PINNED_SOURCES])
def test_a_relied_on_cdk_function_is_unchanged(function: Any, pinned: str, depends: str) -> None:
    digest = hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]
    assert digest == pinned, (
        f"airbyte-cdk's {function.__qualname__} changed since {CHECKED_VERSION}: re-check {depends} in "
        f"stage_apis/cdk_internals.py, then pin its new hash ({digest}) here."
    )


def test_the_sentinels_are_the_cdks_own_state_values() -> None:
    assert cdk_internals.FULL_REFRESH_COMPLETE_STATE == dict(FULL_REFRESH_COMPLETE_STATE)
    assert cdk_internals.NO_CURSOR_STATE == {NO_CURSOR_STATE_KEY: True}
    (key,) = cdk_internals.NO_CURSOR_STATE
    assert f'{{"{key}": True}}' in inspect.getsource(AbstractSource._read_stream)  # the CDK discards it there


def test_the_root_logger_handler_is_of_the_class_stopping_py_changes() -> None:
    logger = init_logger("airbyte")
    assert [type(handler) for handler in logging.getLogger().handlers] == [cdk_internals.LOG_HANDLER_CLASS]
    assert logger.handlers == [] and logger.propagate  # its lines reach that handler


def test_the_private_attributes_exist() -> None:
    assert callable(PRINT_BUFFER.lock._is_owned) and PRINT_BUFFER.lock._is_owned() is False
    assert callable(PRINT_BUFFER.flush)
    for name, parameters in (("_run_write", ["self", "config", "configured_catalog_path", "input_stream"]),
                             ("_parse_input_stream", ["self", "input_stream"])):
        assert list(inspect.signature(getattr(Destination, name)).parameters) == parameters, name


class _Probe(HttpStream):
    """Records what HttpStream.__init__ asks of a stream, in order."""

    url_base = "https://example.com/"
    primary_key = "id"
    asked: List[str] = []

    def __init__(self) -> None:
        init_http_stream(self, authenticator=None, api_budget=None)  # type: ignore[arg-type]

    @property
    def name(self) -> str:
        self.asked.append("name")
        return "probe"

    def get_error_handler(self) -> Any:
        self.asked.append("get_error_handler")
        return super().get_error_handler()

    def get_backoff_strategy(self) -> Any:
        self.asked.append("get_backoff_strategy")
        return super().get_backoff_strategy()

    def path(self, **_: Any) -> str:
        return "probe"

    def next_page_token(self, response: Any) -> None:
        return None

    def parse_response(self, response: Any, **_: Any) -> List[Any]:
        return []


def test_http_stream_init_reads_the_name_and_builds_the_error_handler_and_backoff_at_once() -> None:
    probe = _Probe()
    assert {"name", "get_error_handler", "get_backoff_strategy"} <= set(_Probe.asked)
    # ... and makes a stream without a cursor field resumable full refresh (the Ruddr lists).
    assert isinstance(probe.cursor, ResumableFullRefreshCursor)
