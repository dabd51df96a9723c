"""The README's PyAirbyte migration (examples/pyairbyte_migrate_to_ruddr.py), run offline in
.venv-pyairbyte against the sandbox: `get_destination(..., local_executable="destination-ruddr")`
writes what `source-stages` reads, through PyAirbyte's DuckDB cache, and a second run creates
nothing."""

import json
import pathlib

from integration_tests.destination_process import (
    destination_config,
    prepare_ruddr_pipelines,
    ruddr_stages_by_pipeline_name,
    writes,
    zendesk_pipeline_names,
)
from integration_tests.sandbox import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN
from integration_tests.sandbox_config import sandbox_config
from integration_tests.streams import sandbox_rows
from integration_tests.test_pyairbyte import PYAIRBYTE_BIN, run

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "pyairbyte_migrate_to_ruddr.py"


def test_pyairbyte_writes_what_source_stages_reads_into_ruddr(sandbox, tmp_path):
    assert (PYAIRBYTE_BIN / "destination-ruddr").exists(), "no destination-ruddr in .venv-pyairbyte: run `make venv-pyairbyte`"
    prepare_ruddr_pipelines(sandbox, zendesk_pipeline_names(sandbox))
    zendesk_stages = sandbox_rows(sandbox.data(), "zendesk_sell_stages")
    pipeline_names = {pipeline["id"]: pipeline["name"] for pipeline in sandbox_rows(sandbox.data(), "zendesk_sell_pipelines")}
    (tmp_path / "source.json").write_text(json.dumps(sandbox_config(sandbox, ruddr=False)))
    (tmp_path / "destination.json").write_text(json.dumps(destination_config(sandbox)))
    command = [str(PYAIRBYTE_BIN / "python"), str(EXAMPLE), "source.json", "destination.json"]

    first = run(command, tmp_path)

    landed = ruddr_stages_by_pipeline_name(sandbox)
    for stage in zendesk_stages:
        assert [row["name"] for row in landed[pipeline_names[stage["pipeline_id"]]]].count(stage["name"]) == 1
    assert f"wrote {len(zendesk_stages)} records to destination-ruddr" in first.stdout

    sandbox.clear_requests()
    second = run(command, tmp_path)

    assert writes(sandbox) == []
    for output in (first.stdout + first.stderr, second.stdout + second.stderr):
        assert DEFAULT_RUDDR_KEY not in output and DEFAULT_ZENDESK_TOKEN not in output
