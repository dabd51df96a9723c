"""Config validation, in one place: the raw JSON config in, typed objects or a `ConfigError` out.

Every message names the field (as a dotted path) and says what is allowed. Values of
credentials and of URLs carrying a user name or password are never quoted.
"""

import ipaddress
import json
import uuid
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Tuple
from urllib.parse import urlsplit

from airbyte_cdk.models import FailureType
from airbyte_cdk.sources.utils.schema_helpers import InternalConfig
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from source_stages import endpoints as ep
from source_stages.endpoints import Endpoint, endpoints_of
from source_stages.providers import PROVIDERS, Provider

PAGE_SIZE_MIN, PAGE_SIZE_MAX, PAGE_SIZE_DEFAULT = 1, 100, 100
REQUESTS_PER_SECOND_MIN, REQUESTS_PER_SECOND_MAX = 1, 1000
SORT_DIRECTIONS = ("asc", "desc")
# The tie-breaker appended to every Zendesk Sell sort: ids are unique and immutable, so page
# boundaries are the same on every request of a read (page-number pagination needs that).
SORT_TIE_BREAKER = "id"


class ConfigError(AirbyteTracedException):
    def __init__(self, message: str):
        message = f"Invalid config: {message}"
        super().__init__(message=message, internal_message=message, failure_type=FailureType.config_error)


@dataclass(frozen=True)
class EndpointOptions:
    filters: Mapping[str, Any]  # filter field -> validated value, only the filters that are set
    sort_by: Tuple[str, ...]  # the API's sort items, tie-breaker included; empty if it cannot sort


@dataclass(frozen=True)
class ProviderConfig:
    provider: Provider
    credential: str
    base_url: str  # without a trailing slash
    max_requests_per_second: int
    endpoints: Mapping[str, EndpointOptions]  # by Endpoint.config_key

    @property
    def api_url(self) -> str:
        """The URL every path of this API is joined to (ends with "/")."""
        return f"{self.base_url}/{self.provider.api_root}"


@dataclass(frozen=True)
class StagesConfig:
    providers: Tuple[ProviderConfig, ...]
    page_size: int


def parse_config(raw: Any) -> StagesConfig:
    if not isinstance(raw, Mapping):
        raise ConfigError("the config must be a JSON object.")
    provider_keys = [provider.key for provider in PROVIDERS]
    _reject_unknown_fields(raw, "", [*provider_keys, "page_size", *InternalConfig.KEYWORDS])
    page_size = _bounded_integer(raw.get("page_size", PAGE_SIZE_DEFAULT), "page_size", PAGE_SIZE_MIN, PAGE_SIZE_MAX)
    providers = tuple(
        _provider_config(provider, raw[provider.key]) for provider in PROVIDERS if raw.get(provider.key) is not None
    )
    if not providers:
        raise ConfigError(
            "configure at least one provider: a `zendesk_sell` block with an `access_token`, "
            "a `ruddr` block with an `api_key`, or both."
        )
    return StagesConfig(providers=providers, page_size=page_size)


def _provider_config(provider: Provider, block: Any) -> ProviderConfig:
    if not isinstance(block, Mapping):
        raise ConfigError(f"`{provider.key}` must be an object.")
    endpoints = endpoints_of(provider)
    allowed = [provider.credential_field, "base_url", "max_requests_per_second", *(e.config_key for e in endpoints)]
    _reject_unknown_fields(block, provider.key, allowed)
    return ProviderConfig(
        provider=provider,
        credential=_credential(provider, block.get(provider.credential_field)),
        base_url=_base_url(provider, block.get("base_url", provider.default_base_url)),
        max_requests_per_second=_bounded_integer(
            block.get("max_requests_per_second", provider.default_requests_per_second),
            f"{provider.key}.max_requests_per_second",
            REQUESTS_PER_SECOND_MIN,
            REQUESTS_PER_SECOND_MAX,
        ),
        endpoints={endpoint.config_key: _endpoint_options(endpoint, block.get(endpoint.config_key)) for endpoint in endpoints},
    )


def _credential(provider: Provider, value: Any) -> str:
    path = provider.credential_path
    if value is None:
        raise ConfigError(f"`{path}` is required: {provider.credential_help}.")
    if not isinstance(value, str):
        raise ConfigError(f"`{path}` must be a string.")
    if not value.strip():
        raise ConfigError(f"`{path}` is empty: {provider.credential_help}.")
    if any(character.isspace() or not character.isprintable() for character in value):
        raise ConfigError(f"`{path}` contains spaces, line breaks or control characters; paste it without them.")
    return value


def _base_url(provider: Provider, value: Any) -> str:
    path = provider.base_url_path
    example = provider.default_base_url
    if not isinstance(value, str) or not value:
        raise ConfigError(f"`{path}` must be a URL such as {example}.")
    try:
        parts = urlsplit(value)
        hostname = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise ConfigError(f"`{path}` is not a valid URL; use a URL such as {example}.") from None
    if parts.username is not None or parts.password is not None:
        raise ConfigError(
            f"`{path}` must not contain a user name or password; the credential belongs in "
            f"`{provider.credential_path}`."
        )
    if parts.scheme not in ("https", "http"):
        raise ConfigError(f"`{path}` must start with https:// (got {_quote(parts.scheme + ':')}), e.g. {example}.")
    if not hostname:
        raise ConfigError(f"`{path}` has no host name; use a URL such as {example}.")
    if parts.scheme == "http" and not _is_loopback(hostname):
        raise ConfigError(
            f"`{path}` uses http:// for the host {_quote(hostname)}; plain http is allowed only for a "
            "loopback host (127.0.0.0/8, ::1, localhost), so that a credential never travels in clear. "
            "Use https://."
        )
    if parts.query or parts.fragment:
        raise ConfigError(f"`{path}` must not contain a query string or fragment; use a URL such as {example}.")
    return value.rstrip("/")


