"""The destination's config: Ruddr's connection fields as the source's `ruddr` block has them
(`RuddrConnection`: same kinds, messages and spec texts), at the top level, and three fields of
the destination's own.

`DestinationConfig` yields the spec that `spec` prints, the validation behind every
`Invalid config:` message, and the typed config `check` and `write` read.
"""

from typing import Annotated

from stage_apis.config.blocks import field
from stage_apis.config.kinds import FLAG, Filter, OneOf, Uuid
from stage_apis.config.spec import connection_specification
from stage_apis.config.validation import validate
from stage_apis.ruddr.config import RuddrConnection

UPDATE, SKIP = "update", "skip"
ON_EXISTING = (UPDATE, SKIP)

TITLE = "Ruddr opportunity stages"
DESCRIPTION = (
    "Creates Ruddr opportunity stages (POST /opportunity-stages) from the streams `stages` (the shape source-stages "
    "emits, e.g. from Zendesk Sell) and `ruddr_opportunity_stages` (Ruddr's own shape), never a second stage of the "
    "same name in a pipeline. Every record is checked against Ruddr's rules before anything is written."
)

BLANK_MEANS_DEFAULT = ("on_existing", "dry_run")  # null (and "" for on_existing): the default


class DestinationConfig(RuddrConnection):
    default_pipeline_id: Annotated[str | None, Uuid()] = field(
        3,
        "Default pipeline ID",
        "Optional. The Ruddr pipeline (a UUID) for a record whose pipeline is not found otherwise: a record goes to "
        "its own Ruddr pipeline id if it has one in this workspace, else to the Ruddr pipeline whose name equals its "
        "`pipeline_name` exactly, else to this pipeline. Without it, such a record is invalid and the sync writes "
        "nothing. Pipelines are never created: create them in Ruddr first.",
        examples=["b9c85ac3-1a1d-4f31-a0c5-6e7d3d8ee0b2"],
    )
    on_existing: Annotated[str, OneOf(ON_EXISTING)] = field(
        4,
        "When the stage exists",
        "What to do when the pipeline already has a stage of the record's name: `update` changes the fields that "
        "differ (description, probability, status, active) with a PATCH; `skip` leaves it as it is. A second stage of "
        "the same name is never created.",
        UPDATE,
    )
    dry_run: Annotated[bool, FLAG] = field(
        5,
        "Dry run",
        "true: read and check the input, plan, and log what would be created and updated, but write nothing to Ruddr "
        "and emit no STATE (so the platform does not count the records as delivered).",
        False,
    )

    @classmethod
    def prepare(cls, data: dict[str, object]) -> dict[str, object]:
        data = {
            key: value
            for key, value in data.items()
            if not (key in BLANK_MEANS_DEFAULT and cls._kind(key).is_blank(value))
        }
        return super().prepare(data)

    @classmethod
    def _kind(cls, name: str) -> Filter:
        return next(item for item in cls.model_fields[name].metadata if isinstance(item, Filter))


def parse_config(raw: object) -> DestinationConfig:
    return validate(DestinationConfig, raw)


def destination_specification() -> dict[str, object]:
    return connection_specification(DestinationConfig, TITLE, DESCRIPTION)
