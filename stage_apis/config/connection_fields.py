"""What every API's config holds, first in its form: the credential (0), the base URL (1) and the
request rate (2). `ApiConfig` is the base of each API's config class, and the helpers below give
the base URL and rate fields the texts both APIs share."""

from typing import TYPE_CHECKING, Annotated, TypeVar

from stage_apis.config.blocks import ConfigBlock, EndpointOptions, FieldDefault, field
from stage_apis.config.kinds import Bounded, Credential

REQUESTS_PER_SECOND_MIN, REQUESTS_PER_SECOND_MAX = 1, 1000
RequestsPerSecond = Annotated[int, Bounded(REQUESTS_PER_SECOND_MIN, REQUESTS_PER_SECOND_MAX)]
Options = TypeVar("Options", bound=EndpointOptions)


class ApiConfig(ConfigBlock):
    """A validated config of one API: its connection fields, and in the source its endpoints'
    options. Each subclass declares `base_url`, `max_requests_per_second` and one `Credential`
    field, and returns it as `credential`."""

    if TYPE_CHECKING:  # declared by each subclass, in its form's order (a field here would come first)
        base_url: str
        max_requests_per_second: int

    @classmethod
    def credential_field(cls) -> str:
        return next(
            name
            for name, info in cls.model_fields.items()
            if any(isinstance(item, Credential) for item in info.metadata)
        )

    @classmethod
    def prepare(cls, data: dict[str, object]) -> dict[str, object]:
        # A missing credential gets the same "is required" message from its kind as a null one.
        return {cls.credential_field(): None, **data}

    @property
    def credential(self) -> str:
        raise NotImplementedError

    def options_for(self, model: type[Options]) -> Options:
        """Its options block of this model: one endpoint's filters and sort."""
        return next(value for _, value in self if isinstance(value, model))


def base_url_field(what_it_is: str, default: str, credential_noun: str) -> FieldDefault:
    return field(
        1,
        "Base URL",
        f"{what_it_is} Change it only for a proxy or a test server. Must be https://, or http:// to a loopback host "
        f"(127.0.0.0/8, ::1, localhost), so the {credential_noun} never travels in clear; no user name or password.",
        default,
        examples=[default],
    )


def requests_per_second_field(default: int, rate_limit: str) -> FieldDefault:
    """`rate_limit`: the API's documented limit and what it means for this field."""
    return field(
        2,
        "Max requests per second",
        "The connector paces itself to this many requests per second (a client-side rate budget) instead of running "
        f"into HTTP 429. {rate_limit}",
        default,
        examples=[default],
    )
