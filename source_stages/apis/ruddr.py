"""Ruddr: `GET /opportunity-stages` and `GET /opportunity-pipelines` of a workspace.

Records in `results[]`, after-id cursor pages (`limit`, `startingAfter`, while `hasMore`), no
sort (always newest first). The API filters only by `name`; the other filters are applied by the
connector to each record. Both streams are resumable full refresh.
"""

from typing import Any, Dict, Mapping, Optional, Tuple

from typing_extensions import Annotated

from source_stages.apis.api import Api, Check, Endpoint
from source_stages.config.blocks import EndpointOptions, ExactName, RecordField, exact_name_field, field
from source_stages.config.kinds import FLAG, OneOf, Uuid
from source_stages.pagination import AfterIdCursorPaginator, MalformedPage, Page
from source_stages.unified_stage import STAGE_STATUSES, PipelineNames, UnifiedStage, win_probability

LABEL = "Ruddr"
SENT_TO_RUDDR = " (sent to Ruddr)"
APPLIED_BY_THE_CONNECTOR = "Applied by the connector to each record, not by Ruddr."

IsActive = Annotated[Optional[bool], FLAG, RecordField("isActive")]


def is_active_field(order: int, nouns: str) -> Any:
    return field(order, "Active", f"true for active {nouns} only, false for inactive ones only. {APPLIED_BY_THE_CONNECTOR}")


class RuddrOptions(EndpointOptions):
    unsupported = {
        "sort_by": f"is not supported: {LABEL} cannot sort this list (it always returns the newest first). Remove `sort_by`."
    }


class OpportunityStagesOptions(RuddrOptions):
    title = "Opportunity stages filters"
    description = (
        "Optional. Ruddr filters only by name on the server; the other filters are applied by the connector to "
        "every record it reads, so they save no requests."
    )

    name: ExactName = exact_name_field(0, "stage", "Won", SENT_TO_RUDDR)
    opportunity_pipeline_id: Annotated[Optional[str], Uuid(), RecordField("opportunityPipelineId")] = field(
        1,
        "Opportunity pipeline ID",
        f"Only the stages of this pipeline (a UUID). {APPLIED_BY_THE_CONNECTOR}",
        examples=["b9c85ac3-1a1d-4f31-a0c5-6e7d3d8ee0b2"],
    )
    status_id: Annotated[Optional[str], OneOf(STAGE_STATUSES), RecordField("statusId")] = field(
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


def page_of(body: Any) -> Page:
    """{"results": [{...}, ...], "hasMore": true}"""
    if not isinstance(body, dict) or not isinstance(body.get("results"), list):
        raise MalformedPage('expected an object with a "results" list')
    if not isinstance(body.get("hasMore"), bool):
        raise MalformedPage('expected a boolean "hasMore"')
    records = body["results"]
    if not all(type(record) is dict for record in records):
        raise MalformedPage('expected every element of "results" to be an object')
    return Page(records=records, body=body)


def sort_params(sort_items: Tuple[str, ...]) -> Dict[str, str]:
    return {}


def check_body_problem(body: Any) -> Optional[str]:
    """The workspace object (`GET /`) has a string id."""
    if not isinstance(body, dict) or not isinstance(body.get("id"), str):
        return f"the answer is not a {LABEL} workspace"
    return None


def unified_stage(stage: Mapping[str, Any], pipeline_names: PipelineNames) -> UnifiedStage:
    status_id = stage.get("statusId")
    status = status_id if status_id in STAGE_STATUSES else None
    return {
        "source": RUDDR.key,
        "id": stage.get("id"),
        "pipeline_id": stage.get("opportunityPipelineId"),
        "pipeline_name": pipeline_names.get(stage.get("opportunityPipelineId")),
        "name": stage.get("name"),
        "description": stage.get("description"),
        "status": status,
        "category": status_id,
        "win_probability": win_probability(stage.get("probability"), status),
        "position": None,
        "is_active": stage.get("isActive"),
        "created_at": stage.get("createdAt"),
        "updated_at": None,
    }


RUDDR = Api(
    key="ruddr",
    label=LABEL,
    description=(
        "Reads the streams ruddr_opportunity_stages and ruddr_opportunity_pipelines. Leave this block out to skip "
        "Ruddr. Ruddr lists cannot be sorted: they always come newest first."
    ),
    credential_field="api_key",
    credential_noun="key",
    credential_title="API key",
    credential_description=(
        "A Ruddr API key (sent as `Authorization: Bearer ...`). Create one in Ruddr under Settings > API Keys; it is "
        "shown only once and gives access to the whole workspace."
    ),
    credential_help=(
        "create an API key in Ruddr under Settings > API Keys (it is shown only once) and paste it into "
        "`{credential_path}`"
    ),
    forbidden_help=(
        "the API is not enabled for this workspace or the key lacks access; ask a Ruddr "
        "workspace administrator to enable API access, then create a new key for `{credential_path}`"
    ),
    default_base_url="https://www.ruddr.io/api/workspace",
    base_url_is="The Ruddr workspace API URL.",
    api_root="",
    default_requests_per_second=20,
    rate_limit=(
        "Ruddr allows 20 requests per second per workspace, with a burst of 60, shared by all keys of the workspace; "
        "lower it if other clients use the same workspace at the same time, raise it only for a raised limit."
    ),
    envelope=page_of,
    paginator=AfterIdCursorPaginator,
    sort_params=sort_params,
    check=Check(path="", params={}, body_problem=check_body_problem),
    stages=Endpoint("ruddr_opportunity_stages", "opportunity-stages", OpportunityStagesOptions),
    pipelines=Endpoint("ruddr_opportunity_pipelines", "opportunity-pipelines", OpportunityPipelinesOptions),
    to_unified_stage=unified_stage,
)
