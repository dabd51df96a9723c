"""Load every stream of source-stages into a local DuckDB file with PyAirbyte, offline.

    pip install 'source-stages[pyairbyte]'       # or: make venv-pyairbyte
    python examples/pyairbyte_duckdb.py secrets/config.json stages.duckdb

PyAirbyte runs the `source-stages` console script found on PATH (no registry, no Docker, no
telemetry) and writes one table per stream into the DuckDB file; its scratch files go to
./.cache (AIRBYTE_CACHE_ROOT moves them).
"""

import argparse
import json
import os

# Read by PyAirbyte at import time, hence before the import: no connector-registry look-up and
# no usage telemetry.
os.environ.setdefault("AIRBYTE_OFFLINE_MODE", "1")
os.environ.setdefault("DO_NOT_TRACK", "1")

import airbyte as ab  # noqa: E402
from airbyte.caches import DuckDBCache  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", help="the connector's config (JSON file)")
    parser.add_argument("duckdb_file", help="the DuckDB file to write (created if missing)")
    arguments = parser.parse_args()
    with open(arguments.config, encoding="utf-8") as config_file:
        config = json.load(config_file)

    source = ab.get_source("source-stages", config=config, local_executable="source-stages")
    source.select_all_streams()
    result = source.read(cache=DuckDBCache(db_path=arguments.duckdb_file, schema_name="main"))
    for stream_name, dataset in result.streams.items():
        print(f"{stream_name}: {len(dataset)} records")


if __name__ == "__main__":
    main()
