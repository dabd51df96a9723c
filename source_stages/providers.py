"""The APIs this source reads, in the order of the config and the catalog: for each, its config
block, its list streams and how the unified `stages` stream joins them."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from source_stages.unified_mapping import ruddr_stage, zendesk_sell_stage
from stage_apis.api import Api
from stage_apis.config.connection_fields import ApiConfig
from stage_apis.list_stream import ListStream
from stage_apis.ruddr import streams as ruddr_streams
from stage_apis.ruddr.api import RUDDR
from stage_apis.ruddr.config import RuddrConfig
from stage_apis.unified_stage import PipelineNames, UnifiedStage
from stage_apis.zendesk_sell import streams as zendesk_sell_streams
from stage_apis.zendesk_sell.api import ZENDESK_SELL
from stage_apis.zendesk_sell.config import ZendeskSellConfig


@dataclass(frozen=True)
class Provider:
    api: Api
    config: type[ApiConfig]  # its block in the source's config
    streams: tuple[type[ListStream], ...]  # its lists, in the order of the catalog
    stages: type[ListStream]  # the stages and pipelines the unified `stages` stream joins
    pipelines: type[ListStream]
    to_unified_stage: Callable[[Mapping[str, object], PipelineNames], UnifiedStage]


ZENDESK_SELL_PROVIDER = Provider(
    ZENDESK_SELL,
    ZendeskSellConfig,
    zendesk_sell_streams.STREAMS,
    zendesk_sell_streams.ZendeskSellStages,
    zendesk_sell_streams.ZendeskSellPipelines,
    zendesk_sell_stage,
)
RUDDR_PROVIDER = Provider(
    RUDDR,
    RuddrConfig,
    ruddr_streams.STREAMS,
    ruddr_streams.RuddrOpportunityStages,
    ruddr_streams.RuddrOpportunityPipelines,
    ruddr_stage,
)
PROVIDERS = (ZENDESK_SELL_PROVIDER, RUDDR_PROVIDER)


def provider_of(config: ApiConfig) -> Provider:
    return next(provider for provider in PROVIDERS if isinstance(config, provider.config))
