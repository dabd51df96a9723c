"""`StagesStream`: the one class that talks to the CDK. It knows no API; the subclasses say how
their API wraps records, pages and sorts, and the endpoint row says what to request.

An endpoint without a cursor field (Ruddr) is resumable full refresh (the CDK default for an
`HttpStream` that does not override `read_records`): the CDK reads one page per call and
checkpoints the next page's token as state, so a failed attempt can resume where it stopped.
That costs one small STATE message per page (one per 100 records at the default page size).
An endpoint with one (Zendesk Sell) is incremental instead (streams/incremental.py).
"""

from abc import abstractmethod
from typing import Any, Callable, Dict, Iterable, List, Mapping, MutableMapping, Optional, Tuple

import requests
from airbyte_cdk.models import FailureType
from airbyte_cdk.sources.streams.call_rate import APIBudget
from airbyte_cdk.sources.streams.http import HttpStream
from airbyte_cdk.sources.streams.http.error_handlers import BackoffStrategy, ErrorHandler
from airbyte_cdk.utils.traced_exception import AirbyteTracedException
from requests.auth import AuthBase

from source_stages.config import EndpointOptions, ProviderConfig
from source_stages.endpoints import Endpoint
from source_stages.errors import RetryAfterBackoffStrategy, StagesErrorHandler
from source_stages.http_settings import HEADERS, read_environment_once, request_timeout
from source_stages.normalize import SchemaNormalizer
from source_stages.page_reader import PageReader
from source_stages.pagination import Page, PaginationError
from source_stages.progress import ReadProgress
from source_stages.shared_reads import SharedReads


class StagesStream(HttpStream):
    def __init__(
        self,
        endpoint: Endpoint,
        provider_config: ProviderConfig,
        page_size: int,
        authenticator: AuthBase,
        api_budget: APIBudget,
        shared_reads: Optional[SharedReads] = None,
    ):
        # HttpStream.__init__ reads the name and builds the error handler, so these come first.
        self._endpoint = endpoint
        self._url_base = provider_config.api_url
        options = provider_config.endpoints[endpoint.config_key]
        self._fixed_params = self._filter_params(endpoint, options) | self.sort_params(options.sort_by)
        self._record_matches = _client_side_predicate(endpoint, options)
        self._page_reader = PageReader(endpoint.stream_name, endpoint.provider.label, self.envelope)
        self._paginator = self.paginator(page_size)
        self._recorder = (shared_reads or SharedReads()).recorder(endpoint.stream_name)
        super().__init__(authenticator=authenticator, api_budget=api_budget)
        read_environment_once(self._http_client._session, self._url_base)  # the CDK's session (a private attribute)
        self._progress = ReadProgress(self.name, self.logger)
        self.transformer = SchemaNormalizer(self.name, self.get_json_schema())

    # What an API subclass provides.

    @staticmethod
    @abstractmethod
    def envelope(body: Any) -> Page:
        """The records and the body of a decoded list response (raises MalformedPage)."""

    @abstractmethod
    def paginator(self, page_size: int) -> Any:
        """A fresh paginator for one read of this stream."""

    @abstractmethod
    def sort_params(self, sort_by: Tuple[str, ...]) -> Dict[str, str]:
        """The query parameters that ask the API for this sort order."""

    # The CDK's hooks.

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
        return {"timeout": request_timeout()}

    def parse_response(self, response: requests.Response, **_: Any) -> Iterable[Mapping[str, Any]]:
        if not response.ok:  # a rejected cursor the error handler let through: no page (next_page_token steps back)
            return []
        records = self._paginator.unread(self._page_reader.page(response).records)
        if self._record_matches is not None:
            records = [record for record in records if self._record_matches(record)]
        self._recorder.add(records)
        self._progress.page(len(records))
        return records

    def next_page_token(self, response: requests.Response) -> Optional[Mapping[str, Any]]:
        if not response.ok:
            return self._step_back(response)
        page = self._page_reader.page(response)
        try:
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
            self.logger,
            self._endpoint.provider,
            body_problem=self._page_reader.problem,
            continued_after=self._paginator.continued_after,
        )

    def get_backoff_strategy(self) -> BackoffStrategy:
        return RetryAfterBackoffStrategy()

    def _step_back(self, response: requests.Response) -> Mapping[str, Any]:
        """The API answered 400/404 to a page after a record's id (the error handler let it through):
        that record is gone, so continue after the one before it, or fail if there is none."""
        rejected = self._paginator.continued_after(response.request.url)
        try:
            token = self._paginator.step_back(rejected)
        except PaginationError as error:
            raise self._stopped_paging(response, error) from None
        self.logger.warning(
            f"{self.name}: {self._endpoint.provider.label} answered HTTP {response.status_code} to the page after id "
            f"{rejected}, which was deleted during the read; continuing after the record before it on the page just "
            f"read, id {token[self._paginator.cursor_param]}."
        )
        return token

    def _stopped_paging(self, response: requests.Response, error: PaginationError) -> AirbyteTracedException:
        message = (
            f"{self.name}: stopped paging {response.request.method} {self._endpoint.path} because {error}. "
            "Reading on could loop or skip records, so the read fails instead."
        )
        return AirbyteTracedException(message=message, internal_message=message, failure_type=FailureType.system_error)

    @staticmethod
    def _filter_params(endpoint: Endpoint, options: EndpointOptions) -> Dict[str, str]:
        return {
            declared.target: encode_query_value(options.filters[declared.field])
            for declared in endpoint.filters
            if declared.server_side and declared.field in options.filters
        }


def encode_query_value(value: Any) -> str:
    """Booleans as true/false, lists comma-separated (how both APIs spell them)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(encode_query_value(item) for item in value)
    return str(value)


def _client_side_predicate(endpoint: Endpoint, options: EndpointOptions) -> Optional[Callable[[Mapping[str, Any]], bool]]:
    """The filters this API cannot apply, as one test on a record (None when there are none)."""
    wanted: List[Tuple[str, Any]] = [
        (declared.target, options.filters[declared.field])
        for declared in endpoint.filters
        if not declared.server_side and declared.field in options.filters
    ]
    if not wanted:
        return None
    return lambda record: all(record.get(field) == value for field, value in wanted)
