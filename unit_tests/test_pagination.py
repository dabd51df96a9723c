"""The paginators and envelopes on plain dicts: tokens, stop conditions, loop guards."""

import pytest
import requests

from stage_apis.pagination import AfterIdCursorPaginator, MalformedPage, PageNumberPaginator, PaginationError
from stage_apis.ruddr.api import page_of as ruddr_page
from stage_apis.zendesk_sell.api import page_of as zendesk_sell_page
from test_support.mock_http.responses import requests_response


def zendesk_body(ids, next_page=None):
    links = {"self": "https://api.getbase.com/v2/stages?page=1&per_page=100"}
    if next_page is not None:
        links["next_page"] = next_page
    return {"items": [{"data": {"id": i}, "meta": {"type": "stage"}} for i in ids], "meta": {"type": "collection", "links": links}}


def ruddr_body(ids, has_more):
    return {"results": [{"id": i} for i in ids], "hasMore": has_more}


class TestPageNumberPaginator:
    def test_page_one_then_the_page_named_by_next_page(self) -> None:
        paginator = PageNumberPaginator(page_size=100)

        assert paginator.params(None) == {"per_page": 100, "page": 1}
        token = paginator.next_token(zendesk_sell_page(zendesk_body([1], "https://api.getbase.com/v2/stages?page=2&per_page=100")))
        assert token == {"page": 2}
        assert paginator.params(token) == {"per_page": 100, "page": 2}

    @pytest.mark.parametrize(
        "link, page",
        [
            ("https://api.getbase.com/v2/stages?per_page=100&sort_by=id&page=12", 12),  # page not first
            ("https://api.getbase.com/v2/stages?page=1000&per_page=100", 1000),  # beyond three digits
            ("/v2/stages?page=3", 3),  # relative link
        ],
    )
    def test_the_page_number_is_read_with_urllib_wherever_it_stands(self, link: str, page: int) -> None:
        assert PageNumberPaginator(100).next_token(zendesk_sell_page(zendesk_body([1], link))) == {"page": page}

    def test_a_record_of_the_page_just_read_that_comes_again_is_dropped(self) -> None:
        # A stage inserted before page 2 pushed 2 (page 1's last) onto page 2.
        paginator = PageNumberPaginator(2)
        assert [r["id"] for r in paginator.unread(zendesk_sell_page(zendesk_body([1, 2])).records)] == [1, 2]
        assert [r["id"] for r in paginator.unread(zendesk_sell_page(zendesk_body([2, 3])).records)] == [3]
        # Only the page just read counts: 1 again on page 3 is not a shift of page 2 and is kept.
        assert [r["id"] for r in paginator.unread(zendesk_sell_page(zendesk_body([1, 4])).records)] == [1, 4]
        assert [r.get("id") for r in paginator.unread([{"name": "no id"}, {"name": "no id"}])] == [None, None]
        assert [r.get("id") for r in paginator.unread([{"name": "no id"}])] == [None]

    def test_stops_without_next_page(self) -> None:
        paginator = PageNumberPaginator(100)
        page = zendesk_sell_page(zendesk_body([1, 2]))
        assert paginator.next_token(page) is None
        assert paginator.end_note(page) is None

    def test_stops_on_an_empty_page_and_notes_a_link_that_says_otherwise(self) -> None:
        paginator = PageNumberPaginator(100)
        page = zendesk_sell_page(zendesk_body([], "https://api.getbase.com/v2/stages?page=3"))
        assert paginator.next_token(page) is None
        assert "a page came back empty but links to" in paginator.end_note(page)

    def test_a_link_to_a_page_already_requested_raises(self) -> None:
        paginator = PageNumberPaginator(100)
        paginator.next_token(zendesk_sell_page(zendesk_body([1], "https://x/v2/stages?page=2")))
        with pytest.raises(PaginationError, match="points at page 2, which this read has already requested"):
            paginator.next_token(zendesk_sell_page(zendesk_body([2], "https://x/v2/stages?page=2")))
        with pytest.raises(PaginationError, match="page 1"):
            PageNumberPaginator(100).next_token(zendesk_sell_page(zendesk_body([1], "https://x/v2/stages?page=1")))

    @pytest.mark.parametrize("link", ["https://x/v2/stages?per_page=100", "https://x/v2/stages?page=two", "https://x/v2/stages?page=0", 7])
    def test_a_link_without_a_usable_page_number_raises(self, link) -> None:
        with pytest.raises(PaginationError, match="no usable page number"):
            PageNumberPaginator(100).next_token(zendesk_sell_page(zendesk_body([1], link)))


