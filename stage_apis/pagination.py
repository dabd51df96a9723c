"""The two pagination models as small objects, fed decoded pages (plain dicts).

A paginator gives the query parameters of a page and, from a page just read, the token of the
next one or None at the end. Tokens are small dicts because the CDK stores them as the stream's
resumable full-refresh state. Each paginator remembers the tokens it handed out: a token seen
twice means the API is sending the read in a circle, which is an error, not a reason to stop.

A paginator may also step over an API's refusal to continue after a record that was deleted
during the read (`rejection` and `after_rejection`); only the cursor paginator can.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import parse_qs, urlsplit

import requests

Token = dict[str, object]
Record = dict[str, object]  # a decoded JSON object, as the API sent it
Records = list[Record]


@dataclass(frozen=True)
class Page:
    records: Records  # the API objects, envelope removed
    body: Mapping[str, object]  # the whole decoded body, for the paginator


class MalformedPage(Exception):
    """The body is JSON but not the API's list envelope."""


class PaginationError(Exception):
    """The API's paging signals contradict each other or repeat; the read cannot go on safely."""


class Paginator(Protocol):
    def params(self, token: Mapping[str, object] | None) -> dict[str, object]:
        """The query parameters of the page `token` names (None: the first page)."""

    def unread(self, records: Records) -> Records:
        """The records of a page less those this read has already emitted."""

    def next_token(self, page: Page) -> Token | None:
        """The next page's token, or None after the last page (raises PaginationError)."""

    def end_note(self, page: Page) -> str | None:
        """Why the read ended although the API linked further (worth a warning), or None."""

    def rejection(self, response: requests.Response) -> str | None:
        """Why this error response is a refusal the paginator steps over, or None."""

    def after_rejection(self, response: requests.Response) -> tuple[Token, str]:
        """The token to continue with after such a refusal, and what was done (raises PaginationError)."""


class PageNumberPaginator:
    """Zendesk Sell: `page` + `per_page`; the next page number comes from `meta.links.next_page`.

    The read ends when `next_page` is absent or a page has no items. A page past the end of a
    page-numbered list is empty, so an empty page ends the read even if it links further.

    A record inserted before the page being read shifts every later record one place down: the
    last record of the page just read comes again first on the next. Records whose id was on the
    page just read are dropped, so no record is emitted twice (only one page of ids is kept).
    """

    page_param, size_param = "page", "per_page"

    def __init__(self, page_size: int):
        self._page_size = page_size
        self._requested: set[int] = {1}
        self._previous_page_ids: set[object] = set()

    def params(self, token: Mapping[str, object] | None) -> dict[str, object]:
        page = 1 if not token else token[self.page_param]
        return {self.size_param: self._page_size, self.page_param: page}

    def unread(self, records: Records) -> Records:
        seen, self._previous_page_ids = self._previous_page_ids, {record.get("id") for record in records} - {None}
        if not seen:
            return records
        return [record for record in records if record.get("id") not in seen]

    def next_token(self, page: Page) -> Token | None:
        next_url = _next_page_link(page)
        if next_url is None or not page.records:
            return None
        next_page = self._page_number(next_url)
        if next_page in self._requested:
            raise PaginationError(
                f"the API's next_page link points at page {next_page}, which this read has already requested"
            )
        self._requested.add(next_page)
        return {self.page_param: next_page}

    def end_note(self, page: Page) -> str | None:
        next_url = _next_page_link(page)
        if page.records or next_url is None:
            return None
        return (
            f"a page came back empty but links to {next_url!r}; a page-numbered list has nothing after an "
            "empty page, so the read ends here"
        )

    def rejection(self, response: requests.Response) -> str | None:
        return None  # a page number names no record, so no refusal is about a deleted one

    def after_rejection(self, response: requests.Response) -> tuple[Token, str]:
        raise AssertionError("a page-number read has no refusal to step over")

    def _page_number(self, url: object) -> int:
        values = parse_qs(urlsplit(url).query).get(self.page_param) if isinstance(url, str) else None
        if not values or not values[0].isdigit() or int(values[0]) < 1:
            raise PaginationError(f"the API's next_page link has no usable page number: {url!r}")
        return int(values[0])


