"""`ListStream`: the one class that talks to the CDK, for every list endpoint of every API. The
`Api` object says how its API wraps records, pages and sorts; the `Endpoint` what to request.

An endpoint without a cursor field (Ruddr) is resumable full refresh (the CDK default for an
`HttpStream` that does not override `read_records`): the CDK reads one page per call and
checkpoints the next page's token as state, so a failed attempt can resume where it stopped.
That costs one small STATE message per page (one per 100 records at the default page size).
An endpoint with one (Zendesk Sell) is incremental instead (streams/incremental.py).
"""

from typing import Any, Iterable, Mapping, MutableMapping, Optional

import requests
from airbyte_cdk.models import FailureType
from airbyte_cdk.sources.streams.http import HttpStream
from airbyte_cdk.sources.streams.http.error_handlers import BackoffStrategy, ErrorHandler
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from source_stages.apis.api import Endpoint
from source_stages.connection import Connection
from source_stages.errors import RetryAfterBackoffStrategy, StagesErrorHandler
from source_stages.http_settings import HEADERS, proxy_settings, request_timeout
from source_stages.normalize import SchemaNormalizer
from source_stages.page_reader import PageReader
from source_stages.pagination import PaginationError
from source_stages.progress import ReadProgress
from source_stages.shared_reads import SharedReads


class ListStream(HttpStream):
    def __init__(self, connection: Connection, endpoint: Endpoint, page_size: int, shared_reads: Optional[SharedReads] = None):
        # HttpStream.__init__ reads the name and builds the error handler, so these come first.
        api = connection.api
        options = connection.config.options(endpoint)
        self._api = api
        self._endpoint = endpoint
        self._page_size = page_size
        self._url_base = connection.config.api_url
        self._proxy_settings = proxy_settings(self._url_base)
        self._fixed_params = options.query_params() | api.sort_params(options.sort_items)
        self._record_matches = options.record_filter()
        self._page_reader = PageReader(endpoint.stream_name, api.label, api.envelope)
        self._paginator = api.paginator(page_size)
        self._recorder = (shared_reads or SharedReads()).recorder(endpoint.stream_name)
        super().__init__(authenticator=connection.authenticator, api_budget=connection.api_budget)
        self._progress = ReadProgress(self.name, self.logger)
        self.transformer = SchemaNormalizer(self.name, self.get_json_schema())

    @property
    def name(self) -> str:
        return self._endpoint.stream_name

    @property
    def primary_key(self) -> str:
        return self._endpoint.primary_key

    @property
    def url_base(self) -> str:
        return self._url_base

    def path(self, **_: Any) -> str:
        return self._endpoint.path

    def request_params(
        self,
        stream_state: Optional[Mapping[str, Any]],
        stream_slice: Optional[Mapping[str, Any]] = None,
        next_page_token: Optional[Mapping[str, Any]] = None,
    ) -> MutableMapping[str, Any]:
        # Filters and sort are the same on every page; only the paginator's token changes.
        if not next_page_token:
            self._recorder.first_page()
            self._progress.start()
        return self._fixed_params | self._paginator.params(next_page_token)

    def request_headers(self, *args: Any, **kwargs: Any) -> Mapping[str, Any]:
        return HEADERS

    def request_kwargs(self, *args: Any, **kwargs: Any) -> Mapping[str, Any]:
        return {"timeout": request_timeout(), **self._proxy_settings}

    def parse_response(self, response: requests.Response, **_: Any) -> Iterable[Mapping[str, Any]]:
        if not response.ok:  # a refusal the error handler let through for the paginator: no page
            return []
        records = self._paginator.unread(self._page_reader.page(response).records)
        if self._record_matches is not None:
            records = [record for record in records if self._record_matches(record)]
        self._recorder.add(records)
        self._progress.page(len(records))
        return records

    def next_page_token(self, response: requests.Response) -> Optional[Mapping[str, Any]]:
        try:
            if not response.ok:
                token, note = self._paginator.after_rejection(response)
                self.logger.warning(f"{self.name}: {self._api.label} {note}")
                return token
            page = self._page_reader.page(response)
            token = self._paginator.next_token(page)
        except PaginationError as error:
            raise self._stopped_paging(response, error) from None
        if token is None:
            self._recorder.last_page()
            self._progress.done()
            if note := self._paginator.end_note(page):
                self.logger.warning(f"{self.name}: {note}.")
        return token

    def get_error_handler(self) -> ErrorHandler:
        return StagesErrorHandler(
            self.logger, self._api, body_problem=self._page_reader.problem, refusal=self._paginator.rejection
        )

    def get_backoff_strategy(self) -> BackoffStrategy:
        return RetryAfterBackoffStrategy()

    def _stopped_paging(self, response: requests.Response, error: PaginationError) -> AirbyteTracedException:
        message = (
            f"{self.name}: stopped paging {response.request.method} {self._endpoint.path} because {error}. "
            "Reading on could loop or skip records, so the read fails instead."
        )
        return AirbyteTracedException(message=message, internal_message=message, failure_type=FailureType.system_error)
