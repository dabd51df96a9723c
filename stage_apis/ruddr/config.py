"""The config of Ruddr, every field in one place: the connection fields (`RuddrConnection`), which
the source's `ruddr` block and the destination's config both extend, and the options block of
each list endpoint. The API filters only by `name`; the other filters are applied by the
connector to each record."""

from collections.abc import Mapping
from typing import Annotated, ClassVar

from stage_apis.config.blocks import (
    EndpointOptions,
    ExactName,
    FieldDefault,
    RecordField,
    exact_name_field,
    field,
    options_field,
)
from stage_apis.config.connection_fields import ApiConfig, RequestsPerSecond, base_url_field, requests_per_second_field
from stage_apis.config.kinds import FLAG, ApiUrl, Credential, OneOf, Uuid
from stage_apis.ruddr.rules import ACTIVE_FIELD, PIPELINE_FIELD, STATUS_FIELD, STATUSES

DEFAULT_BASE_URL = "https://www.ruddr.io/api/workspace"
CREDENTIAL_HELP = (
    "create an API key in Ruddr under Settings > API Keys (it is shown only once) and paste it into `{api_key}`"
)
SENT_TO_RUDDR = " (sent to Ruddr)"
APPLIED_BY_THE_CONNECTOR = "Applied by the connector to each record, not by Ruddr."

IsActive = Annotated[bool | None, FLAG, RecordField(ACTIVE_FIELD)]


def is_active_field(order: int, nouns: str) -> FieldDefault:
    return field(
        order, "Active", f"true for active {nouns} only, false for inactive ones only. {APPLIED_BY_THE_CONNECTOR}"
    )


class RuddrConnection(ApiConfig):
    api_key: Annotated[str, Credential(CREDENTIAL_HELP)] = field(
        0,
        "API key",
        "A Ruddr API key (sent as `Authorization: Bearer ...`). Create one in Ruddr under Settings > API Keys; it is "
        "shown only once and gives access to the whole workspace.",
        default=...,
    )
    base_url: Annotated[str, ApiUrl(DEFAULT_BASE_URL, "api_key")] = base_url_field(
        "The Ruddr workspace API URL.", DEFAULT_BASE_URL, "key"
    )
    max_requests_per_second: RequestsPerSecond = requests_per_second_field(
        20,
        "Ruddr allows 20 requests per second per workspace, with a burst of 60, shared by all keys of the workspace; "
        "lower it if other clients use the same workspace at the same time, raise it only for a raised limit.",
    )

    @property
    def credential(self) -> str:
        return self.api_key


class RuddrOptions(EndpointOptions):
    unsupported: ClassVar[Mapping[str, str]] = {
        "sort_by": (
            "is not supported: Ruddr cannot sort this list (it always returns the newest first). Remove `sort_by`."
        )
    }


class OpportunityStagesOptions(RuddrOptions):
    title = "Opportunity stages filters"
    description = (
        "Optional. Ruddr filters only by name on the server; the other filters are applied by the connector to "
        "every record it reads, so they save no requests."
    )

    name: ExactName = exact_name_field(0, "stage", "Won", SENT_TO_RUDDR)
    opportunity_pipeline_id: Annotated[str | None, Uuid(), RecordField(PIPELINE_FIELD)] = field(
        1,
        "Opportunity pipeline ID",
        f"Only the stages of this pipeline (a UUID). {APPLIED_BY_THE_CONNECTOR}",
        examples=["b9c85ac3-1a1d-4f31-a0c5-6e7d3d8ee0b2"],
    )
    status_id: Annotated[str | None, OneOf(STATUSES), RecordField(STATUS_FIELD)] = field(
        2, "Status", f"Only the stages with this status. {APPLIED_BY_THE_CONNECTOR}"
    )
    is_active: IsActive = is_active_field(3, "stages")


class OpportunityPipelinesOptions(RuddrOptions):
    title = "Opportunity pipelines filters"
    description = (
        "Optional. Ruddr filters only by name on the server; is_active is applied by the connector to every record "
        "it reads."
    )

    name: ExactName = exact_name_field(0, "pipeline", "Sales", SENT_TO_RUDDR)
    is_active: IsActive = is_active_field(1, "pipelines")


class RuddrConfig(RuddrConnection):
    """The source's `ruddr` block."""

    opportunity_stages: OpportunityStagesOptions = options_field(3, OpportunityStagesOptions)
    opportunity_pipelines: OpportunityPipelinesOptions = options_field(4, OpportunityPipelinesOptions)
