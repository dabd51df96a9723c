"""The PyAirbyte migration of docs/destination-ruddr.md (examples/pyairbyte_migrate_to_ruddr.py), run offline in
.venv-pyairbyte against the sandbox: `get_destination(..., local_executable="destination-ruddr")`
writes what `source-stages` reads, through PyAirbyte's DuckDB cache (lower-case column names,
decimals as text): one POST per stage. That a rerun creates nothing is tested through the console
scripts (test_destination_migration.py)."""

import json

import pytest

from sandbox import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN
from sandbox.connectors import (
    destination_config,
    prepare_ruddr_pipelines,
    sandbox_config,
    sandbox_rows,
    zendesk_pipeline_names,
)
from test_support.pyairbyte import EXAMPLES, PYAIRBYTE_BIN, run
from test_support.sandbox_effects import ruddr_stages_by_pipeline_name, writes

pytestmark = pytest.mark.slow(seconds=12)

EXAMPLE = EXAMPLES / "pyairbyte_migrate_to_ruddr.py"


def test_pyairbyte_writes_what_source_stages_reads_into_ruddr(sandbox, tmp_path):
    assert (PYAIRBYTE_BIN / "destination-ruddr").exists(), "run `make venv-pyairbyte`: it installs destination-ruddr"
    prepare_ruddr_pipelines(sandbox, zendesk_pipeline_names(sandbox))
    data = sandbox.data()
    zendesk_stages = sandbox_rows(data, "zendesk_sell_stages")
    pipeline_names = {pipeline["id"]: pipeline["name"] for pipeline in sandbox_rows(data, "zendesk_sell_pipelines")}
    (tmp_path / "source.json").write_text(json.dumps(sandbox_config(sandbox, ruddr=False)))
    (tmp_path / "destination.json").write_text(json.dumps(destination_config(sandbox)))
    sandbox.clear_requests()

    migrated = run([str(PYAIRBYTE_BIN / "python"), str(EXAMPLE), "source.json", "destination.json"], tmp_path)

    landed = ruddr_stages_by_pipeline_name(sandbox)
    for stage in zendesk_stages:
        assert [row["name"] for row in landed[pipeline_names[stage["pipeline_id"]]]].count(stage["name"]) == 1
    assert [entry["method"] for entry in writes(sandbox)] == ["POST"] * len(zendesk_stages)
    assert f"wrote {len(zendesk_stages)} records to destination-ruddr" in migrated.stdout
    assert DEFAULT_RUDDR_KEY not in migrated.stdout + migrated.stderr
    assert DEFAULT_ZENDESK_TOKEN not in migrated.stdout + migrated.stderr
