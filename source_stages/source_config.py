"""The source's config: one optional block per API and the page size.

`SourceConfig` yields the spec that `spec` prints, the validation behind every `Invalid config:`
message, and the typed config the streams read. Each API's block is declared with its API
(stage_apis/zendesk_sell/config.py, stage_apis/ruddr/config.py).
"""

from collections.abc import Sequence
from typing import Annotated

from airbyte_cdk.sources.utils.schema_helpers import InternalConfig
from pydantic import ConfigDict, model_validator
from pydantic.config import JsonDict

from stage_apis.config.blocks import ConfigBlock, field
from stage_apis.config.connection_fields import ApiConfig
from stage_apis.config.kinds import Bounded, ConfigProblem
from stage_apis.config.spec import connection_specification
from stage_apis.config.validation import validate
from stage_apis.list_stream import ListStream
from stage_apis.ruddr import streams as ruddr_streams
from stage_apis.ruddr.config import RuddrConfig
from stage_apis.zendesk_sell import streams as zendesk_sell_streams
from stage_apis.zendesk_sell.config import ZendeskSellConfig

PAGE_SIZE_MIN, PAGE_SIZE_MAX, PAGE_SIZE_DEFAULT = 1, 100, 100

TITLE = "Stages (Zendesk Sell and Ruddr)"
DESCRIPTION = (
    "Reads the sales-pipeline stages and pipelines of Zendesk Sell and/or Ruddr. Configure at least one of the two "
    "providers; each configured provider adds its two streams."
)


def _reads(streams: Sequence[type[ListStream]]) -> str:
    names = [stream.name for stream in streams]
    return f"Reads the streams {', '.join(names[:-1])} and {names[-1]}."


def _at_least_one_provider_in_the_spec(schema: JsonDict, model: type["SourceConfig"]) -> None:
    schema["anyOf"] = [{"required": [name]} for name in model.provider_blocks()]


class SourceConfig(ConfigBlock):
    # The spec says "at least one provider" as the validator below does.
    model_config = ConfigDict(json_schema_extra=_at_least_one_provider_in_the_spec)

    # A provider's block: absent means "not configured"; null is refused, like any value that is
    # not a block.
    zendesk_sell: ZendeskSellConfig = field(
        0, "Zendesk Sell", f"{_reads(zendesk_sell_streams.STREAMS)} Leave this block out to skip Zendesk Sell."
    )
    ruddr: RuddrConfig = field(
        1,
        "Ruddr",
        f"{_reads(ruddr_streams.STREAMS)} Leave this block out to skip Ruddr. Ruddr lists cannot be sorted: they "
        "always come newest first.",
    )
    page_size: Annotated[int, Bounded(PAGE_SIZE_MIN, PAGE_SIZE_MAX)] = field(
        2,
        "Page size",
        f"Records per request, for both providers: {PAGE_SIZE_MIN} to {PAGE_SIZE_MAX}. Keep the default, "
        f"{PAGE_SIZE_DEFAULT}, which is both APIs' maximum and needs the fewest requests.",
        PAGE_SIZE_DEFAULT,
        examples=[PAGE_SIZE_DEFAULT],
    )

    @classmethod
    def provider_blocks(cls) -> dict[str, type[ApiConfig]]:
        """Each provider's block class by its field, in the order of the form."""
        return {
            name: info.annotation
            for name, info in cls.model_fields.items()
            if isinstance(info.annotation, type) and issubclass(info.annotation, ApiConfig)
        }

    @classmethod
    def prepare(cls, data: dict[str, object]) -> dict[str, object]:
        # Airbyte's own test keys (`_limit`, `_page_size`) may ride along; they are not ours.
        return {key: value for key, value in data.items() if key not in InternalConfig.KEYWORDS}

    @model_validator(mode="after")
    def _at_least_one_api(self) -> "SourceConfig":
        if not self.apis:
            blocks = ", ".join(
                f"a `{name}` block with an `{block.credential_field()}`"
                for name, block in self.provider_blocks().items()
            )
            raise ConfigProblem(f"configure at least one provider: {blocks}, or both.").as_pydantic_error()
        return self

    @property
    def apis(self) -> list[ApiConfig]:
        """The configured providers' blocks, in the order of the form."""
        return [block for _, block in self if isinstance(block, ApiConfig)]


def parse_config(raw: object) -> SourceConfig:
    return validate(SourceConfig, raw)


def source_specification() -> dict[str, object]:
    return connection_specification(SourceConfig, TITLE, DESCRIPTION)