def _next_page_link(page: Page) -> object:
    """`meta.links.next_page` of a Zendesk Sell page (its envelope checked that both are objects)."""
    meta = page.body["meta"]
    links = meta.get("links", {}) if isinstance(meta, dict) else {}
    return links.get("next_page") if isinstance(links, dict) else None


class AfterIdCursorPaginator:
    """Ruddr: `limit` + `startingAfter` = the last record's id, while `hasMore` is true.

    If that record is deleted before the next request, the API refuses the cursor (HTTP 400 or
    404). Continuing after the record before it on the same page then yields exactly the records
    that would have followed the deleted one, so the paginator steps back to that id (and to the
    one before it if that is gone too). Only the page read last is kept: a read resumed from a
    checkpointed cursor has nothing to step back through.
    """

    size_param, cursor_param, has_more_key = "limit", "startingAfter", "hasMore"
    REFUSAL_STATUSES = (400, 404)  # how the API may answer a cursor whose record was deleted

    def __init__(self, page_size: int):
        self._page_size = page_size
        self._cursors: set[str] = set()
        self._last_records: Records = []
        self._stepped_over: set[str] = set()  # ids refused as gone, but already read on the last page

    def params(self, token: Mapping[str, object] | None) -> dict[str, object]:
        cursor = {self.cursor_param: token[self.cursor_param]} if token else {}
        return {self.size_param: self._page_size, **cursor}

    def unread(self, records: Records) -> Records:
        # After a step back, an API that refused a cursor whose record still exists would send
        # that record again.
        if not self._stepped_over:
            return records
        return [record for record in records if record.get("id") not in self._stepped_over]

    def next_token(self, page: Page) -> Token | None:
        self._stepped_over = set()
        if not page.body[self.has_more_key]:
            return None
        if not page.records:
            raise PaginationError(f"the API returned an empty page with {self.has_more_key}: true")
        self._last_records = page.records
        return self._continue_after(page.records[-1].get("id"), "the last record of the page")

    def end_note(self, page: Page) -> str | None:
        return None

    def rejection(self, response: requests.Response) -> str | None:
        cursor = self._continued_after(response)
        if response.status_code not in self.REFUSAL_STATUSES or cursor is None:
            return None
        return (
            f"answered HTTP {response.status_code} to the page after id {cursor}; that record may have been "
            "deleted since its page was read."
        )

    def after_rejection(self, response: requests.Response) -> tuple[Token, str]:
        refused = self._continued_after(response)
        ids = [record.get("id") for record in self._last_records]
        if refused is None or refused not in ids:
            raise PaginationError(
                f"the API rejected the cursor id {refused} (deleted during the read?) and this attempt has read "
                "no page holding it to step back through (an attempt resumed from a checkpoint has none)"
            )
        position = ids.index(refused)
        if position == 0:
            raise PaginationError(
                f"the API rejected the cursor id {refused} (deleted during the read?), the first id of the page "
                "read last, so no id of that page is left to continue after"
            )
        self._stepped_over.add(refused)
        token = self._continue_after(ids[position - 1], f"the record before id {refused}")
        note = (
            f"answered HTTP {response.status_code} to the page after id {refused}, which was deleted during the "
            f"read; continuing after the record before it on the page just read, id {token[self.cursor_param]}."
        )
        return token, note

    def _continued_after(self, response: requests.Response) -> str | None:
        """The id the request of this response continued after (from its URL), or None for a first page."""
        values = parse_qs(urlsplit(response.request.url or "").query).get(self.cursor_param)
        return values[0] if values else None

    def _continue_after(self, cursor: object, whose: str) -> Token:
        if not isinstance(cursor, str) or not cursor:
            raise PaginationError(f"{whose} has no usable id to continue after: {cursor!r}")
        if cursor in self._cursors:
            raise PaginationError(f"{whose} has id {cursor}, which this read has already continued after once")
        self._cursors.add(cursor)
        return {self.cursor_param: cursor}
