"""A pytest plugin (conftest.py loads it): every connector process that a test run starts records
what it imports (docker_tests/import_recorder), and the run fails at its end if they imported a
module or read distribution metadata that docker_tests/connector-imports.json does not list, so
the images might lack it. `scripts/image-requirements --check-recorded` judges; its message names
the command that brings both files up to date.

Only real processes are recorded: an in-process run shares this process's modules with pytest
and the tests. Under pytest-xdist the workers inherit the controller's directory.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RECORDER = Path(__file__).resolve().parent / "import_recorder"
SCRIPT = ROOT / "scripts" / "image-requirements"
RECORDING_ENV = "CONNECTOR_IMPORTS_DIR"

_ours = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get(RECORDING_ENV):
        return  # a worker of this run, or `scripts/image-requirements`, which reads the recordings itself
    directory = tempfile.mkdtemp(prefix="connector-imports-")
    config.stash[_ours] = directory
    os.environ[RECORDING_ENV] = directory
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(RECORDER), os.environ.get("PYTHONPATH")]))


def pytest_sessionfinish(session: pytest.Session) -> None:
    directory = session.config.stash.get(_ours, None)
    if directory is None:
        return
    try:
        if any(Path(directory).iterdir()):
            judged = subprocess.run([sys.executable, str(SCRIPT), "--check-recorded", directory],
                                    capture_output=True, text=True, check=False)
            if judged.returncode != 0:
                reporter = session.config.pluginmanager.get_plugin("terminalreporter")
                if reporter is not None:
                    reporter.ensure_newline()
                    reporter.write_line(judged.stderr.strip(), red=True, bold=True)
                else:
                    print(judged.stderr, file=sys.stderr)
                session.exitstatus = pytest.ExitCode.TESTS_FAILED
    finally:
        shutil.rmtree(directory, ignore_errors=True)
