"""`Api`: everything that differs between the APIs this connector reads, in one object per API.

Streams, `check`, the error map and the unified `stages` stream receive these objects. An API's
config block (credential, base URL, rate, one options block per endpoint) is generated from it.
"""

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Callable, ClassVar, Dict, Mapping, Optional, Tuple, Type

from pydantic import create_model
from typing_extensions import Annotated

from source_stages.config.blocks import ConfigBlock, EndpointOptions, field
from source_stages.config.kinds import ApiUrl, Bounded, Credential
from source_stages.pagination import Page, Paginator
from source_stages.unified_stage import PipelineNames, UnifiedStage

REQUESTS_PER_SECOND_MIN, REQUESTS_PER_SECOND_MAX = 1, 1000


@dataclass(frozen=True)
class Endpoint:
    """One list endpoint, read as one stream."""

    stream_name: str
    path: str  # relative to the API root, no leading slash
    options: Type[EndpointOptions]  # its filters and sort, and how the spec shows them
    cursor_field: Optional[str] = None  # a record field incremental reads compare (the API cannot filter on it)
    primary_key: str = "id"

    @property
    def config_key(self) -> str:
        """Its options block inside the API's config block: the path, in snake case."""
        return self.path.replace("-", "_")


@dataclass(frozen=True)
class Check:
    """The cheapest authenticated call, and what its body must look like."""

    path: str  # relative to the API root
    params: Mapping[str, Any]
    body_problem: Callable[[Any], Optional[str]]  # the decoded body -> None, or why it is not this API's answer


@dataclass(frozen=True)
class Api:
    key: str  # its config block, e.g. "zendesk_sell"
    label: str  # its name in messages
    description: str  # of its config block in the spec
    credential_field: str  # the secret inside the block, sent as `Authorization: Bearer ...`
    credential_noun: str  # what the secret is called in a sentence ("token")
    credential_title: str
    credential_description: str
    # The next two say `{credential_path}` where the credential's place in the config goes.
    credential_help: str  # where a user gets a new credential
    forbidden_help: str  # what a 403 means for this API and what to do
    default_base_url: str
    base_url_is: str  # what the base URL is, for the spec
    api_root: str  # what follows base_url in every URL ("v2/" or "")
    default_requests_per_second: int
    rate_limit: str  # the documented limit and what it means for max_requests_per_second
    envelope: Callable[[Any], Page]  # a decoded list response -> its records (raises MalformedPage)
    paginator: Callable[[int], Paginator]  # a fresh paginator for one read, given the page size
    sort_params: Callable[[Tuple[str, ...]], Dict[str, str]]  # sort items -> query parameters
    check: Check
    stages: Endpoint  # the stages and pipelines the unified `stages` stream joins
    pipelines: Endpoint
    to_unified_stage: Callable[[Mapping[str, Any], PipelineNames], UnifiedStage]
    other_endpoints: Tuple[Endpoint, ...] = ()  # further lists, read as streams of their own
    # The block of the config that holds the connection fields: None for a block named `key` (the
    # source's config), "" for the top level (a config of this API alone, such as a destination's).
    fields_block: Optional[str] = None

    @property
    def endpoints(self) -> Tuple[Endpoint, ...]:
        """Every list this API's config block and streams cover, in the order of both."""
        return (self.stages, self.pipelines, *self.other_endpoints)

    def config_path(self, field_name: str) -> str:
        """The dotted path of one of the connection fields in the config."""
        block = self.key if self.fields_block is None else self.fields_block
        return f"{block}.{field_name}" if block else field_name

    @property
    def credential_path(self) -> str:
        return self.config_path(self.credential_field)

    @property
    def base_url_path(self) -> str:
        return self.config_path("base_url")

    @property
    def credential_fix(self) -> str:
        """Where a user gets a new credential, and where it goes."""
        return self.credential_help.format(credential_path=self.credential_path)

    @property
    def forbidden_fix(self) -> str:
        """What a 403 means and what to do."""
        return self.forbidden_help.format(credential_path=self.credential_path)

    @cached_property
    def config_block(self) -> Type["ApiConfig"]:
        """The pydantic model of this API's block in the source's config."""
        options = {
            endpoint.config_key: (
                endpoint.options,
                field(order, endpoint.options.title, endpoint.options.description, default_factory=endpoint.options),
            )
            for order, endpoint in enumerate(self.endpoints, start=len(self.connection_fields()))
        }
        return self.config_model(f"{self.key}_config", options)

    def config_model(
        self, name: str, fields: Mapping[str, Any], base: Optional[Type["ApiConfig"]] = None
    ) -> Type["ApiConfig"]:
        """A config model with this API's connection fields first, then `fields` (pydantic
        `create_model` field definitions), on `base` (an ApiConfig)."""
        model = create_model(name, __base__=base or ApiConfig, **self.connection_fields(), **fields)
        model.api = self
        return model

    def connection_fields(self) -> Dict[str, Any]:
        """What every config of this API holds: the credential, the base URL and the request rate
        (form order 0, 1, 2), as pydantic `create_model` field definitions."""
        return {
            self.credential_field: (
                Annotated[str, Credential(self.credential_fix)],
                field(0, self.credential_title, self.credential_description, default=...),
            ),
            "base_url": (
                Annotated[str, ApiUrl(self.default_base_url, self.credential_path)],
                field(
                    1,
                    "Base URL",
                    f"{self.base_url_is} Change it only for a proxy or a test server. Must be https://, or http:// "
                    f"to a loopback host (127.0.0.0/8, ::1, localhost), so the {self.credential_noun} never travels "
                    "in clear; no user name or password.",
                    self.default_base_url,
                    examples=[self.default_base_url],
                ),
            ),
            "max_requests_per_second": (
                Annotated[int, Bounded(REQUESTS_PER_SECOND_MIN, REQUESTS_PER_SECOND_MAX)],
                field(
                    2,
                    "Max requests per second",
                    "The connector paces itself to this many requests per second (a client-side rate budget) "
                    f"instead of running into HTTP 429. {self.rate_limit}",
                    self.default_requests_per_second,
                    examples=[self.default_requests_per_second],
                ),
            ),
        }


class ApiConfig(ConfigBlock):
    """A validated config of one API (`Api.config_model` generates its fields)."""

    api: ClassVar[Api]

    @classmethod
    def prepare(cls, data: Dict[str, Any]) -> Dict[str, Any]:
        # A missing credential gets the same "is required" message from its kind as a null one.
        return {cls.api.credential_field: None, **data}

    @property
    def credential(self) -> str:
        return getattr(self, self.api.credential_field)

    @property
    def api_url(self) -> str:
        """The URL every path of this API is joined to (ends with "/")."""
        return f"{self.base_url}/{self.api.api_root}"  # type: ignore[attr-defined]

    def options(self, endpoint: Endpoint) -> EndpointOptions:
        return getattr(self, endpoint.config_key)
