"""Zendesk Sell: records in `items[].data`, page-number pages, `sort_by=field[:desc],...`;
incremental on `updated_at`, compared by the connector (the API has no filter for it)."""

from typing import Dict, Tuple

from source_stages.envelopes import zendesk_sell_page
from source_stages.pagination import PageNumberPaginator
from source_stages.streams.base import StagesStream
from source_stages.streams.incremental import UpdatedAtIncremental


class ZendeskSellStream(UpdatedAtIncremental, StagesStream):
    envelope = staticmethod(zendesk_sell_page)

    def paginator(self, page_size: int) -> PageNumberPaginator:
        return PageNumberPaginator(page_size)

    def sort_params(self, sort_by: Tuple[str, ...]) -> Dict[str, str]:
        return {"sort_by": ",".join(sort_by)}
