"""The PyAirbyte example of docs/source-stages.md (examples/pyairbyte_duckdb.py), run offline in .venv-pyairbyte
against the sandbox, loads every stream into DuckDB: the tables hold exactly the sandbox's rows.
Run again into the same cache after new stages were created (PyAirbyte passes back every STATE it
saved), it loads them too."""

import json
import pathlib
import subprocess

import pytest

from sandbox import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN
from sandbox.connectors import list_path, sandbox_config, sandbox_rows
from stage_apis.ruddr.streams import RuddrOpportunityStages
from stage_apis.zendesk_sell.streams import ZendeskSellStages
from test_support.pyairbyte import EXAMPLES, PYAIRBYTE_BIN, run

pytestmark = pytest.mark.slow(seconds=25)

EXAMPLE = EXAMPLES / "pyairbyte_duckdb.py"

# stream (= DuckDB table) -> the columns compared
COLUMNS = {
    "zendesk_sell_stages": ["id", "name", "position"],
    "zendesk_sell_pipelines": ["id", "name"],
    "ruddr_opportunity_stages": ["id", "name"],
    "ruddr_opportunity_pipelines": ["id", "name"],
}

# Run with DuckDB's own client in .venv-pyairbyte: prints {table: [[column values...], ...]}.
QUERY_TABLES = """
import duckdb, json, sys
connection = duckdb.connect(sys.argv[1], read_only=True)
tables = {}
for table, columns in json.loads(sys.argv[2]).items():
    rows = connection.execute(f"SELECT {', '.join(columns)} FROM main.{table} ORDER BY id").fetchall()
    tables[table] = [list(row) for row in rows]
print(json.dumps(tables))
"""


def load(config: pathlib.Path, database: pathlib.Path, folder: pathlib.Path) -> subprocess.CompletedProcess:
    loaded = run([str(PYAIRBYTE_BIN / "python"), str(EXAMPLE), str(config), str(database)], folder)
    output = loaded.stdout + loaded.stderr
    assert DEFAULT_ZENDESK_TOKEN not in output and DEFAULT_RUDDR_KEY not in output
    return loaded


def assert_tables_hold_the_sandbox_rows(sandbox, loaded: subprocess.CompletedProcess, database: pathlib.Path,
                                        folder: pathlib.Path) -> None:
    queried = run([str(PYAIRBYTE_BIN / "python"), "-c", QUERY_TABLES, str(database), json.dumps(COLUMNS)], folder)
    tables = json.loads(queried.stdout)
    data = sandbox.data()
    for table, columns in COLUMNS.items():
        expected = sorted(([row.get(column) for column in columns] for row in sandbox_rows(data, table)),
                          key=lambda row: row[0])
        assert expected, f"the sandbox has no {table} rows"
        assert tables[table] == expected, table
        assert f"{table}: {len(expected)} records" in loaded.stdout


def test_pyairbyte_loads_every_stream_into_duckdb_and_the_next_read_the_new_stages(sandbox, tmp_path):
    if not (PYAIRBYTE_BIN / "python").exists():
        pytest.fail("no .venv-pyairbyte: run `make venv-pyairbyte` (make test does)")
    config = tmp_path / "config.json"
    config.write_text(json.dumps(sandbox_config(sandbox)))
    database = tmp_path / "stages.duckdb"

    assert_tables_hold_the_sandbox_rows(sandbox, load(config, database, tmp_path), database, tmp_path)

    for stream, name in ((RuddrOpportunityStages.name, "Created in Ruddr after the first read"),
                         (ZendeskSellStages.name, "Created in Zendesk Sell after the first read")):
        sandbox.change_data(list_path(sandbox, stream), "insert", {"name": name})
    # The same cache: PyAirbyte passes back the STATE messages it saved in the first read.
    assert_tables_hold_the_sandbox_rows(sandbox, load(config, database, tmp_path), database, tmp_path)
