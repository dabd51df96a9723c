"""destination-ruddr's runs: a `write` in this process (MESSAGES_ONLY) or as a real process (the
`destination-ruddr` console script, or its image), with messages or exact bytes on stdin, and the
same fed by `source-stages read` (through a real pipe between processes)."""

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence, Tuple

from sandbox.connectors import destination_config, sandbox_config
from test_support.catalogs import configured_catalog, destination_catalog
from test_support.runs import (
    CONSOLE_SCRIPTS,
    MESSAGES_ONLY,
    ConnectorRun,
    Connectors,
    InProcess,
    Launcher,
    parse_messages,
    run_connector,
)

DESTINATION = CONSOLE_SCRIPTS.destination
TIMEOUT_SECONDS = 300


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
