"""The lists of Ruddr, one stream class each (list_stream.py holds their behaviour). Both are
resumable full refresh: Ruddr's records carry no update time to read incrementally."""

from stage_apis.list_stream import ListStream
from stage_apis.ruddr.api import RUDDR
from stage_apis.ruddr.config import OpportunityPipelinesOptions, OpportunityStagesOptions


class RuddrOpportunityStages(ListStream):
    name = "ruddr_opportunity_stages"
    api = RUDDR
    list_path = "opportunity-stages"
    options_model = OpportunityStagesOptions


class RuddrOpportunityPipelines(ListStream):
    name = "ruddr_opportunity_pipelines"
    api = RUDDR
    list_path = "opportunity-pipelines"
    options_model = OpportunityPipelinesOptions


STREAMS = (RuddrOpportunityStages, RuddrOpportunityPipelines)  # in the order of the catalog
