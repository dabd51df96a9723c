"""Zendesk Sell (Core API v2): `GET /v2/stages` and `GET /v2/pipelines`.

Records in `items[].data`, page-number pages (`page`, `per_page`, the next page linked from
`meta.links.next_page`), sort as `sort_by=field[:desc],...`, every filter applied by the API.
Both streams are incremental on `updated_at`, compared by the connector (the API cannot filter on it).
"""

from typing import Any, Dict, List, Mapping, Optional, Tuple

from typing_extensions import Annotated

from source_stages.apis.api import Api, Check, Endpoint
from source_stages.config.blocks import EndpointOptions, ExactName, Query, exact_name_field, field
from source_stages.config.kinds import FLAG, POSITIVE_ID, POSITIVE_IDS, SortBy
from source_stages.pagination import MalformedPage, Page, PageNumberPaginator
from source_stages.unified_stage import PipelineNames, UnifiedStage, is_number, win_probability

LABEL = "Zendesk Sell"
STAGE_SORT_FIELDS = ("pipeline_id", "id", "name", "category", "position", "likelihood")
PIPELINE_SORT_FIELDS = ("id", "name")
STATUS_OF_CATEGORY = {"incoming": "open", "in_progress": "open", "won": "won", "lost": "lost", "unqualified": "lost"}


class StagesOptions(EndpointOptions):
    title = "Stages filters and sort"
    description = "Optional; every filter is sent to the Zendesk Sell API."

    pipeline_id: Annotated[Optional[int], POSITIVE_ID, Query("pipeline_id")] = field(
        0, "Pipeline ID", "Only the stages of this pipeline.", examples=[1]
    )
    ids: Annotated[Optional[List[int]], POSITIVE_IDS, Query("ids")] = field(
        1, "Stage IDs", "Only these stages. An empty list means no filter.", examples=[[1, 2]]
    )
    name: ExactName = exact_name_field(2, "stage", "Won")
    active: Annotated[Optional[bool], FLAG, Query("active")] = field(
        3,
        "Active",
        "true for active stages only, false for inactive ones only (in Zendesk Sell, stages holding finalized "
        "deals, such as Won and Lost, are inactive).",
    )
    sort_by: Annotated[Tuple[str, ...], SortBy(STAGE_SORT_FIELDS, f"{LABEL} stages")] = field(
        4,
        "Sort by",
        "The order of the records: fields of the stage, each optionally followed by :asc (the default) or :desc, "
        f"applied in the order given. Allowed fields: {', '.join(STAGE_SORT_FIELDS)}. Default [id]. Reads page by "
        "page with page numbers, so the order must be the same on every request: the connector appends id as the "
        "last sort field when it is not listed, which makes the order unique and stable.",
        ["id"],
        validate_default=True,
        examples=[["position:desc", "id"], ["id"]],
    )


class PipelinesOptions(EndpointOptions):
    title = "Pipelines filters and sort"
    description = StagesOptions.description

    ids: Annotated[Optional[List[int]], POSITIVE_IDS, Query("ids")] = field(
        0, "Pipeline IDs", "Only these pipelines. An empty list means no filter.", examples=[[1]]
    )
    name: ExactName = exact_name_field(1, "pipeline", "Sales")
    disabled: Annotated[Optional[bool], FLAG, Query("disabled")] = field(
        2,
        "Disabled",
        "true for disabled pipelines only (no deals can be added to them), false for enabled ones only.",
    )
    sort_by: Annotated[Tuple[str, ...], SortBy(PIPELINE_SORT_FIELDS, f"{LABEL} pipelines")] = field(
        3,
        "Sort by",
        "The order of the records: id or name, each optionally followed by :asc (the default) or :desc. Default "
        "[id]. The connector appends id as the last sort field when it is not listed, so that page-number "
        "pagination sees a unique, stable order.",
        ["id"],
        validate_default=True,
        examples=[["name"], ["id"]],
    )


