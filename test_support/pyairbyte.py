"""PyAirbyte's venv (.venv-pyairbyte, `make venv-pyairbyte`) and commands run in it, for the tests
of the PyAirbyte examples."""

import json
import os
import pathlib
import subprocess
from typing import Any, Dict, List, Mapping, Optional

ROOT = pathlib.Path(__file__).resolve().parent.parent
PYAIRBYTE_BIN = ROOT / ".venv-pyairbyte" / "bin"
EXAMPLES = ROOT / "examples"
LOADS_SCRIPT = pathlib.Path(__file__).with_name("pyairbyte_loads.py")
TIMEOUT_SECONDS = 100  # below pytest-timeout's 120 s, so that a hang fails with the command and its output


def environment() -> Dict[str, str]:
    """PATH as in the activated venv, so that PyAirbyte finds that venv's `source-stages` and
    `destination-ruddr`."""
    return {**os.environ, "PATH": f"{PYAIRBYTE_BIN}{os.pathsep}{os.environ['PATH']}"}


def run(command: list[str], cwd: pathlib.Path) -> subprocess.CompletedProcess:
    """The command's output; it must exit 0."""
    finished = subprocess.run(
        command, cwd=cwd, env=environment(), capture_output=True, text=True,
        timeout=TIMEOUT_SECONDS, check=False,
    )
    assert finished.returncode == 0, f"{command}\n{finished.stdout[-3000:]}\n{finished.stderr[-5000:]}"
    return finished


class RepeatedLoads:
    """pyairbyte_loads.py: the DuckDB example loaded again each time `next()` is called, in one
    PyAirbyte process (its command line first, then its `load`), and the tables it left (these
    columns of each)."""

    def __init__(self, example: pathlib.Path, config: pathlib.Path, database: pathlib.Path,
                 columns: Mapping[str, List[str]], cwd: pathlib.Path) -> None:
        command = [str(PYAIRBYTE_BIN / "python"), str(LOADS_SCRIPT), str(example), str(config), str(database),
                   json.dumps(columns)]
        self.process = subprocess.Popen(command, cwd=cwd, env=environment(), stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.loaded = 0

    def next(self) -> Dict[str, Any]:
        """{"counts": {stream: rows in its table}, "tables": {table: [[values], ...]}, "output": what it
        printed during this load}."""
        assert self.process.stdin is not None and self.process.stdout is not None
        if self.loaded:
            self.process.stdin.write("load\n")
            self.process.stdin.flush()
        self.loaded += 1
        output: List[str] = []
        for line in self.process.stdout:
            if line.startswith("LOADED "):
                return {**json.loads(line[len("LOADED "):]), "output": "".join(output)}
            output.append(line)
        raise AssertionError(f"load {self.loaded} ended without a result:\n{''.join(output)[-5000:]}")

    def close(self, timeout: Optional[float] = 30) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