class TestAfterIdCursorPaginator:
    def test_first_page_has_no_cursor_then_continues_after_the_last_id(self) -> None:
        paginator = AfterIdCursorPaginator(page_size=50)

        assert paginator.params(None) == {"limit": 50}
        token = paginator.next_token(ruddr_page(ruddr_body(["a", "b"], True)))
        assert token == {"startingAfter": "b"}
        assert paginator.params(token) == {"limit": 50, "startingAfter": "b"}

    def test_stops_when_has_more_is_false(self) -> None:
        assert AfterIdCursorPaginator(50).next_token(ruddr_page(ruddr_body(["a"], False))) is None
        assert AfterIdCursorPaginator(50).next_token(ruddr_page(ruddr_body([], False))) is None

    def test_an_empty_page_claiming_more_raises(self) -> None:
        with pytest.raises(PaginationError, match="empty page with hasMore: true"):
            AfterIdCursorPaginator(50).next_token(ruddr_page(ruddr_body([], True)))

    def test_the_same_cursor_twice_raises(self) -> None:
        paginator = AfterIdCursorPaginator(50)
        paginator.next_token(ruddr_page(ruddr_body(["a", "b"], True)))
        paginator.next_token(ruddr_page(ruddr_body(["c"], True)))
        with pytest.raises(PaginationError, match="id b, which this read has already continued after once"):
            paginator.next_token(ruddr_page(ruddr_body(["a", "b"], True)))

    def test_a_last_record_without_an_id_raises(self) -> None:
        with pytest.raises(PaginationError, match="no usable id"):
            AfterIdCursorPaginator(50).next_token(ruddr_page({"results": [{"name": "x"}], "hasMore": True}))


