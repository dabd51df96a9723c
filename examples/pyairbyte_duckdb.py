"""Load every stream of source-stages into a local DuckDB file with PyAirbyte, offline.

    pip install 'source-stages[pyairbyte]'       # or: make venv-pyairbyte
    python examples/pyairbyte_duckdb.py secrets/config.json stages.duckdb

PyAirbyte runs the `source-stages` console script found on PATH (no registry, no Docker, no
telemetry) and writes one table per stream into the DuckDB file; its scratch files go to
./.cache (AIRBYTE_CACHE_ROOT moves them).

Run it again with the same file and every change arrives: PyAirbyte passes back the STATE it
saved, the incremental streams (Zendesk Sell's) read what changed since and merge it by primary
key, and the full-refresh streams replace their tables. PyAirbyte's default write strategy would
merge those too, so a stage deleted at the source would stay in its table for ever.
"""

import argparse
import json
import os
import warnings

# Read by PyAirbyte at import time, hence before the import: no connector-registry look-up and
# no usage telemetry.
os.environ.setdefault("AIRBYTE_OFFLINE_MODE", "1")
os.environ.setdefault("DO_NOT_TRACK", "1")

import airbyte as ab  # noqa: E402
from airbyte.caches import DuckDBCache  # noqa: E402
from airbyte.exceptions import PyAirbyteDataLossWarning  # noqa: E402


def stages_source(config: dict) -> ab.Source:
    """source-stages with this config, run through the console script on PATH."""
    return ab.get_source("source-stages", config=config, local_executable="source-stages")


def load(source: ab.Source, duckdb_file: str) -> dict:
    """Read every stream of the source into the DuckDB file; the number of rows each stream's table holds."""
    cache = DuckDBCache(db_path=duckdb_file, schema_name="main")
    incremental = [stream.name for stream in source.discovered_catalog.streams
                   if "incremental" in [mode.value for mode in stream.supported_sync_modes]]
    full_refresh = [name for name in source.get_available_streams() if name not in incremental]
    counts = {}
    for streams, write_strategy in ((full_refresh, "replace"), (incremental, "merge")):
        if streams:
            with warnings.catch_warnings():
                # The warning is for incremental streams replaced without force_full_refresh; the
                # streams replaced here are full refresh only, read whole on every read.
                warnings.simplefilter("ignore", PyAirbyteDataLossWarning)
                result = source.read(cache=cache, streams=streams, write_strategy=write_strategy)
            counts.update({name: len(result[name]) for name in streams})
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", help="the connector's config (JSON file)")
    parser.add_argument("duckdb_file", help="the DuckDB file to write (created if missing)")
    arguments = parser.parse_args()
    with open(arguments.config, encoding="utf-8") as config_file:
        config = json.load(config_file)
    for stream_name, count in load(stages_source(config), arguments.duckdb_file).items():
        print(f"{stream_name}: {count} rows")


if __name__ == "__main__":
    main()
