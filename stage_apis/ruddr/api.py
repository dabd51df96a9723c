"""Ruddr (the workspace API), as a client talks to it: records in `results[]`, after-id cursor
pages (`limit`, `startingAfter`, while `hasMore`), no sort (always newest first)."""

from stage_apis.api import Api, Check
from stage_apis.pagination import AfterIdCursorPaginator, MalformedPage, Page
from stage_apis.ruddr.config import CREDENTIAL_HELP, DEFAULT_BASE_URL

LABEL = "Ruddr"


def page_of(body: object) -> Page:
    """{"results": [{...}, ...], "hasMore": true}"""
    if not isinstance(body, dict) or not isinstance(body.get("results"), list):
        raise MalformedPage('expected an object with a "results" list')
    if not isinstance(body.get("hasMore"), bool):
        raise MalformedPage('expected a boolean "hasMore"')
    records = body["results"]
    if not all(type(record) is dict for record in records):
        raise MalformedPage('expected every element of "results" to be an object')
    return Page(records=records, body=body)


def sort_params(sort_items: tuple[str, ...]) -> dict[str, str]:
    return {}


def check_body_problem(body: object) -> str | None:
    """The workspace object (`GET /`) has a string id."""
    if not isinstance(body, dict) or not isinstance(body.get("id"), str):
        return f"the answer is not a {LABEL} workspace"
    return None


RUDDR = Api(
    key="ruddr",
    label=LABEL,
    credential_noun="key",
    credential_help=CREDENTIAL_HELP,
    forbidden_help=(
        "the API is not enabled for this workspace or the key lacks access; ask a Ruddr workspace administrator to "
        "enable API access, then create a new key for `{api_key}`"
    ),
    default_base_url=DEFAULT_BASE_URL,
    api_root="",
    envelope=page_of,
    paginator=AfterIdCursorPaginator,
    sort_params=sort_params,
    check=Check(path="", params={}, body_problem=check_body_problem),
)
