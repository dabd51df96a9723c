"""What a read is asked for, checked once before anything is read, for both read paths.

- The configured catalog's streams: a stream the source does not have with this config, no stream
  at all, or a stream selected twice is a config_error (a read of nothing, or of less than was
  asked, must not end "successfully"). A stream asked incrementally that supports full refresh
  only is read whole, with a warning: its records are complete, and an append destination would
  otherwise collect each of them once per sync without a word.
- The state passed back: a stream whose state says its full refresh finished starts again from
  the beginning. The CDK would skip a resumable full-refresh stream given its finished state
  (stage_apis/cdk_internals.py); the Airbyte platform clears that state between jobs, but
  runners that keep state (PyAirbyte, airbyte-serverless) pass it back, and the stream would then
  never be read again. A page token (an attempt that stopped mid-read) still resumes.
"""

import dataclasses
import logging
from collections import Counter
from collections.abc import Mapping

from airbyte_cdk.models import (
    AirbyteStateMessage,
    AirbyteStateType,
    ConfiguredAirbyteCatalog,
    FailureType,
    StreamDescriptor,
    SyncMode,
)
from airbyte_cdk.sources.streams import Stream
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from stage_apis.cdk_internals import FINISHED_FULL_REFRESH_STATES


def check_selection(catalog: ConfiguredAirbyteCatalog, streams: Mapping[str, Stream], logger: logging.Logger) -> None:
    selected = [configured.stream.name for configured in catalog.streams]
    available = ", ".join(f"`{name}`" for name in streams)
    if not selected:
        raise _catalog_error(f"The configured catalog selects no stream; select at least one of {available}.")
    unknown = [name for name in dict.fromkeys(selected) if name not in streams]
    if unknown:
        raise _catalog_error(
            f"The configured catalog selects stream(s) this source does not have: {_listed(unknown)}. With this "
            f"config it has {available} (a provider's streams exist only when its block is configured). Refresh "
            "the source schema (discover) and select only those."
        )
    twice = [name for name, count in Counter(selected).items() if count > 1]
    if twice:
        raise _catalog_error(
            f"The configured catalog selects the stream(s) {_listed(twice)} more than once; select each once."
        )
    for configured in catalog.streams:
        name = configured.stream.name
        if configured.sync_mode == SyncMode.incremental and not streams[name].supports_incremental:
            logger.warning(
                f"{name}: the catalog asks for an incremental sync, but this stream supports full refresh only; every "
                "sync reads it whole (an append destination then holds each record once per sync; dedupe on the "
                "primary key)."
            )


def restart_finished_full_refreshes(
    state: list[AirbyteStateMessage] | None, logger: logging.Logger
) -> list[AirbyteStateMessage] | None:
    """The state without the streams whose state says their full refresh finished. A stream's state
    is its last STREAM message, as the CDK's state manager takes it: a runner that passes back every
    STATE passes a finished read's page tokens before its final state, and they must go too."""
    if not state:
        return state
    last = {
        _key(message.stream.stream_descriptor): message.stream.stream_state
        for message in state
        if message.type == AirbyteStateType.STREAM and message.stream is not None
    }
    finished = [key for key, stream_state in last.items() if _finished(stream_state)]
    for name, _ in finished:
        logger.info(f"{name}: its state says its last full refresh finished; it is read again from the beginning.")
    kept = []
    for message in state:
        if message.type == AirbyteStateType.STREAM and message.stream is not None:
            if _key(message.stream.stream_descriptor) in finished:
                continue
        elif message.type == AirbyteStateType.GLOBAL and message.global_ is not None:
            stream_states = [item for item in message.global_.stream_states or [] if not _finished(item.stream_state)]
            message = dataclasses.replace(
                message, global_=dataclasses.replace(message.global_, stream_states=stream_states)
            )
        kept.append(message)
    return kept


def _key(descriptor: StreamDescriptor) -> tuple[str, str | None]:
    return descriptor.name, descriptor.namespace


def _finished(stream_state: object) -> bool:
    """Whether a stream state (an AirbyteStateBlob as read from a file, or a mapping) is a finished
    full refresh's."""
    if stream_state is None:
        return False
    return (
        dict(stream_state if isinstance(stream_state, Mapping) else vars(stream_state)) in FINISHED_FULL_REFRESH_STATES
    )


def _listed(names: list[str]) -> str:
    return ", ".join(f"`{name}`" for name in names)


def _catalog_error(message: str) -> AirbyteTracedException:
    return AirbyteTracedException(message=message, internal_message=message, failure_type=FailureType.config_error)
