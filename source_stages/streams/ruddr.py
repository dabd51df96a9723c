"""Ruddr: records in `results[]`, after-id cursor pages, no sort (always newest first)."""

from typing import Dict, Tuple

from source_stages.envelopes import ruddr_page
from source_stages.pagination import AfterIdCursorPaginator
from source_stages.streams.base import StagesStream


class RuddrStream(StagesStream):
    envelope = staticmethod(ruddr_page)

    def paginator(self, page_size: int) -> AfterIdCursorPaginator:
        return AfterIdCursorPaginator(page_size)

    def sort_params(self, sort_by: Tuple[str, ...]) -> Dict[str, str]:
        return {}