def _is_loopback(hostname: str) -> bool:
    if hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


def _endpoint_options(endpoint: Endpoint, block: Any) -> EndpointOptions:
    path = endpoint.config_path
    block = {} if block is None else block
    if not isinstance(block, Mapping):
        raise ConfigError(f"`{path}` must be an object.")
    allowed = [f.field for f in endpoint.filters] + (["sort_by"] if endpoint.sort_fields else [])
    if "sort_by" in block and not endpoint.sort_fields:
        raise ConfigError(
            f"`{path}.sort_by` is not supported: {endpoint.provider.label} cannot sort this list "
            "(it always returns the newest first). Remove `sort_by`."
        )
    _reject_unknown_fields(block, path, allowed)
    filters: Dict[str, Any] = {}
    for declared in endpoint.filters:
        value = _filter_value(declared, block.get(declared.field), f"{path}.{declared.field}")
        if value is not None:
            filters[declared.field] = value
    sort_by = _sort_by(endpoint, block.get("sort_by")) if endpoint.sort_fields else ()
    return EndpointOptions(filters=filters, sort_by=sort_by)


def _filter_value(declared: ep.Filter, value: Any, path: str) -> Any:
    """The validated value, or None when the filter is not set (absent, null, "" or [])."""
    if value is None or value == "" or value == []:
        return None
    if declared.kind == ep.INTEGER:
        if not _is_positive_integer(value):
            raise ConfigError(f"`{path}` must be a positive integer id (got {_quote(value)}).")
        return value
    if declared.kind == ep.INTEGER_LIST:
        if not isinstance(value, list) or not all(_is_positive_integer(item) for item in value):
            raise ConfigError(f"`{path}` must be a list of positive integer ids such as [1, 2] (got {_quote(value)}).")
        return list(value)
    if declared.kind == ep.STRING:
        if not isinstance(value, str):
            raise ConfigError(f"`{path}` must be a string (got {_quote(value)}).")
        return value
    if declared.kind == ep.BOOLEAN:
        if not isinstance(value, bool):
            raise ConfigError(f"`{path}` must be true or false (got {_quote(value)}).")
        return value
    if declared.kind == ep.UUID:
        try:
            return str(uuid.UUID(value))
        except (AttributeError, TypeError, ValueError):
            raise ConfigError(
                f"`{path}` must be a UUID such as 3f2b1c9e-8d7a-4e6f-9b1a-2c3d4e5f6a7b (got {_quote(value)})."
            ) from None
    if declared.kind == ep.CHOICE:
        if value not in declared.choices:
            raise ConfigError(f"`{path}` must be one of {', '.join(declared.choices)} (got {_quote(value)}).")
        return value
    raise AssertionError(f"unknown filter kind {declared.kind!r}")


def _sort_by(endpoint: Endpoint, value: Any) -> Tuple[str, ...]:
    path = f"{endpoint.config_path}.sort_by"
    if value is None or value == []:
        return (SORT_TIE_BREAKER,)
    if not isinstance(value, list):
        raise ConfigError(f'`{path}` must be a list of sort fields such as ["position:desc", "id"] (got {_quote(value)}).')
    seen: List[str] = []
    for index, item in enumerate(value):
        field, _, direction = item.partition(":") if isinstance(item, str) else ("", "", "")
        if field not in endpoint.sort_fields or (direction and direction not in SORT_DIRECTIONS):
            raise ConfigError(
                f"`{path}[{index}]` {_quote(item)} is not a sort field of {endpoint.provider.label} "
                f"{endpoint.config_key}; use one of {', '.join(endpoint.sort_fields)}, optionally followed by "
                ":asc or :desc."
            )
        if field in seen:
            raise ConfigError(f"`{path}` names the field {_quote(field)} more than once.")
        seen.append(field)
    tie_breaker = () if SORT_TIE_BREAKER in seen else (SORT_TIE_BREAKER,)
    return tuple(value) + tie_breaker


def _bounded_integer(value: Any, path: str, low: int, high: int) -> int:
    if not _is_integer(value) or not low <= value <= high:
        raise ConfigError(f"`{path}` must be an integer from {low} to {high} (got {_quote(value)}).")
    return value


def _reject_unknown_fields(block: Mapping[str, Any], path: str, allowed: List[str]) -> None:
    for key in block:
        if key not in allowed:
            where = f"{path}.{key}" if path else str(key)
            shown = [name for name in allowed if not name.startswith("_")]
            raise ConfigError(f"unknown field `{where}`; allowed here: {', '.join(shown)}.")


def _is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_positive_integer(value: Any) -> bool:
    return _is_integer(value) and value > 0


def _quote(value: Any) -> str:
    """A short JSON rendering of a user value for a message (never used for credentials)."""
    text = json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def provider_config(config: StagesConfig, provider: Provider) -> Optional[ProviderConfig]:
    return next((p for p in config.providers if p.provider is provider), None)
