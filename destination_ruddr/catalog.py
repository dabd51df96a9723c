"""The configured catalog, checked before the input is read: only the two accepted streams, and only
the destination sync modes `append` and `append_dedup`. Both mean "create the stages that are
missing, never a second stage of the same name in a pipeline"; `on_existing` decides about the
stages that exist. `overwrite` is refused: it would delete the stages the input does not hold, and
opportunities use them.
"""

from airbyte_cdk.models import ConfiguredAirbyteCatalog, DestinationSyncMode

from destination_ruddr.input_stages import ACCEPTED_STREAMS
from destination_ruddr.messages import failure

SYNC_MODES = (DestinationSyncMode.append, DestinationSyncMode.append_dedup)


def selected_streams(catalog: ConfiguredAirbyteCatalog) -> list[str]:
    """The names of the catalog's streams, once every one is checked (else a config_error)."""
    names = [configured.stream.name for configured in catalog.streams]
    accepted = " and ".join(f"`{name}`" for name in ACCEPTED_STREAMS)
    unknown = [name for name in names if name not in ACCEPTED_STREAMS]
    if unknown:
        listed = ", ".join(f"`{name}`" for name in unknown)
        raise failure(
            f"The configured catalog selects the stream(s) {listed}; destination-ruddr accepts only {accepted}. "
            "Deselect the others."
        )
    for configured in catalog.streams:
        mode = configured.destination_sync_mode
        if mode == DestinationSyncMode.overwrite:
            raise failure(
                f"The destination sync mode `overwrite` of the stream `{configured.stream.name}` is refused: it would "
                "delete the Ruddr stages that are not in the input, and opportunities use them. Use `append` or "
                "`append_dedup`: both create the missing stages and never a second stage of the same name in a "
                "pipeline (`on_existing` decides about the stages that exist)."
            )
        if mode not in SYNC_MODES:
            raise failure(
                f"The destination sync mode `{mode.value}` of the stream `{configured.stream.name}` is not supported; "
                "use `append` or `append_dedup`."
            )
    return names
