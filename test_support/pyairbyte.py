"""PyAirbyte's venv (.venv-pyairbyte, `make venv-pyairbyte`) and a command run in it, for the tests
of the PyAirbyte examples."""

import os
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
PYAIRBYTE_BIN = ROOT / ".venv-pyairbyte" / "bin"
EXAMPLES = ROOT / "examples"
TIMEOUT_SECONDS = 180


def run(command: list[str], cwd: pathlib.Path) -> subprocess.CompletedProcess:
    """The command's output; it must exit 0. PATH as in the activated venv, so that PyAirbyte finds
    that venv's `source-stages` and `destination-ruddr`."""
    environment = {**os.environ, "PATH": f"{PYAIRBYTE_BIN}{os.pathsep}{os.environ['PATH']}"}
    finished = subprocess.run(
        command, cwd=cwd, env=environment, capture_output=True, text=True,
        timeout=TIMEOUT_SECONDS, check=False,
    )
    assert finished.returncode == 0, f"{command}\n{finished.stdout[-3000:]}\n{finished.stderr[-5000:]}"
    return finished
