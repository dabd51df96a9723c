"""Run the console script's code (`source_stages.run.run`) in-process and collect its output."""

import contextlib
import io
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, List, Optional
from unittest.mock import patch

from airbyte_cdk.models import SyncMode
from airbyte_cdk.models import ConfiguredAirbyteCatalogSerializer
from airbyte_cdk.test.catalog_builder import CatalogBuilder

from source_stages.run import run


@dataclass
class RunResult:
    exit_code: int
    output: str  # stdout and stderr as the process would print them

    @property
    def messages(self) -> List[dict]:
        return [json.loads(line) for line in self.output.splitlines() if line.startswith("{")]

    def of_type(self, kind: str) -> List[dict]:
        return [message for message in self.messages if message["type"] == kind]

    @property
    def connection_status(self) -> dict:
        (status,) = self.of_type("CONNECTION_STATUS")
        return status["connectionStatus"]

    @property
    def error_traces(self) -> List[dict]:
        return [m["trace"]["error"] for m in self.of_type("TRACE") if m["trace"]["type"] == "ERROR"]


def run_connector(command: str, config: Optional[Any] = None, streams: Optional[List[str]] = None, raw_config: Optional[str] = None,
                  runner: Callable[[List[str]], None] = run) -> RunResult:
    """`runner`: the console script's function (the source's by default)."""
    with tempfile.TemporaryDirectory() as directory:
        args = [command]
        if config is not None or raw_config is not None:
            path = Path(directory) / "config.json"
            path.write_text(raw_config if raw_config is not None else json.dumps(config))
            args += ["--config", str(path)]
        if command == "read":
            catalog = CatalogBuilder()
            for stream in streams or []:
                catalog.with_stream(stream, SyncMode.full_refresh)
            path = Path(directory) / "catalog.json"
            path.write_text(json.dumps(ConfiguredAirbyteCatalogSerializer.dump(catalog.build())))
            args += ["--catalog", str(path)]
        output = io.StringIO()
        exit_code = 0
        # The CDK's PrintBuffer writes to sys.__stdout__, so that is redirected too.
        with patch.object(sys, "__stdout__", output), contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            try:
                runner(args)
            except SystemExit as exit_:
                exit_code = int(exit_.code or 0)
    return RunResult(exit_code=exit_code, output=output.getvalue())