class TestAfterIdCursorStepBack:
    """The cursor's record deleted between two pages: continue after the record before it."""

    URL = "https://www.ruddr.io/api/workspace/opportunity-stages"

    @classmethod
    def refused(cls, query: str, status: int = 400) -> requests.Response:
        """The API's error response to a request with this query string."""
        return requests_response(status, url=f"{cls.URL}?{query}")

    @classmethod
    def step_back(cls, paginator: AfterIdCursorPaginator, cursor: str, status: int = 400) -> dict:
        token, _ = paginator.after_rejection(cls.refused(f"limit=50&startingAfter={cursor}", status))
        return token

    def test_a_refusal_is_a_400_or_404_to_a_continuation_url_and_a_first_page_has_none(self) -> None:
        paginator = AfterIdCursorPaginator(50)
        assert paginator.rejection(self.refused("limit=50&startingAfter=c")) == (
            "answered HTTP 400 to the page after id c; that record may have been deleted since its page was read."
        )
        assert "after id a/b;" in paginator.rejection(self.refused("startingAfter=a%2Fb&limit=50", 404))
        assert paginator.rejection(self.refused("limit=50")) is None
        for status in (401, 403, 429, 500):
            assert paginator.rejection(self.refused("limit=50&startingAfter=c", status)) is None
        assert PageNumberPaginator(50).rejection(self.refused("page=2&startingAfter=c")) is None

    def test_steps_back_one_record_at_a_time_through_the_page_read_last(self) -> None:
        paginator = AfterIdCursorPaginator(50)
        paginator.next_token(ruddr_page(ruddr_body(["a", "b"], True)))
        assert paginator.next_token(ruddr_page(ruddr_body(["c", "d", "e"], True))) == {"startingAfter": "e"}

        assert self.step_back(paginator, "e") == {"startingAfter": "d"}  # e deleted
        assert self.step_back(paginator, "d", status=404) == {"startingAfter": "c"}  # d deleted too: two in a row
        assert paginator.params({"startingAfter": "c"}) == {"limit": 50, "startingAfter": "c"}

    def test_a_rejected_record_the_api_sends_again_is_not_read_twice(self) -> None:
        # An API that wrongly rejects a cursor whose record still exists sends that record again
        # after the step back; it was read on the page before, so it is dropped once.
        paginator = AfterIdCursorPaginator(50)
        paginator.next_token(ruddr_page(ruddr_body(["a", "b", "c"], True)))
        self.step_back(paginator, "c")
        again = ruddr_page(ruddr_body(["c", "d"], True))
        assert [record["id"] for record in paginator.unread(again.records)] == ["d"]
        assert paginator.next_token(again) == {"startingAfter": "d"}
        later = ruddr_page(ruddr_body(["c", "e"], False))  # after that page, nothing is dropped
        assert [record["id"] for record in paginator.unread(later.records)] == ["c", "e"]

    def test_fails_when_every_id_of_the_page_read_last_is_gone(self) -> None:
        paginator = AfterIdCursorPaginator(50)
        paginator.next_token(ruddr_page(ruddr_body(["a", "b"], True)))
        paginator.next_token(ruddr_page(ruddr_body(["c", "d"], True)))
        self.step_back(paginator, "d")
        with pytest.raises(PaginationError, match="rejected the cursor id c .*the first id of the page read last"):
            self.step_back(paginator, "c")

    def test_fails_when_no_page_holding_the_cursor_was_read_in_this_attempt(self) -> None:
        # A read resumed from a checkpointed cursor starts with no page in memory.
        with pytest.raises(PaginationError, match="rejected the cursor id e .*has read no page holding it"):
            self.step_back(AfterIdCursorPaginator(50), "e")

    def test_a_record_before_the_cursor_without_an_id_fails_instead_of_skipping_it(self) -> None:
        paginator = AfterIdCursorPaginator(50)
        paginator.next_token(ruddr_page({"results": [{"id": "a"}, {"name": "no id"}, {"id": "c"}], "hasMore": True}))
        with pytest.raises(PaginationError, match="the record before id c has no usable id"):
            self.step_back(paginator, "c")

    def test_a_fallback_id_does_not_trip_the_loop_guard_and_the_read_goes_on(self) -> None:
        paginator = AfterIdCursorPaginator(50)
        paginator.next_token(ruddr_page(ruddr_body(["a", "b"], True)))
        assert self.step_back(paginator, "b") == {"startingAfter": "a"}
        # The page after a: what followed b, then more; the guard knows a, b and now d.
        assert paginator.next_token(ruddr_page(ruddr_body(["c", "d"], True))) == {"startingAfter": "d"}
        assert self.step_back(paginator, "d") == {"startingAfter": "c"}
        assert paginator.next_token(ruddr_page(ruddr_body(["e"], False))) is None

    def test_a_page_that_ends_with_a_fallback_id_again_is_a_cycle(self) -> None:
        paginator = AfterIdCursorPaginator(50)
        paginator.next_token(ruddr_page(ruddr_body(["a", "b"], True)))
        self.step_back(paginator, "b")
        with pytest.raises(PaginationError, match="id a, which this read has already continued after once"):
            paginator.next_token(ruddr_page(ruddr_body(["x", "a"], True)))


@pytest.mark.parametrize(
    "body, reason",
    [
        ([], 'an object with an "items" list'),
        ({"items": {}}, 'an object with an "items" list'),
        ({"items": []}, 'a "meta" object'),
        ({"items": [], "meta": {"links": []}}, '"meta.links" to be an object'),
        ({"items": [{"meta": {}}], "meta": {}}, 'every element of "items" to be an object with a "data" object'),
        ({"items": ["x"], "meta": {}}, 'every element of "items"'),
        ({"items": [{"data": [1]}], "meta": {}}, 'every "items[].data" to be an object'),
    ],
)
def test_zendesk_sell_envelope_problems_are_named(body, reason: str) -> None:
    with pytest.raises(MalformedPage, match=reason.replace("[", r"\[").replace("]", r"\]")):
        zendesk_sell_page(body)


@pytest.mark.parametrize(
    "body, reason",
    [
        ({"data": []}, 'an object with a "results" list'),
        ({"results": []}, 'a boolean "hasMore"'),
        ({"results": [], "hasMore": "false"}, 'a boolean "hasMore"'),
        ({"results": [1], "hasMore": False}, 'every element of "results" to be an object'),
    ],
)
def test_ruddr_envelope_problems_are_named(body, reason: str) -> None:
    with pytest.raises(MalformedPage, match=reason):
        ruddr_page(body)


def test_envelopes_return_the_api_objects_as_they_are() -> None:
    assert zendesk_sell_page(zendesk_body([3, 4])).records == [{"id": 3}, {"id": 4}]
    assert ruddr_page(ruddr_body(["a"], False)).records == [{"id": "a"}]
