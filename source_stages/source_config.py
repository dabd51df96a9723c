"""The source's config, written once: one optional block per API (apis/) and the page size.

`SourceConfig` yields the spec that `spec` prints, the validation behind every `Invalid config:`
message, and the typed config the streams read.
"""

from typing import Any, Dict, List

from airbyte_cdk.sources.utils.schema_helpers import InternalConfig
from pydantic import ConfigDict, create_model, model_validator
from typing_extensions import Annotated

from source_stages.apis import APIS, ApiConfig
from source_stages.config.blocks import ConfigBlock, field
from source_stages.config.kinds import Bounded, ConfigProblem
from source_stages.config.spec import connection_specification
from source_stages.config.validation import validate

PAGE_SIZE_MIN, PAGE_SIZE_MAX, PAGE_SIZE_DEFAULT = 1, 100, 100

TITLE = "Stages (Zendesk Sell and Ruddr)"
DESCRIPTION = (
    "Reads the sales-pipeline stages and pipelines of Zendesk Sell and/or Ruddr. Configure at least one of the two "
    "providers; each configured provider adds its two streams."
)


def _at_least_one_provider_in_the_spec(schema: Dict[str, Any]) -> None:
    schema["anyOf"] = [{"required": [api.key]} for api in APIS]


class SourceConfigBlock(ConfigBlock):
    # The spec says "at least one provider" as the validator below does.
    model_config = ConfigDict(json_schema_extra=_at_least_one_provider_in_the_spec)

    @classmethod
    def prepare(cls, data: Dict[str, Any]) -> Dict[str, Any]:
        # Airbyte's own test keys (`_limit`, `_page_size`) may ride along; they are not ours.
        return {key: value for key, value in data.items() if key not in InternalConfig.KEYWORDS}

    @model_validator(mode="after")
    def _at_least_one_api(self) -> "SourceConfigBlock":
        if not self.apis:
            blocks = ", ".join(f"a `{api.key}` block with an `{api.credential_field}`" for api in APIS)
            raise ConfigProblem(f"configure at least one provider: {blocks}, or both.").as_pydantic_error()
        return self

    @property
    def apis(self) -> List[ApiConfig]:
        """The configured APIs' blocks, in the order of APIS."""
        return [block for api in APIS if (block := getattr(self, api.key)) is not None]


SourceConfig = create_model(
    "SourceConfig",
    __base__=SourceConfigBlock,
    **{
        # Absent means "not configured"; null is refused, like any value that is not a block.
        api.key: (api.config_block, field(order, api.label, api.description))
        for order, api in enumerate(APIS)
    },
    page_size=(
        Annotated[int, Bounded(PAGE_SIZE_MIN, PAGE_SIZE_MAX)],
        field(
            len(APIS),
            "Page size",
            f"Records per request, for both providers: {PAGE_SIZE_MIN} to {PAGE_SIZE_MAX}. Keep the default, "
            f"{PAGE_SIZE_DEFAULT}, which is both APIs' maximum and needs the fewest requests.",
            PAGE_SIZE_DEFAULT,
            examples=[PAGE_SIZE_DEFAULT],
        ),
    ),
)


def parse_config(raw: Any) -> SourceConfigBlock:
    return validate(SourceConfig, raw)


def source_specification() -> Dict[str, Any]:
    return connection_specification(SourceConfig, TITLE, DESCRIPTION)
