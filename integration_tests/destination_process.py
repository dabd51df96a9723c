"""Run the installed console script `destination-ruddr` as a real process, alone (its input given as
text) or fed by `source-stages read` through a pipe, and parse what it prints."""

import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any, Dict, Iterable, Mapping, Optional, Sequence, Tuple

from integration_tests.connector_process import SOURCE_STAGES, Run, catalog_for, sandbox_config
from integration_tests.sandbox import DEFAULT_RUDDR_KEY

DESTINATION_RUDDR = Path(sys.executable).with_name("destination-ruddr")
TIMEOUT_SECONDS = 300
WRITES = ("POST", "PATCH", "DELETE")


def destination_config(sb, **fields: Any) -> Dict[str, Any]:
    return {"api_key": DEFAULT_RUDDR_KEY, "base_url": sb.ruddr_base_url, **fields}


def destination_catalog(streams: Iterable[str], mode: str = "append") -> dict:
    catalog = catalog_for(streams)
    for stream in catalog["streams"]:
        stream["destination_sync_mode"] = mode
    return catalog


def prepare_ruddr_pipelines(sb, names: Iterable[str]) -> None:
    """Ruddr pipelines of these names, through the sandbox's control plane (the destination never
    creates a pipeline): inserted as the next request lists the pipelines."""
    for name in names:
        sb.add_mutation(path="/api/workspace/opportunity-pipelines", after=0, action="insert", record={"name": name})


def run_destination_ruddr(command: str, config: Optional[Mapping[str, Any]] = None,
                          streams: Iterable[str] = ("stages",), mode: str = "append", input_text: str = "",
                          debug: bool = False, env: Optional[Mapping[str, str]] = None) -> Run:
    with tempfile.TemporaryDirectory() as directory:
        args = _arguments(Path(directory), command, config, streams, mode, debug)
        process = subprocess.run([str(DESTINATION_RUDDR), *args], input=input_text, capture_output=True, text=True,
                                 timeout=TIMEOUT_SECONDS, env={**os.environ, **(env or {})})
    return _run(args, process.returncode, process.stdout, process.stderr)


def migrate(sb, destination_fields: Optional[Mapping[str, Any]] = None, source_streams: Sequence[str] = ("stages",),
            destination_streams: Sequence[str] = ("stages",), debug: bool = False,
            env: Optional[Mapping[str, str]] = None, **source_blocks: Any) -> Tuple[Run, Run]:
    """`source-stages read | destination-ruddr write`, a real pipe between the two processes. The
    source reads Zendesk Sell unless `source_blocks` say otherwise (as `sandbox_config` takes them)."""
    source_blocks = source_blocks or {"ruddr": False}
    environment = {**os.environ, **(env or {})}
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        (folder / "source.json").write_text(json.dumps(sandbox_config(sb, **source_blocks)))
        (folder / "source_catalog.json").write_text(json.dumps(catalog_for(source_streams)))
        source_args = ["read", "--config", str(folder / "source.json"),
                       "--catalog", str(folder / "source_catalog.json")]
        args = _arguments(folder, "write", destination_config(sb, **(destination_fields or {})), destination_streams,
                          "append", debug)
        with open(folder / "source.stderr", "w+") as source_stderr:
            source = subprocess.Popen([str(SOURCE_STAGES), *source_args], stdout=subprocess.PIPE, stderr=source_stderr,
                                      text=True, env=environment)
            destination = subprocess.run([str(DESTINATION_RUDDR), *args], stdin=source.stdout, capture_output=True,
                                         text=True, timeout=TIMEOUT_SECONDS, env=environment)
            source.stdout.close()  # type: ignore[union-attr]
            source.wait(TIMEOUT_SECONDS)
            source_stderr.seek(0)
            source_run = _run(source_args, source.returncode, "", source_stderr.read())
    return source_run, _run(args, destination.returncode, destination.stdout, destination.stderr)


def zendesk_pipeline_names(sandbox) -> list:
    return [pipeline["name"] for pipeline in sandbox.data()["zendesk_sell"]["pipelines"]]


def ruddr_stages_by_pipeline_name(sandbox) -> Dict[str, list]:
    data = sandbox.data()["ruddr"]
    names = {pipeline["id"]: pipeline["name"] for pipeline in data["opportunity_pipelines"]}
    by_name: Dict[str, list] = defaultdict(list)
    for stage in data["opportunity_stages"]:
        by_name[names[stage["opportunityPipelineId"]]].append(stage)
    return by_name


def writes(sandbox) -> list:
    """The sandbox's logged POST, PATCH and DELETE requests, as (method, path)."""
    return [(entry["method"], entry["path"]) for entry in sandbox.requests() if entry["method"] in WRITES]


def log_messages(run: Run) -> list:
    return [message["log"]["message"] for message in run.of_type("LOG")]


def _arguments(folder: Path, command: str, config: Optional[Mapping[str, Any]], streams: Iterable[str], mode: str,
               debug: bool) -> list:
    args = [command]
    if config is not None:
        (folder / "config.json").write_text(json.dumps(config))
        args += ["--config", str(folder / "config.json")]
    if command == "write":
        (folder / "catalog.json").write_text(json.dumps(destination_catalog(streams, mode)))
        args += ["--catalog", str(folder / "catalog.json")]
    if debug:
        args.append("--debug")
    return args


def _run(args: list, exit_code: int, stdout: str, stderr: str) -> Run:
    messages = [json.loads(line) for line in stdout.split("\n") if line.startswith("{")]
    return Run(args=args, exit_code=exit_code, stdout=stdout, stderr=stderr, messages=messages)
