"""The PyAirbyte example of docs/source-stages.md (examples/pyairbyte_duckdb.py), run offline in
.venv-pyairbyte against the sandbox, loads every stream into DuckDB. Run three times into the same
cache (PyAirbyte passes back every STATE it saved), with a stage inserted, one renamed and one
deleted on each API before the second and the third read, and a pipeline renamed on each API: every
change arrives in every table that can carry it. The full-refresh tables (the Ruddr streams, the
unified `stages`) hold exactly the sandbox's rows after each read; the incremental Zendesk Sell
tables (merged by primary key) gain the inserts and the updates and keep the rows deleted since
the first read, which an incremental read cannot see (docs/reliability.md, state passed back)."""

import json

import pytest

from sandbox import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN
from sandbox.connectors import RAW_STREAMS, list_path, sandbox_config, sandbox_rows
from source_stages.providers import ZENDESK_SELL_PROVIDER
from stage_apis.ruddr.api import RUDDR
from stage_apis.ruddr.streams import RuddrOpportunityPipelines, RuddrOpportunityStages
from stage_apis.unified_stage import UNIFIED_STREAM
from stage_apis.zendesk_sell.api import ZENDESK_SELL
from stage_apis.zendesk_sell.streams import ZendeskSellPipelines, ZendeskSellStages
from test_support.pyairbyte import EXAMPLES, PYAIRBYTE_BIN, RepeatedLoads

pytestmark = pytest.mark.slow(seconds=25)

EXAMPLE = EXAMPLES / "pyairbyte_duckdb.py"
INCREMENTAL = {stream.name for stream in ZENDESK_SELL_PROVIDER.streams}  # what PyAirbyte reads incrementally
UNIFIED_SOURCES = {ZendeskSellStages.name: ZENDESK_SELL.key, RuddrOpportunityStages.name: RUDDR.key}

COLUMNS = {**{stream: ["id", "name"] for stream in RAW_STREAMS}, UNIFIED_STREAM: ["source", "id", "name"]}

Row = tuple[object, ...]


def expected_tables(sandbox, deleted: dict[str, list[Row]]) -> dict[str, list[Row]]:
    """What each table must hold: the sandbox's rows, and for an incremental table also the rows
    deleted since the first read."""
    data = sandbox.data()
    expected = {stream: [(row["id"], row["name"]) for row in sandbox_rows(data, stream)] for stream in RAW_STREAMS}
    expected[UNIFIED_STREAM] = [(source, str(row_id), name) for stream, source in UNIFIED_SOURCES.items()
                                for row_id, name in expected[stream]]
    for stream in INCREMENTAL:
        expected[stream] += deleted[stream]
    return {table: sorted(rows, key=str) for table, rows in expected.items()}


def change_each_api(sandbox, read: int, deleted: dict[str, list[Row]]) -> None:
    """On each API: a stage inserted, one renamed, one deleted, and a pipeline renamed."""
    data = sandbox.data()
    for stream in (ZendeskSellStages.name, RuddrOpportunityStages.name):
        path, (renamed, removed) = list_path(sandbox, stream), sandbox_rows(data, stream)[:2]
        sandbox.change_data(path, "insert", {"name": f"Inserted before read {read}"})
        sandbox.change_data(path, "update", {"name": f"Renamed before read {read}"}, renamed["id"])
        sandbox.change_data(path, "delete", id=removed["id"])
        if stream in INCREMENTAL:
            deleted[stream].append((removed["id"], removed["name"]))
    for stream in (ZendeskSellPipelines.name, RuddrOpportunityPipelines.name):
        pipeline = sandbox_rows(data, stream)[0]
        sandbox.change_data(list_path(sandbox, stream), "update", {"name": f"Pipeline renamed before read {read}"},
                            pipeline["id"])


def test_three_pyairbyte_reads_into_one_cache_carry_every_insert_update_and_delete(sandbox, tmp_path):
    if not (PYAIRBYTE_BIN / "python").exists():
        pytest.fail("no .venv-pyairbyte: run `make venv-pyairbyte` (make test does)")
    config = tmp_path / "config.json"
    config.write_text(json.dumps(sandbox_config(sandbox)))
    deleted: dict[str, list[Row]] = {stream: [] for stream in INCREMENTAL}
    loads = RepeatedLoads(EXAMPLE, config, tmp_path / "stages.duckdb", COLUMNS, tmp_path)
    try:
        for read in (1, 2, 3):
            if read > 1:
                change_each_api(sandbox, read, deleted)
            loaded = loads.next()
            assert DEFAULT_ZENDESK_TOKEN not in loaded["output"] and DEFAULT_RUDDR_KEY not in loaded["output"]
            expected = expected_tables(sandbox, deleted)
            if read == 1:  # the example's command line prints them
                counts = {line.split(": ")[0]: int(line.split(": ")[1].removesuffix(" rows"))
                          for line in loaded["output"].splitlines() if line.endswith(" rows")}
            else:
                counts = loaded["counts"]
            assert counts == {table: len(rows) for table, rows in expected.items()}, f"after read {read}"
            for table, rows in expected.items():
                got = sorted(map(tuple, loaded["tables"][table]), key=str)
                missing, extra = set(rows) - set(got), set(got) - set(rows)
                assert got == rows, f"after read {read}, {table}: missing {missing}, extra {extra}"
    finally:
        loads.close()
