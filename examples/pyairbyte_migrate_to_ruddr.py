"""Migrate the stages source-stages reads into Ruddr with PyAirbyte: `destination.write(source)`.

    pip install 'source-stages[pyairbyte]'       # or: make venv-pyairbyte
    python examples/pyairbyte_migrate_to_ruddr.py source_config.json destination_config.json

PyAirbyte runs both console scripts found on PATH (no registry, no Docker, no telemetry): it
reads the `stages` stream of `source-stages` (e.g. a Zendesk Sell config) into its local cache
(./.cache; AIRBYTE_CACHE_ROOT moves it), then feeds it to `destination-ruddr`, which creates the
stages in the Ruddr pipelines of the same names (create those pipelines in Ruddr first). Running
it again creates nothing.
"""

import json
import os
import sys

# Read by PyAirbyte at import time, hence before the import.
os.environ.setdefault("AIRBYTE_OFFLINE_MODE", "1")
os.environ.setdefault("DO_NOT_TRACK", "1")

import airbyte as ab  # noqa: E402


def migrate(source_config: dict, destination_config: dict) -> int:
    """The number of records written."""
    source = ab.get_source("source-stages", config=source_config, local_executable="source-stages")
    source.select_streams(["stages"])
    destination = ab.get_destination(
        "destination-ruddr", config=destination_config, local_executable="destination-ruddr"
    )
    return destination.write(source).processed_records


def load(path: str) -> dict:
    with open(path, encoding="utf-8") as file:
        return json.load(file)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    written = migrate(load(sys.argv[1]), load(sys.argv[2]))
    print(f"wrote {written} records to destination-ruddr")
