"""Every part of airbyte-cdk that both connectors rely on although the CDK does not offer it as
public: its state sentinels, private attributes and methods, code copied from it, and the order of
calls inside it. Checked against airbyte-cdk CHECKED_VERSION; setup.py allows that minor version
only, and unit_tests/test_cdk_internals.py fails, naming what to re-check here, when one of these
assumptions no longer holds (a new CDK version, or a CDK function changed since it was copied).

Public here means exported by `airbyte_cdk` or one of its packages, with no leading underscore,
and used as documented. Everything else the connectors need from the CDK is in this module.
"""

import argparse
import io
import logging
from collections.abc import Iterable, Iterator, Mapping
from typing import BinaryIO, cast

import requests
from airbyte_cdk.destinations import Destination
from airbyte_cdk.logger import PRINT_BUFFER
from airbyte_cdk.models import AirbyteMessage, ConfiguredAirbyteCatalog, ConfiguredAirbyteStream, Type
from airbyte_cdk.sources.connector_state_manager import ConnectorStateManager
from airbyte_cdk.sources.streams import Stream
from airbyte_cdk.sources.streams.call_rate import APIBudget
from airbyte_cdk.sources.streams.core import StreamData
from airbyte_cdk.sources.streams.http import HttpStream
from airbyte_cdk.sources.streams.http.error_handlers import ErrorHandler, ErrorResolution, ResponseAction
from airbyte_cdk.sources.utils.schema_helpers import InternalConfig
from airbyte_cdk.sources.utils.slice_logger import DebugSliceLogger
from airbyte_cdk.utils import PrintBuffer
from airbyte_cdk.utils.airbyte_secrets_utils import get_secrets, update_secrets
from requests.auth import AuthBase

CHECKED_VERSION = "7.39.1"

# --- State sentinels ---------------------------------------------------------------------------
# The states a full refresh ends with: a resumable one (`checkpoint_reader.FULL_REFRESH_COMPLETE_STATE`,
# which the CDK then skips if it is passed back) and one that is not (`NO_CURSOR_STATE_KEY`). The
# source starts such a stream again from the beginning (source_stages/selection.py).
FULL_REFRESH_COMPLETE_STATE = {"__ab_full_refresh_sync_complete": True}
NO_CURSOR_STATE = {"__ab_no_cursor_state_message": True}
FINISHED_FULL_REFRESH_STATES = (FULL_REFRESH_COMPLETE_STATE, NO_CURSOR_STATE)


# --- HttpStream.__init__ -----------------------------------------------------------------------
def init_http_stream(stream: HttpStream, authenticator: AuthBase, api_budget: APIBudget) -> None:
    """`HttpStream.__init__`, for a stream that has set everything it reads: that __init__ builds
    the stream's HttpClient at once, reading `name` and calling `get_error_handler()` and
    `get_backoff_strategy()`, and then decides about resumable full refresh from `cursor` and
    `cursor_field`. A stream calls this last in its own __init__."""
    HttpStream.__init__(stream, authenticator=authenticator, api_budget=api_budget)


# --- HttpClient's STREAM_STATUS ----------------------------------------------------------------
class WithoutStreamStatus(ErrorHandler):
    """`handler`'s resolutions, RATE_LIMITED given as RETRY.

    The CDK's HttpClient prints a STREAM_STATUS trace (RUNNING, reason RATE_LIMITED) named after the
    client whenever its error handler resolves a response as RATE_LIMITED
    (`HttpClient._handle_error_resolution`). A destination has no streams to report on, so its
    clients resolve such a response as RETRY, with the same failure type and message. The client
    retries it as before: the same backoff strategy and the same retries; once they are spent, the
    handler's own FAIL names the API and what to do (errors.py, rate_limit_exhausted). Only the
    trace is gone."""

    def __init__(self, handler: ErrorHandler):
        self._handler = handler

    @property
    def max_retries(self) -> int | None:
        return self._handler.max_retries

    @property
    def max_time(self) -> int | None:
        return self._handler.max_time

    def interpret_response(self, response: requests.Response | Exception | None) -> ErrorResolution:
        resolution = self._handler.interpret_response(response)
        if resolution.response_action is not ResponseAction.RATE_LIMITED:
            return resolution
        return ErrorResolution(ResponseAction.RETRY, resolution.failure_type, resolution.error_message)


# --- The CDK's print buffer --------------------------------------------------------------------
def print_buffer() -> PrintBuffer:
    """`PRINT_BUFFER` (airbyte_cdk.logger): while it is entered, sys.stdout and sys.stderr write
    into it, and it prints under its lock; the console scripts print their messages through it."""
    return PRINT_BUFFER


