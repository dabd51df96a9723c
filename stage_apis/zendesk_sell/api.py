"""Zendesk Sell (Core API v2), as a client talks to it: records in `items[].data`, page-number
pages (`page`, `per_page`, the next page linked from `meta.links.next_page`), sort as
`sort_by=field[:desc],...`, every filter applied by the API."""

from stage_apis.api import Api, Check
from stage_apis.pagination import MalformedPage, Page, PageNumberPaginator
from stage_apis.zendesk_sell.config import CREDENTIAL_HELP, DEFAULT_BASE_URL

LABEL = "Zendesk Sell"


def page_of(body: object) -> Page:
    """{"items": [{"data": {...}, "meta": {...}}, ...], "meta": {"links": {"next_page": ...}}}"""
    if not isinstance(body, dict) or not isinstance(body.get("items"), list):
        raise MalformedPage('expected an object with an "items" list')
    if not isinstance(body.get("meta"), dict):
        raise MalformedPage('expected an object with a "meta" object')
    if not isinstance(body["meta"].get("links", {}), dict):
        raise MalformedPage('expected "meta.links" to be an object')
    try:
        records = [item["data"] for item in body["items"]]
    except (KeyError, TypeError):
        raise MalformedPage('expected every element of "items" to be an object with a "data" object') from None
    if not all(type(record) is dict for record in records):
        raise MalformedPage('expected every "items[].data" to be an object')
    return Page(records=records, body=body)


def sort_params(sort_items: tuple[str, ...]) -> dict[str, str]:
    return {"sort_by": ",".join(sort_items)}


def check_body_problem(body: object) -> str | None:
    try:
        page_of(body)
    except MalformedPage:
        return f"the answer is not a {LABEL} stage list"
    return None


ZENDESK_SELL = Api(
    key="zendesk_sell",
    label=LABEL,
    credential_noun="token",
    credential_help=CREDENTIAL_HELP,
    forbidden_help=(
        "the token lacks a permission needed to read pipelines and stages; use a token of a user who can see them "
        "(scope `read`) in `{access_token}`"
    ),
    default_base_url=DEFAULT_BASE_URL,
    api_root="v2/",
    envelope=page_of,
    paginator=PageNumberPaginator,
    sort_params=sort_params,
    check=Check(path="stages", params={"per_page": "1"}, body_problem=check_body_problem),
)
