"""destination-ruddr's integration helpers: its config and catalog, a `write` in this process
(MESSAGES_ONLY) or as a real process (the `destination-ruddr` console script, or its image), with
messages or exact bytes on stdin, the same fed by `source-stages read` (through a real pipe between
processes), the Ruddr pipelines a migration needs, and what a write left in the sandbox."""

import json
import subprocess
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from integration_tests.connector_runs import (
    CONSOLE_SCRIPTS,
    MESSAGES_ONLY,
    ConnectorRun,
    Connectors,
    InProcess,
    Launcher,
    configured_catalog,
    parse_messages,
    run_connector,
)
from integration_tests.sandbox import DEFAULT_RUDDR_KEY
from integration_tests.sandbox.resources import ruddr_opportunity_pipelines
from integration_tests.sandbox_config import sandbox_config
from integration_tests.streams import sandbox_rows

DESTINATION = CONSOLE_SCRIPTS.destination
WRITES = ("POST", "PATCH", "DELETE")
TIMEOUT_SECONDS = 300


def destination_config(sb, **fields: Any) -> Dict[str, Any]:
    return {"api_key": DEFAULT_RUDDR_KEY, "base_url": sb.ruddr_base_url, **fields}


def destination_catalog(streams: Iterable[str], mode: str = "append") -> Dict[str, Any]:
    catalog = configured_catalog(streams)
    for stream in catalog["streams"]:
        stream["destination_sync_mode"] = mode
    return catalog


def write(config: Mapping[str, Any], input_messages: Iterable[Mapping[str, Any]] = (),
          streams: Iterable[str] = ("stages",), mode: str = "append", debug: bool = False,
          env: Optional[Mapping[str, str]] = None, launcher: Launcher = MESSAGES_ONLY.destination) -> ConnectorRun:
    return run_connector("write", config, catalog=destination_catalog(streams, mode), input_messages=input_messages,
                         debug=debug, launcher=launcher.with_env(env or {}))


def write_input(config: Mapping[str, Any], stdin: bytes, streams: Iterable[str] = ("stages",),
                launcher: Launcher = MESSAGES_ONLY.destination) -> ConnectorRun:
    """`write` with exactly these bytes on stdin: lines as a pipe or a person may give them (NaN,
    invalid UTF-8, a last line cut short), not only what `json.dumps` writes."""
    return run_connector("write", config, catalog=destination_catalog(streams), stdin=stdin, launcher=launcher)


def migrate(sb, destination_fields: Optional[Mapping[str, Any]] = None, source_streams: Sequence[str] = ("stages",),
            destination_streams: Sequence[str] = ("stages",), debug: bool = False,
            env: Optional[Mapping[str, str]] = None, connectors: Connectors = CONSOLE_SCRIPTS,
            **source_blocks: Any) -> Tuple[ConnectorRun, ConnectorRun]:
    """`source-stages read | destination-ruddr write`: the source's run and the destination's. Between
    processes (console scripts or images) a real pipe, and the source's run has its stderr only (its
    stdout went down the pipe); in this process, the destination reads what the source printed. `debug`
    is the destination's `--debug`. The source reads Zendesk Sell unless `source_blocks` say otherwise (as `sandbox_config` takes them)."""
    source_blocks = source_blocks or {"ruddr": False}
    source, destination = connectors.source.with_env(env or {}), connectors.destination.with_env(env or {})
    source_config = sandbox_config(sb, **source_blocks)
    config = destination_config(sb, **(destination_fields or {}))
    if isinstance(source, InProcess) and isinstance(destination, InProcess):
        read = run_connector("read", source_config, source_streams, launcher=source)
        return read, run_connector("write", config, catalog=destination_catalog(destination_streams),
                                   stdin=read.stdout.encode(), debug=debug, launcher=destination)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        files = {"source": source_config, "source_catalog": configured_catalog(source_streams),
                 "config": config, "catalog": destination_catalog(destination_streams)}
        for file, content in files.items():
            (folder / f"{file}.json").write_text(json.dumps(content))
        source_args = ["read", "--config", source.path(folder / "source.json"),
                       "--catalog", source.path(folder / "source_catalog.json")]
        args = ["write", "--config", destination.path(folder / "config.json"),
                "--catalog", destination.path(folder / "catalog.json")]
        args += ["--debug"] if debug else []
        with tempfile.TemporaryFile("w+") as source_stderr:
            reading = subprocess.Popen(source.command(source_args, folder, stdin=False), stdout=subprocess.PIPE,
                                       stderr=source_stderr, text=True, env=source.environment())
            written = subprocess.run(destination.command(args, folder, stdin=True), stdin=reading.stdout,
                                     capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
                                     env=destination.environment())
            reading.stdout.close()  # type: ignore[union-attr]
            reading.wait(TIMEOUT_SECONDS)
            source_stderr.seek(0)
            source_run = ConnectorRun(source_args, reading.returncode, "", source_stderr.read(), [])
    return source_run, ConnectorRun(args, written.returncode, written.stdout, written.stderr, parse_messages(written))


def prepare_ruddr_pipelines(sb, names: Iterable[str]) -> None:
    """Ruddr pipelines of these names, made through the sandbox's control plane (the destination
    never creates a pipeline: Ruddr's create page for pipelines is not documented)."""
    for name in names:
        sb.change_data(ruddr_opportunity_pipelines.RESOURCE.path, "insert", {"name": name})


def zendesk_pipeline_names(sb) -> List[str]:
    return [pipeline["name"] for pipeline in sandbox_rows(sb.data(), "zendesk_sell_pipelines")]


def ruddr_stages_by_pipeline_name(sb) -> Dict[str, List[dict]]:
    data = sb.data()
    names = {pipeline["id"]: pipeline["name"] for pipeline in sandbox_rows(data, "ruddr_opportunity_pipelines")}
    by_name: Dict[str, List[dict]] = defaultdict(list)
    for stage in sandbox_rows(data, "ruddr_opportunity_stages"):
        by_name[names[stage["opportunityPipelineId"]]].append(stage)
    return by_name


def let_faulted_requests_land(sb, timeout: float = 30) -> None:
    """Wait until every request a fault (of an exact path) counted has been carried out and logged: a
    `slow` one is logged only when its delay is over, even after the client gave up (and after a
    reset, when it would land in the next test)."""
    deadline = time.monotonic() + timeout
    for fault in sb.faults():
        while (len(sb.requests(method=fault["method"], path=fault["path"])) < fault["seen"]
               and time.monotonic() < deadline):
            time.sleep(0.1)


def writes(sb) -> List[dict]:
    """The sandbox's logged POST, PATCH and DELETE requests (method, path, query, status, body)."""
    return [entry for entry in sb.requests() if entry["method"] in WRITES]
