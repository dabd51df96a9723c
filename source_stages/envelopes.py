"""The list envelopes of the two APIs: a decoded body in, a `Page` out, or `MalformedPage`.

Zendesk Sell: {"items": [{"data": {...}, "meta": {...}}, ...], "meta": {"links": {"next_page": ...}}}
Ruddr:        {"results": [{...}, ...], "hasMore": true}
"""

from typing import Any

from source_stages.pagination import Page


class MalformedPage(Exception):
    """The body is JSON but not the API's list envelope."""


def zendesk_sell_page(body: Any) -> Page:
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


def ruddr_page(body: Any) -> Page:
    if not isinstance(body, dict) or not isinstance(body.get("results"), list):
        raise MalformedPage('expected an object with a "results" list')
    if not isinstance(body.get("hasMore"), bool):
        raise MalformedPage('expected a boolean "hasMore"')
    records = body["results"]
    if not all(type(record) is dict for record in records):
        raise MalformedPage('expected every element of "results" to be an object')
    return Page(records=records, body=body)
