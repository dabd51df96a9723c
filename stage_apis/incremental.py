"""Incremental reads on a timestamp field the API can neither filter nor sort on (Zendesk Sell's
`updated_at`): every page is read, and a record is emitted when its cursor value is at or after
the state's. The state is `{"<cursor field>": "<the largest value seen>"}`, as the API wrote it.

Pages come in id order, not cursor order, so the largest value seen so far is no safe resume
point until the last page is in: a STATE emitted mid-read carries the cursor the read started
from (resuming from it loses nothing), and only the STATE after the last page carries the new
maximum. A state from the future stays as it is and emits nothing.
"""

from collections.abc import Iterable, Mapping, MutableMapping
from datetime import datetime
from typing import ClassVar

import requests
from airbyte_cdk.models import SyncMode

from stage_apis.config.blocks import EndpointOptions
from stage_apis.config.validation import ConfigError
from stage_apis.connection import Connection
from stage_apis.list_stream import ListStream, ReadObserver

SINCE = "since"  # the slice's key: the cursor value a record must reach to be emitted, or None


class IncrementalListStream(ListStream):
    """A list stream whose endpoint declares a cursor field."""

    cursor_field: ClassVar[str]  # a timestamp field of the records

    def __init__(
        self,
        connection: Connection,
        page_size: int,
        options: EndpointOptions | None = None,
        recorder: ReadObserver | None = None,
    ):
        self._started_from: str | None = None  # the state's cursor value when the read began
        self._largest: str | None = None  # the largest cursor value seen in this read
        self._largest_time: datetime | None = None
        self._read_complete = False
        super().__init__(connection, page_size, options, recorder)

    @property
    def state_checkpoint_interval(self) -> int:
        """One STATE per page's worth of records, as resumable full refresh would have emitted."""
        return self._page_size

    @property
    def state(self) -> MutableMapping[str, object]:
        value = self._started_from
        if (
            self._read_complete
            and self._largest_time is not None
            and (value is None or self._largest_time > _parse(value))
        ):
            value = self._largest
        return {} if value is None else {self.cursor_field: value}

    @state.setter
    def state(self, value: Mapping[str, object]) -> None:
        self._started_from = self._validated_cursor(value)
        self._largest, self._largest_time, self._read_complete = None, None, False

    def stream_slices(
        self,
        *,
        sync_mode: SyncMode,
        cursor_field: list[str] | None = None,
        stream_state: Mapping[str, object] | None = None,
    ) -> Iterable[Mapping[str, object] | None]:
        # A full refresh emits every record, whatever state it was given.
        since = (stream_state or {}).get(self.cursor_field) if sync_mode == SyncMode.incremental else None
        return [{SINCE: since}]

    def parse_response(
        self,
        response: requests.Response,
        *,
        stream_state: Mapping[str, object] | None = None,
        stream_slice: Mapping[str, object] | None = None,
        next_page_token: Mapping[str, object] | None = None,
    ) -> Iterable[Mapping[str, object]]:
        records = super().parse_response(
            response, stream_state=stream_state, stream_slice=stream_slice, next_page_token=next_page_token
        )
        since_value = stream_slice.get(SINCE) if stream_slice else None
        since = _parse(since_value) if isinstance(since_value, str) and since_value else None
        field, largest, largest_time = self.cursor_field, self._largest, self._largest_time
        emitted = []
        for record in records:
            value = record.get(field)
            time = _parse_or_none(value)
            if time is not None and (largest_time is None or time > largest_time):
                largest, largest_time = str(value), time  # a string: it parsed
            # A record without a readable cursor value cannot be judged old: it is emitted.
            if since is None or time is None or time >= since:
                emitted.append(record)
        self._largest, self._largest_time = largest, largest_time
        return emitted

    def next_page_token(self, response: requests.Response) -> Mapping[str, object] | None:
        token = super().next_page_token(response)
        self._read_complete = token is None
        return token

    def _validated_cursor(self, state: object) -> str | None:
        """The state's cursor value, or None for an empty state; a ConfigError for anything else."""
        expected = (
            f'{{}} or {{"{self.cursor_field}": "<ISO-8601 date-time with a UTC offset, e.g. 2024-05-06T07:08:09Z>"}}'
        )
        if not isinstance(state, Mapping) or set(state) - {self.cursor_field}:
            raise ConfigError(f"the state of the stream `{self.name}` is not {expected}: got {_shown(state)}.")
        if not state:
            return None
        value = state[self.cursor_field]
        if not isinstance(value, str) or _parse_or_none(value) is None:
            raise ConfigError(f"the state of the stream `{self.name}` is not {expected}: got {_shown(state)}.")
        return value


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _parse_or_none(value: object) -> datetime | None:
    """The aware datetime of an ISO-8601 string, or None (not a string, not ISO-8601, no offset)."""
    if not isinstance(value, str):
        return None
    try:
        time = datetime.fromisoformat(value)
    except ValueError:
        return None
    return time if time.tzinfo is not None else None


def _shown(state: object) -> str:
    text = repr(state)
    return text if len(text) <= 120 else text[:117] + "..."
