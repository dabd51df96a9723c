"""The config of Zendesk Sell, every field in one place: its block in the source's config
(`zendesk_sell`), with the connection fields and one options block per list endpoint."""

from typing import Annotated

from stage_apis.config.blocks import EndpointOptions, ExactName, Query, exact_name_field, field, options_field
from stage_apis.config.connection_fields import ApiConfig, RequestsPerSecond, base_url_field, requests_per_second_field
from stage_apis.config.kinds import FLAG, POSITIVE_ID, POSITIVE_IDS, ApiUrl, Credential, SortBy

DEFAULT_BASE_URL = "https://api.getbase.com"
CREDENTIAL_HELP = (
    "create a personal access token in Zendesk Sell under Settings > Integrations > OAuth > Access Tokens (it is "
    "shown only once) and paste it into `{access_token}`"
)
STAGE_SORT_FIELDS = ("pipeline_id", "id", "name", "category", "position", "likelihood")
PIPELINE_SORT_FIELDS = ("id", "name")


class StagesOptions(EndpointOptions):
    title = "Stages filters and sort"
    description = "Optional; every filter is sent to the Zendesk Sell API."

    pipeline_id: Annotated[int | None, POSITIVE_ID, Query("pipeline_id")] = field(
        0, "Pipeline ID", "Only the stages of this pipeline.", examples=[1]
    )
    ids: Annotated[list[int] | None, POSITIVE_IDS, Query("ids")] = field(
        1, "Stage IDs", "Only these stages. An empty list means no filter.", examples=[[1, 2]]
    )
    name: ExactName = exact_name_field(2, "stage", "Won")
    active: Annotated[bool | None, FLAG, Query("active")] = field(
        3,
        "Active",
        "true for active stages only, false for inactive ones only (in Zendesk Sell, stages holding finalized "
        "deals, such as Won and Lost, are inactive).",
    )
    sort_by: Annotated[tuple[str, ...], SortBy(STAGE_SORT_FIELDS, "Zendesk Sell stages")] = field(
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

    ids: Annotated[list[int] | None, POSITIVE_IDS, Query("ids")] = field(
        0, "Pipeline IDs", "Only these pipelines. An empty list means no filter.", examples=[[1]]
    )
    name: ExactName = exact_name_field(1, "pipeline", "Sales")
    disabled: Annotated[bool | None, FLAG, Query("disabled")] = field(
        2,
        "Disabled",
        "true for disabled pipelines only (no deals can be added to them), false for enabled ones only.",
    )
    sort_by: Annotated[tuple[str, ...], SortBy(PIPELINE_SORT_FIELDS, "Zendesk Sell pipelines")] = field(
        3,
        "Sort by",
        "The order of the records: id or name, each optionally followed by :asc (the default) or :desc. Default "
        "[id]. The connector appends id as the last sort field when it is not listed, so that page-number "
        "pagination sees a unique, stable order.",
        ["id"],
        validate_default=True,
        examples=[["name"], ["id"]],
    )


class ZendeskSellConfig(ApiConfig):
    access_token: Annotated[str, Credential(CREDENTIAL_HELP)] = field(
        0,
        "Access token",
        "A Zendesk Sell personal access token or OAuth access token (sent as `Authorization: Bearer ...`). Create one "
        "in Zendesk Sell under Settings > Integrations > OAuth > Access Tokens; it is shown only once.",
        default=...,
    )
    base_url: Annotated[str, ApiUrl(DEFAULT_BASE_URL, "access_token")] = base_url_field(
        "The Zendesk Sell API host, without /v2.", DEFAULT_BASE_URL, "token"
    )
    max_requests_per_second: RequestsPerSecond = requests_per_second_field(
        10,
        "Zendesk Sell allows 36,000 requests per hour per token, that is 10 per second; raise this only if your "
        "account has a raised limit.",
    )
    stages: StagesOptions = options_field(3, StagesOptions)
    pipelines: PipelinesOptions = options_field(4, PipelinesOptions)

    @property
    def credential(self) -> str:
        return self.access_token
