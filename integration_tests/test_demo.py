"""`make demo`'s script: it runs the four commands against its own sandbox and says so."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow(seconds=8)


def test_the_demo_runs_every_command_and_summarises_the_read(tmp_path: Path) -> None:
    # Its own output folder: a concurrent `make demo` or test run would overwrite .demo/config.json.
    process = subprocess.run([sys.executable, "scripts/demo.py", "--output", str(tmp_path)], cwd=REPO_ROOT,
                             capture_output=True, text=True, timeout=300)

    assert process.returncode == 0, process.stdout + process.stderr
    assert "check:    SUCCEEDED" in process.stdout
    read = [json.loads(line) for line in (tmp_path / "read.jsonl").read_text().splitlines()]
    records = sum(1 for message in read if message["type"] == "RECORD")
    assert f"read:     {records} records in " in process.stdout
    # The default dataset; `stages` (every provider's stages in one shape) repeats the 28 stages.
    for stream, count in [("zendesk_sell_stages", 16), ("zendesk_sell_pipelines", 3),
                          ("ruddr_opportunity_stages", 12), ("ruddr_opportunity_pipelines", 3), ("stages", 28)]:
        assert f"{stream}: {count} records" in process.stdout
    assert f"{tmp_path}/{{spec,check,discover,read}}.jsonl" in process.stdout
    # It ends with the migration of the 16 Zendesk Sell stages into Ruddr: a dry run, then the write.
    assert ("dry-run:  Dry run, nothing written; the write would have: created 16, updated 0, unchanged 0, skipped 0. "
            "STATE messages returned: 0.") in process.stdout
    assert "write:    Ruddr stages: created 16, updated 0, unchanged 0, skipped 0. STATE messages returned: 1." in process.stdout
    assert "Created in Ruddr: 16 stages" in process.stdout
    written = [json.loads(line) for line in (tmp_path / "migration-write.jsonl").read_text().splitlines()]
    assert sum(1 for message in written if message["type"] == "STATE") == 1
