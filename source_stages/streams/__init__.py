from source_stages.providers import RUDDR, ZENDESK_SELL
from source_stages.streams.base import StagesStream
from source_stages.streams.ruddr import RuddrStream
from source_stages.streams.zendesk_sell import ZendeskSellStream

STREAM_CLASSES = {ZENDESK_SELL.key: ZendeskSellStream, RUDDR.key: RuddrStream}

__all__ = ["STREAM_CLASSES", "RuddrStream", "StagesStream", "ZendeskSellStream"]