def page_of(body: Any) -> Page:
    """{"items": [{"data": {...}, "meta": {...}}, ...], "meta": {"links": {"next_page": ...}}}"""
    if not isinstance(body, dict) or not isinstance(body.get("items"), list):
        raise MalformedPage('expected an object with an "items" list')
    if not isinstance(body.get("meta"), dict):
        raise MalformedPage('expected an object with a "meta" object')
    if not isinstance(body["meta"].get("links", {}), dict):
        raise MalformedPage('expected "meta.links" to be an object')
    try:
        records = [item["data"] for item in body["items"]]
    except (KeyError, TypeError):
        raise MalformedPage('expected every element of "items" to be an object with a "data" object') from None
    if not all(type(record) is dict for record in records):
        raise MalformedPage('expected every "items[].data" to be an object')
    return Page(records=records, body=body)


def sort_params(sort_items: Tuple[str, ...]) -> Dict[str, str]:
    return {"sort_by": ",".join(sort_items)}


def check_body_problem(body: Any) -> Optional[str]:
    try:
        page_of(body)
    except MalformedPage:
        return f"the answer is not a {LABEL} stage list"
    return None


def unified_stage(stage: Mapping[str, Any], pipeline_names: PipelineNames) -> UnifiedStage:
    category = stage.get("category")
    status = STATUS_OF_CATEGORY.get(category) if isinstance(category, str) else None
    likelihood = stage.get("likelihood")
    return {
        "source": ZENDESK_SELL.key,
        "id": _text(stage.get("id")),
        "pipeline_id": _text(stage.get("pipeline_id")),
        "pipeline_name": pipeline_names.get(stage.get("pipeline_id")),
        "name": stage.get("name"),
        "description": None,
        "status": status,
        "category": category,
        "win_probability": win_probability(likelihood / 100 if is_number(likelihood) else None, status),
        "position": stage.get("position"),
        "is_active": stage.get("active"),
        "created_at": stage.get("created_at"),
        "updated_at": stage.get("updated_at"),
    }


def _text(value: Any) -> Optional[str]:
    return None if value is None else str(value)


ZENDESK_SELL = Api(
    key="zendesk_sell",
    label=LABEL,
    description=(
        "Reads the streams zendesk_sell_stages and zendesk_sell_pipelines. Leave this block out to skip Zendesk Sell."
    ),
    credential_field="access_token",
    credential_noun="token",
    credential_title="Access token",
    credential_description=(
        "A Zendesk Sell personal access token or OAuth access token (sent as `Authorization: Bearer ...`). Create "
        "one in Zendesk Sell under Settings > Integrations > OAuth > Access Tokens; it is shown only once."
    ),
    credential_help=(
        "create a personal access token in Zendesk Sell under Settings > Integrations > OAuth > "
        "Access Tokens (it is shown only once) and paste it into `{credential_path}`"
    ),
    forbidden_help=(
        "the token lacks a permission needed to read pipelines and stages; use a token of a user "
        "who can see them (scope `read`) in `{credential_path}`"
    ),
    default_base_url="https://api.getbase.com",
    base_url_is="The Zendesk Sell API host, without /v2.",
    api_root="v2/",
    default_requests_per_second=10,
    rate_limit=(
        "Zendesk Sell allows 36,000 requests per hour per token, that is 10 per second; raise this only if your "
        "account has a raised limit."
    ),
    envelope=page_of,
    paginator=PageNumberPaginator,
    sort_params=sort_params,
    check=Check(path="stages", params={"per_page": 1}, body_problem=check_body_problem),
    stages=Endpoint("zendesk_sell_stages", "stages", StagesOptions, cursor_field="updated_at"),
    pipelines=Endpoint("zendesk_sell_pipelines", "pipelines", PipelinesOptions, cursor_field="updated_at"),
    to_unified_stage=unified_stage,
)
