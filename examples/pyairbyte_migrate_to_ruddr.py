"""Migrate the stages source-stages reads into Ruddr with PyAirbyte: `destination.write(source)`.

    pip install 'source-stages[pyairbyte]'       # or: make venv-pyairbyte
    python examples/pyairbyte_migrate_to_ruddr.py source_config.json destination_config.json

PyAirbyte runs both console scripts found on PATH (no registry, no Docker, no telemetry): it
reads the `stages` stream of `source-stages` (e.g. a Zendesk Sell config) into its local cache
(./.cache; AIRBYTE_CACHE_ROOT moves it), then feeds it to `destination-ruddr`, which creates the
stages in the Ruddr pipelines of the same names (create those pipelines in Ruddr first). Running
it again creates nothing.
"""

import argparse
import json
import os

# Read by PyAirbyte at import time, hence before the import: no connector-registry look-up and
# no usage telemetry.
os.environ.setdefault("AIRBYTE_OFFLINE_MODE", "1")
os.environ.setdefault("DO_NOT_TRACK", "1")

import airbyte as ab  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source_config", help="source-stages' config (JSON file)")
    parser.add_argument("destination_config", help="destination-ruddr's config (JSON file)")
    arguments = parser.parse_args()
    configs = []
    for path in (arguments.source_config, arguments.destination_config):
        with open(path, encoding="utf-8") as config_file:
            configs.append(json.load(config_file))

    source = ab.get_source("source-stages", config=configs[0], local_executable="source-stages")
    source.select_streams(["stages"])
    destination = ab.get_destination("destination-ruddr", config=configs[1], local_executable="destination-ruddr")
    result = destination.write(source)
    print(f"wrote {result.processed_records} records to destination-ruddr")


if __name__ == "__main__":
    main()