def flush_print_buffer(timeout: float) -> None:
    """Prints what the print buffer holds, unless this thread was interrupted inside it (its
    buffer may be half written: it is left, rather than printed twice) or its lock stays taken for
    `timeout` seconds. Its lock is an RLock, and `RLock._is_owned` is how `threading.Condition`
    asks whether this thread holds it."""
    lock = PRINT_BUFFER.lock
    if lock._is_owned():  # type: ignore[attr-defined]  # private to RLock, so typeshed leaves it out
        return
    if not lock.acquire(timeout=timeout):
        return
    try:
        PRINT_BUFFER.flush()
    except (OSError, ValueError, RuntimeError):  # closed, or a reentrant write to stdout
        pass
    finally:
        lock.release()


# The class of the handler `init_logger` gives the root logger (`LOGGING_CONFIG`, writing into
# the print buffer): stopping.py makes a broken pipe met by a LOG line stop the process through it.
LOG_HANDLER_CLASS = logging.StreamHandler


# --- AbstractSource.read, copied for the concurrent read ----------------------------------------
def logged_sync(
    source_name: str, logger: logging.Logger, messages: Iterable[AirbyteMessage]
) -> Iterator[AirbyteMessage]:
    """`messages` between the two log lines `AbstractSource.read` writes around a sync."""
    logger.info(f"Starting syncing {source_name}")
    yield from messages
    logger.info(f"Finished syncing {source_name}")


def read_stream(
    stream: Stream,
    configured_stream: ConfiguredAirbyteStream,
    state_manager: ConnectorStateManager,
    internal_config: InternalConfig,
    logger: logging.Logger,
) -> Iterable[StreamData]:
    """One stream's records and messages, as `AbstractSource._read_stream` starts its read: the
    stream's state from the state manager, set on the stream when it keeps one, then `Stream.read`."""
    stream_state = state_manager.get_stream_state(stream.name, stream.namespace)
    if "state" in dir(stream):
        stream.state = stream_state  # type: ignore[attr-defined]  # a Stream that keeps a state has one (checked above)
    return stream.read(configured_stream, logger, DebugSliceLogger(), stream_state, state_manager, internal_config)


# --- Destination --------------------------------------------------------------------------------
class DestinationWithOwnReaders(Destination):
    """The CDK's `Destination` with its config check, its catalog reader and its stdin reader
    replaced by the connector's: `check` validates the config as `write` does (not with the CDK's
    JSON-schema check, which `Destination.run_cmd` runs before every `check` whatever
    `check_config_against_spec` says); `write` reads its catalog with `read_catalog` (the CDK's own
    reader raises a bare exception for a bad file) and stdin with `read_input`."""

    @staticmethod
    def read_catalog(catalog_path: str) -> ConfiguredAirbyteCatalog:
        raise NotImplementedError

    def read_input(self, stdin: BinaryIO, logger: logging.Logger) -> Iterable[AirbyteMessage]:
        raise NotImplementedError

    def run_cmd(self, parsed_args: argparse.Namespace) -> Iterable[AirbyteMessage]:
        if parsed_args.command != "check":
            yield from super().run_cmd(parsed_args)
            return
        # What `Destination.run_cmd` does for `check`, less its JSON-schema check: the config's
        # secrets masked in every later line, then `check`.
        config = self.read_config(parsed_args.config)
        update_secrets(get_secrets(self.spec(logging.getLogger()).connectionSpecification, config))
        status = self.check(logging.getLogger("airbyte"), config)
        yield AirbyteMessage(type=Type.CONNECTION_STATUS, connectionStatus=status)

    def _run_write(
        self, config: Mapping[str, object], configured_catalog_path: str, input_stream: io.TextIOWrapper
    ) -> Iterable[AirbyteMessage]:
        # `Destination._run_write`, with the catalog read by read_catalog.
        catalog = self.read_catalog(configured_catalog_path)
        logger = logging.getLogger("airbyte")
        logger.info("Begin writing to the destination...")
        yield from self.write(
            config=config, configured_catalog=catalog, input_messages=self._parse_input_stream(input_stream)
        )
        logger.info("Writing complete.")

    def _parse_input_stream(self, input_stream: io.TextIOWrapper) -> Iterable[AirbyteMessage]:
        # `Destination._run_write` hands this hook stdin wrapped as UTF-8 text, and its default
        # skips each line orjson cannot parse; the bytes beneath are read instead.
        return self.read_input(cast(BinaryIO, input_stream.buffer), logging.getLogger("airbyte"))
