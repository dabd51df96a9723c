"""The PyAirbyte example examples/pyairbyte_duckdb.py run again and again into one DuckDB file, in
one process (PyAirbyte takes seconds to import): run by integration_tests/test_pyairbyte.py in
.venv-pyairbyte. The first load is the example's command line (`main()`, which prints
`<stream>: <n> rows`); the next ones call its `load` with one source, as a process that syncs
again and again keeps it (spec and discover run once).

    python pyairbyte_loads.py EXAMPLE CONFIG DUCKDB_FILE '{"table": ["column", ...], ...}'

After each load, one line on stdout: `LOADED {"counts": {stream: rows in its table} (null for the first
load), "tables": {table: [[values], ...]}}`; then it waits for a line on stdin: `load` for the next
load, anything else (or the end of stdin) to stop."""

import importlib.util
import json
import sys


MARK = "LOADED "


def main() -> None:
    example_path, config_path, database, columns = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
    spec = importlib.util.spec_from_file_location("pyairbyte_example", example_path)
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)  # first: it sets PyAirbyte's offline mode before importing it
    import sqlalchemy  # noqa: PLC0415
    from airbyte.caches import DuckDBCache  # noqa: PLC0415

    with open(config_path, encoding="utf-8") as config_file:
        config = json.load(config_file)

    def report(counts: dict | None) -> None:
        # Through PyAirbyte's own engine: DuckDB refuses a second connection of another configuration
        # to a file this process has open.
        with DuckDBCache(db_path=database, schema_name="main").get_sql_engine().connect() as connection:
            tables = {table: [list(row) for row in connection.execute(sqlalchemy.text(f"SELECT {', '.join(names)} FROM main.{table}"))]
                      for table, names in columns.items()}
        print(MARK + json.dumps({"counts": counts, "tables": tables}), flush=True)

    sys.argv = [example_path, config_path, database]
    example.main()
    report(None)
    source = example.stages_source(config)
    while sys.stdin.readline().strip() == "load":
        report(example.load(source, database))


if __name__ == "__main__":
    main()
