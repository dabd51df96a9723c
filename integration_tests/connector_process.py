"""Run the installed console script `source-stages` as a real process and parse what it prints."""

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Union

from integration_tests.sandbox import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN

SOURCE_STAGES = Path(sys.executable).with_name("source-stages")
STREAMS = ("zendesk_sell_stages", "zendesk_sell_pipelines", "ruddr_opportunity_stages", "ruddr_opportunity_pipelines")


@dataclass
class Run:
    args: List[str]
    exit_code: int
    stdout: str
    stderr: str
    messages: List[dict] = field(default_factory=list)

    def of_type(self, kind: str) -> List[dict]:
        return [message for message in self.messages if message["type"] == kind]

    def records(self, stream: Optional[str] = None) -> List[dict]:
        return [m["record"]["data"] for m in self.of_type("RECORD") if stream is None or m["record"]["stream"] == stream]

    @property
    def error_traces(self) -> List[dict]:
        return [m["trace"]["error"] for m in self.of_type("TRACE") if m["trace"]["type"] == "ERROR"]

    @property
    def connection_status(self) -> dict:
        (status,) = self.of_type("CONNECTION_STATUS")
        return status["connectionStatus"]

    @property
    def catalog(self) -> dict:
        (catalog,) = self.of_type("CATALOG")
        return catalog["catalog"]


def sandbox_config(sb, zendesk_sell: Optional[Mapping[str, Any]] = None, ruddr: Optional[Mapping[str, Any]] = None,
                   **top_level: Any) -> Dict[str, Any]:
    """A config for both providers of this sandbox, with its default credentials; pass None-able
    option blocks, or leave a provider out with `zendesk_sell=False` / `ruddr=False`."""
    config: Dict[str, Any] = dict(top_level)
    if zendesk_sell is not False:
        config["zendesk_sell"] = {"access_token": DEFAULT_ZENDESK_TOKEN, "base_url": sb.zendesk_base_url, **(zendesk_sell or {})}
    if ruddr is not False:
        config["ruddr"] = {"api_key": DEFAULT_RUDDR_KEY, "base_url": sb.ruddr_base_url, **(ruddr or {})}
    return config


def catalog_for(streams: Iterable[str]) -> dict:
    return {
        "streams": [
            {
                "stream": {"name": name, "json_schema": {}, "supported_sync_modes": ["full_refresh"]},
                "sync_mode": "full_refresh",
                "destination_sync_mode": "overwrite",
            }
            for name in streams
        ]
    }


def run_source_stages(command: str, config: Union[None, str, Mapping[str, Any]] = None, streams: Iterable[str] = (),
                      debug: bool = False, env: Optional[Mapping[str, str]] = None, timeout: float = 300) -> Run:
    with tempfile.TemporaryDirectory() as directory:
        args = [command]
        if config is not None:
            config_path = Path(directory) / "config.json"
            config_path.write_text(config if isinstance(config, str) else json.dumps(config))  # str: raw file text
            args += ["--config", str(config_path)]
        if command == "read":
            catalog_path = Path(directory) / "catalog.json"
            catalog_path.write_text(json.dumps(catalog_for(streams)))
            args += ["--catalog", str(catalog_path)]
        if debug:
            args.append("--debug")
        process = subprocess.run(
            [str(SOURCE_STAGES), *args], capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})}
        )
    # One message per "\n"-terminated line; splitlines() would also split inside a message at
    # characters such as U+0085 or U+2028, which JSON strings may hold unescaped.
    messages = [json.loads(line) for line in process.stdout.split("\n") if line.startswith("{")]
    return Run(args=args, exit_code=process.returncode, stdout=process.stdout, stderr=process.stderr, messages=messages)
