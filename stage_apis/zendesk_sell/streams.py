"""The lists of Zendesk Sell, one stream class each (list_stream.py holds their behaviour). Both
are incremental on `updated_at`, which the connector compares: the API can neither filter nor
sort on it (incremental.py)."""

from stage_apis.incremental import IncrementalListStream
from stage_apis.zendesk_sell.api import ZENDESK_SELL
from stage_apis.zendesk_sell.config import PipelinesOptions, StagesOptions


class ZendeskSellStages(IncrementalListStream):
    name = "zendesk_sell_stages"
    api = ZENDESK_SELL
    list_path = "stages"
    options_model = StagesOptions
    cursor_field = "updated_at"


class ZendeskSellPipelines(IncrementalListStream):
    name = "zendesk_sell_pipelines"
    api = ZENDESK_SELL
    list_path = "pipelines"
    options_model = PipelinesOptions
    cursor_field = "updated_at"


STREAMS = (ZendeskSellStages, ZendeskSellPipelines)  # in the order of the catalog
