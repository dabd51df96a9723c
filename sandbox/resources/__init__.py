"""The registry: every resource the sandbox serves, one module each. The router, the datasets,
data changes and ``GET /_sandbox/data`` (in this order) take them from here."""

from . import (ruddr_opportunity_pipelines, ruddr_opportunity_stages, ruddr_workspace, zendesk_sell_pipelines,
               zendesk_sell_stages)

RESOURCES = (
    zendesk_sell_stages.RESOURCE,
    zendesk_sell_pipelines.RESOURCE,
    ruddr_workspace.RESOURCE,
    ruddr_opportunity_stages.RESOURCE,
    ruddr_opportunity_pipelines.RESOURCE,
)
