"""`make demo`: start the sandbox, run the connector's four commands against it, summarise.

Runs the installed console script `source-stages` (spec, check, discover, then a read of every
stream) against the bundled sandbox API with its default dataset and credentials, writes each
command's raw Airbyte protocol output to .demo/ (or `--output DIR`), prints a short readable
summary, and stops the sandbox. Exits non-zero if any command fails. It ends with the migration
of the sandbox's Zendesk Sell stages into its Ruddr workspace (demo_migration.py).
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Sequence

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from demo_migration import catalog, run_migration  # noqa: E402

from sandbox import Sandbox  # noqa: E402
from sandbox.connectors import sandbox_config  # noqa: E402

DEFAULT_OUTPUT_DIR = REPO_ROOT / ".demo"
SOURCE_STAGES = Path(sys.executable).with_name("source-stages")
COLUMNS = {
    "zendesk_sell_stages": ["id", "name", "category", "position", "likelihood", "pipeline_id"],
    "zendesk_sell_pipelines": ["id", "name", "disabled", "updated_at"],
    "ruddr_opportunity_stages": ["id", "name", "statusId", "probability", "isActive"],
    "ruddr_opportunity_pipelines": ["id", "name", "isActive", "createdAt"],
    "stages": ["source", "id", "pipeline_name", "name", "status", "win_probability"],
}
ROWS_SHOWN = 3
MIGRATION_COLUMNS = ["pipeline", "name", "statusId", "probability", "isActive", "id"]
CELL_WIDTH = 24


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT_DIR, help="where the raw output goes (default: .demo/)")
    output = parser.parse_args().output.resolve()
    output.mkdir(parents=True, exist_ok=True)
    print("Starting the sandbox (default dataset)...")
    with Sandbox.start(dataset="default") as sandbox:
        print(f"Sandbox listening on {sandbox.url}\n")
        config_path = write_json(output, "config.json", sandbox_config(sandbox))
        config = ["--config", str(config_path)]

        spec = run(output, "spec", [])
        check = run(output, "check", config)
        discover = run(output, "discover", config)
        streams = [stream["name"] for stream in only(discover, "CATALOG")["catalog"]["streams"]] if discover else []
        catalog_path = write_json(output, "configured_catalog.json", catalog(streams, "overwrite"))
        sandbox.clear_requests()
        read = run(output, "read", config + ["--catalog", str(catalog_path)])
        read_requests = sandbox.requests()
        migration = run_migration(sandbox, output)
    print("Sandbox stopped.\n")

    ok = all(result is not None for result in (spec, check, discover, read))
    if spec:
        properties = only(spec, "SPEC")["spec"]["connectionSpecification"]["properties"]
        print(f"spec:     OK, config blocks {', '.join(properties)}")
    if check:
        status = only(check, "CONNECTION_STATUS")["connectionStatus"]
        print(f"check:    {status['status']} {status.get('message', '')}".rstrip())
        ok = ok and status["status"] == "SUCCEEDED"
    if discover:
        print(f"discover: {len(streams)} streams: {', '.join(streams)}")
    if read:
        errors = [m["trace"]["error"]["message"] for m in read if m["type"] == "TRACE" and m["trace"]["type"] == "ERROR"]
        records = records_by_stream(read)
        print(f"read:     {sum(len(rows) for rows in records.values())} records in {len(read_requests)} requests\n")
        for name in streams:
            print(f"{name}: {len(records.get(name, []))} records")
            print_table(records.get(name, [])[:ROWS_SHOWN], COLUMNS.get(name, ["id"]))
            print()
        for error in errors:
            print(f"ERROR: {error}")
        ok = ok and not errors
    print("Migration: source-stages read (Zendesk Sell, stream stages) | destination-ruddr write")
    for line in migration.lines:
        print(f"  {line}")
    print(f"\nCreated in Ruddr: {len(migration.created)} stages")
    print_table(migration.created, MIGRATION_COLUMNS)
    print()
    ok = ok and migration.ok
    shown = output.relative_to(REPO_ROOT) if output.is_relative_to(REPO_ROOT) else output
    print(f"Raw Airbyte protocol output of each command: {shown}/"
          "{spec,check,discover,read}.jsonl (config and catalog next to them); of the migration: "
          f"{shown}/migration-{{dry-run,write}}.jsonl.")
    return 0 if ok else 1


def run(output: Path, command: str, args: Sequence[str]):
    """Run one command, save its output, return its parsed messages (None if it failed)."""
    process = subprocess.run([str(SOURCE_STAGES), command, *args], capture_output=True, text=True)
    (output / f"{command}.jsonl").write_text(process.stdout)
    if process.stderr:
        (output / f"{command}.stderr.txt").write_text(process.stderr)
    if process.returncode != 0:
        print(f"{command} failed (exit code {process.returncode}); see {output / (command + '.jsonl')}")
        return None
    return [json.loads(line) for line in process.stdout.splitlines() if line.startswith("{")]


def only(messages: List[dict], kind: str) -> dict:
    (message,) = [m for m in messages if m["type"] == kind]
    return message


def records_by_stream(messages: List[dict]) -> Dict[str, List[dict]]:
    records: Dict[str, List[dict]] = {}
    for message in messages:
        if message["type"] == "RECORD":
            records.setdefault(message["record"]["stream"], []).append(message["record"]["data"])
    return records


def print_table(rows: List[dict], columns: List[str]) -> None:
    def cell(value) -> str:
        text = "" if value is None else json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
        text = text.replace("\n", "\\n")
        return text if len(text) <= CELL_WIDTH else text[: CELL_WIDTH - 1] + "…"

    widths = [max([len(column)] + [len(cell(row.get(column))) for row in rows]) for column in columns]
    print("  " + "  ".join(column.ljust(width) for column, width in zip(columns, widths)))
    for row in rows:
        print("  " + "  ".join(cell(row.get(column)).ljust(width) for column, width in zip(columns, widths)))


def write_json(output: Path, name: str, value: dict) -> Path:
    path = output / name
    path.write_text(json.dumps(value, indent=2))
    return path


if __name__ == "__main__":
    sys.exit(main())
