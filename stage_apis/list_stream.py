"""`ListStream`: the one list client, for every list endpoint of both APIs and both connectors.
Each endpoint is a thin subclass that declares its data (zendesk_sell/streams.py,
ruddr/streams.py): its stream name, its `Api` (how the API wraps records, pages and sorts), its
path, its options model (filters and sort, the config's options block) and, if incremental, its
cursor field (incremental.py). The source reads the streams of its catalog; the destination reads
Ruddr's lists through the same classes (`read_only_records`).

An endpoint without a cursor field (Ruddr) is resumable full refresh (the CDK default for an
`HttpStream` that does not override `read_records`): the CDK reads one page per call and
checkpoints the next page's token as state, so a failed attempt can resume where it stopped.
That costs one small STATE message per page (one per 100 records at the default page size).
"""

from collections.abc import Iterable, Mapping, MutableMapping
from typing import ClassVar, Protocol

import requests
from airbyte_cdk.models import FailureType
from airbyte_cdk.sources.streams.http import HttpStream
from airbyte_cdk.sources.streams.http.error_handlers import BackoffStrategy, ErrorHandler
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from stage_apis.api import Api
from stage_apis.cdk_internals import init_http_stream
from stage_apis.config.blocks import EndpointOptions
from stage_apis.connection import Connection
from stage_apis.errors import RetryAfterBackoffStrategy, StagesErrorHandler
from stage_apis.http_settings import proxy_settings, request_timeout
from stage_apis.normalize import SchemaNormalizer
from stage_apis.page_reader import PageReader
from stage_apis.pagination import PaginationError, Records
from stage_apis.progress import ReadProgress


class ReadObserver(Protocol):
    """Sees a read's records page by page (the source's shared reads)."""

    def first_page(self) -> None: ...

    def add(self, records: Records) -> None: ...

    def last_page(self) -> None: ...


class ListStream(HttpStream):
    name: ClassVar[str]  # the stream's name; its schema is schemas/<name>.json
    api: ClassVar[Api]
    list_path: ClassVar[str]  # relative to the API root, no leading slash
    options_model: ClassVar[type[EndpointOptions]]
    primary_key = "id"

    def __init__(
        self,
        connection: Connection,
        page_size: int,
        options: EndpointOptions | None = None,
        recorder: ReadObserver | None = None,
    ):
        """`options`: the endpoint's filters and sort (none and the default sort if left out);
        `recorder`: sees every complete read's records."""
        options = options or self.options_model()
        self._connection = connection
        self._page_size = page_size
        self._url_base = connection.api_url
        self._proxy_settings = proxy_settings(self._url_base)
        self._fixed_params = options.query_params() | self.api.sort_params(options.sort_items)
        self._record_matches = options.record_filter()
        self._page_reader = PageReader(self.name, self.api.label, self.api.envelope)
        self._paginator = self.api.paginator(page_size)
        self._recorder = recorder
        init_http_stream(self, authenticator=connection.authenticator, api_budget=connection.api_budget)
        self._progress = ReadProgress(self.name, self.logger)
        self.transformer = SchemaNormalizer(self.name, self.get_json_schema())

    @property
    def url_base(self) -> str:
        return self._url_base

    def path(self, **_: object) -> str:
        return self.list_path

    def request_params(
        self,
        stream_state: Mapping[str, object] | None,
        stream_slice: Mapping[str, object] | None = None,
        next_page_token: Mapping[str, object] | None = None,
    ) -> MutableMapping[str, object]:
        # Filters and sort are the same on every page; only the paginator's token changes.
        if not next_page_token:
            if self._recorder is not None:
                self._recorder.first_page()
            self._progress.start()
        return self._fixed_params | self._paginator.params(next_page_token)

    def request_headers(self, *args: object, **kwargs: object) -> Mapping[str, object]:
        return self._connection.headers

    def request_kwargs(self, *args: object, **kwargs: object) -> Mapping[str, object]:
        return {"timeout": request_timeout(), **self._proxy_settings}

    def parse_response(
        self,
        response: requests.Response,
        *,
        stream_state: Mapping[str, object] | None = None,
        stream_slice: Mapping[str, object] | None = None,
        next_page_token: Mapping[str, object] | None = None,
    ) -> Iterable[Mapping[str, object]]:
        if not response.ok:  # a refusal the error handler let through for the paginator: no page
            return []
        records = self._paginator.unread(self._page_reader.page(response).records)
        if self._record_matches is not None:
            records = [record for record in records if self._record_matches(record)]
        if self._recorder is not None:
            self._recorder.add(records)
        self._progress.page(len(records))
        return records

    def next_page_token(self, response: requests.Response) -> Mapping[str, object] | None:
        try:
            if not response.ok:
                after_rejection, stepped_over = self._paginator.after_rejection(response)
                self.logger.warning(f"{self.name}: {self.api.label} {stepped_over}")
                return after_rejection
            page = self._page_reader.page(response)
            token = self._paginator.next_token(page)
        except PaginationError as error:
            raise self._stopped_paging(response, error) from None
        if token is None:
            if self._recorder is not None:
                self._recorder.last_page()
            self._progress.done()
            if note := self._paginator.end_note(page):
                self.logger.warning(f"{self.name}: {note}.")
        return token

    def get_error_handler(self) -> ErrorHandler:
        handler = StagesErrorHandler(
            self.logger, self._connection, body_problem=self._page_reader.problem, refusal=self._paginator.rejection
        )
        return self._connection.error_handler(handler)

    def get_backoff_strategy(self) -> BackoffStrategy:
        return RetryAfterBackoffStrategy()

    def _stopped_paging(self, response: requests.Response, error: PaginationError) -> AirbyteTracedException:
        message = (
            f"{self.name}: stopped paging {response.request.method} {self.list_path} because {error}. "
            "Reading on could loop or skip records, so the read fails instead."
        )
        return AirbyteTracedException(message=message, internal_message=message, failure_type=FailureType.system_error)
