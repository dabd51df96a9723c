"""`Api`: what differs between the two APIs in how a client talks to them, one object per API
(zendesk_sell/api.py, ruddr/api.py).

The config an API takes is a class of its own (zendesk_sell/config.py, ruddr/config.py) and each
list endpoint is a stream class (list_stream.py); both are read where they are declared. An `Api`
holds the rest: how the API wraps records, pages and sorts, its cheapest check call, and what its
error messages tell a user to do.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from stage_apis.pagination import Page, Paginator


@dataclass(frozen=True)
class Check:
    """The cheapest authenticated call, and what its body must look like."""

    path: str  # relative to the API root
    params: Mapping[str, str]  # query parameters
    body_problem: Callable[[object], str | None]  # the decoded body -> None, or why it is not this API's answer


@dataclass(frozen=True)
class Api:
    key: str  # its block in the source's config, and `source` in the unified `stages` records
    label: str  # its name in messages
    credential_noun: str  # what its secret is called in a sentence ("token")
    # The next two name the credential's field as `{access_token}` (config/blocks.py: with_paths).
    credential_help: str  # where a user gets a new credential, and where it goes
    forbidden_help: str  # what a 403 means for this API and what to do
    default_base_url: str
    api_root: str  # what follows base_url in every URL ("v2/" or "")
    envelope: Callable[[object], Page]  # a decoded list response -> its records (raises MalformedPage)
    paginator: Callable[[int], Paginator]  # a fresh paginator for one read, given the page size
    sort_params: Callable[[tuple[str, ...]], dict[str, str]]  # sort items -> query parameters
    check: Check
