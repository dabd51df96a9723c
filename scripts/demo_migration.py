"""The end of `make demo`: the sandbox's Zendesk Sell stages migrated into its Ruddr workspace with
`source-stages read | destination-ruddr write`, a dry run first, then the write.

The destination never creates pipelines (Ruddr's pipeline create page is not documented), so the
Ruddr pipelines named like the Zendesk Sell ones are made first through the sandbox's control
plane, as a Ruddr administrator would make them in Ruddr's settings.
"""

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Mapping, Sequence, Tuple

from sandbox.connectors import (
    destination_config,
    prepare_ruddr_pipelines,
    sandbox_config,
    sandbox_rows,
    zendesk_pipeline_names,
)

SUMMARY_PREFIXES = ("Ruddr stages:", "Dry run, nothing written")
BIN = Path(sys.executable).parent


@dataclass
class Migration:
    ok: bool = True
    lines: List[str] = field(default_factory=list)  # what to print
    created: List[dict] = field(default_factory=list)  # the new Ruddr stages, with their pipeline's name


def run_migration(sandbox, output: Path) -> Migration:
    migration = Migration()
    pipelines = zendesk_pipeline_names(sandbox)
    prepare_ruddr_pipelines(sandbox, pipelines)
    migration.lines.append(f"Ruddr pipelines named like the Zendesk Sell ones, made through the control plane: "
                           f"{', '.join(repr(name) for name in pipelines)}")
    before = {stage["id"] for stage in sandbox_rows(sandbox.data(), "ruddr_opportunity_stages")}
    for name, fields in (("dry-run", {"dry_run": True}), ("write", {})):
        exit_codes, messages = pipe(output, name, sandbox_config(sandbox, ruddr=False), destination_config(sandbox, **fields))
        logs = [m["log"]["message"] for m in messages if m["type"] == "LOG"]
        summary = [line for line in logs if line.startswith(SUMMARY_PREFIXES)]
        ok = exit_codes == (0, 0) and bool(summary)
        migration.ok = migration.ok and ok
        states = sum(1 for m in messages if m["type"] == "STATE")
        migration.lines.append(f"{name + ':':9} {summary[0] if summary else 'FAILED'} STATE messages returned: {states}.")
        for m in messages:
            if m["type"] == "TRACE" and m["trace"]["type"] == "ERROR":
                migration.lines.append(f"ERROR: {m['trace']['error']['message']}")
    data = sandbox.data()
    names = {pipeline["id"]: pipeline["name"] for pipeline in sandbox_rows(data, "ruddr_opportunity_pipelines")}
    migration.created = [{**stage, "pipeline": names[stage["opportunityPipelineId"]]}
                         for stage in reversed(sandbox_rows(data, "ruddr_opportunity_stages")) if stage["id"] not in before]
    return migration


def pipe(output: Path, name: str, source_config: Mapping, config: Mapping) -> Tuple[Tuple[int, int], List[dict]]:
    """`source-stages read | destination-ruddr write` of the `stages` stream, with their files in
    `output` and the destination's output in migration-NAME.jsonl: both exit codes, and the
    destination's messages."""
    files = {"source-config": source_config, "source-catalog": catalog(["stages"], "overwrite"),
             "config": config, "catalog": catalog(["stages"], "append")}
    paths = {}
    for key, value in files.items():
        paths[key] = output / f"migration-{name}-{key}.json"
        paths[key].write_text(json.dumps(value, indent=2))
    written = output / f"migration-{name}.jsonl"
    with written.open("w") as destination_output, (output / f"migration-{name}.stderr.txt").open("w+") as stderr:
        source = subprocess.Popen([str(BIN / "source-stages"), "read", "--config", str(paths["source-config"]),
                                   "--catalog", str(paths["source-catalog"])], stdout=subprocess.PIPE, stderr=stderr)
        destination = subprocess.run([str(BIN / "destination-ruddr"), "write", "--config", str(paths["config"]),
                                      "--catalog", str(paths["catalog"])], stdin=source.stdout,
                                     stdout=destination_output, stderr=stderr, check=False)
        source.stdout.close()  # type: ignore[union-attr]  # Popen with stdout=PIPE has one
        source.wait()
    messages = [json.loads(line) for line in written.read_text().splitlines() if line.startswith("{")]
    return (source.returncode, destination.returncode), messages


def catalog(streams: Sequence[str], destination_sync_mode: str) -> dict:
    """A configured catalog: each stream full refresh, with this destination sync mode."""
    return {"streams": [
        {"stream": {"name": name, "json_schema": {}, "supported_sync_modes": ["full_refresh"]},
         "sync_mode": "full_refresh", "destination_sync_mode": destination_sync_mode}
        for name in streams
    ]}
