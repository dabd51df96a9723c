"""The images' requirements are current (scripts/image-requirements, docker_tests/import_recorder):
image-requirements.txt pins the distributions that what the connectors import maps to; a connector
process records what it imports and no other process does; and a run whose connectors imported a
module docker_tests/connector-imports.json does not list fails, naming the command that fixes it."""

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

from docker_tests.import_recording import RECORDER, RECORDING_ENV, SCRIPT

REGENERATE = "make image-requirements"
REQUIREMENTS = SCRIPT.parent.parent / "image-requirements.txt"
IMPORTS = SCRIPT.parent.parent / "docker_tests" / "connector-imports.json"
COMMANDS = {"source-stages": ("spec", "check", "discover", "read"), "destination-ruddr": ("spec", "check", "write")}


def image_requirements(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120,
                          check=False)


def test_the_image_requirements_pin_the_distributions_the_connectors_import():
    finished = image_requirements("--check")
    assert finished.returncode == 0, finished.stderr
    if finished.stdout:  # versions other than this venv's: the images are tested with their pins, but say so
        warnings.warn(finished.stdout.strip())


def test_the_recording_ran_every_command_of_both_connectors_as_a_process():
    recorded = json.loads(IMPORTS.read_text(encoding="utf-8"))["commands"]
    assert sorted(recorded) == sorted(f"{script} {command}" for script, commands in COMMANDS.items() for command in commands)


def test_a_distribution_missing_from_the_requirements_fails_the_check_with_the_command(tmp_path):
    without_requests = tmp_path / "image-requirements.txt"
    lines = REQUIREMENTS.read_text(encoding="utf-8").splitlines()
    without_requests.write_text("\n".join(line for line in lines if not line.startswith("requests==")) + "\n")

    finished = image_requirements("--check", str(without_requests))

    assert finished.returncode == 1
    assert "should pin requests and not anything less" in finished.stderr
    assert REGENERATE in finished.stderr


def test_a_connector_process_records_its_imports_and_other_processes_do_not(tmp_path):
    environment = {**os.environ, RECORDING_ENV: str(tmp_path), "PYTHONPATH": str(RECORDER)}
    connector, other = [str(Path(sys.executable).with_name("source-stages")), "spec"], [sys.executable, "-c", "pass"]
    for command in (connector, other):
        subprocess.run(command, env=environment, capture_output=True, check=True, timeout=120)

    (recording,) = tmp_path.iterdir()
    run = json.loads(recording.read_text(encoding="utf-8"))
    assert (run["script"], run["argv"], run["prefix"]) == ("source-stages", ["spec"], sys.prefix)
    assert {"airbyte_cdk.entrypoint", "source_stages.run", "requests"} <= set(run["modules"])
    assert "sitecustomize" not in run["modules"]
    assert "entry_points:pydantic" in run["metadata"]  # pydantic looks for plugins of every distribution


def test_a_run_whose_connectors_imported_an_unlisted_module_fails_with_the_command(tmp_path):
    def recording(name: str, modules: list) -> None:
        (tmp_path / f"{name}.json").write_text(json.dumps({
            "script": "source-stages", "argv": ["read"], "python": "%d.%d" % sys.version_info[:2],
            "prefix": sys.prefix, "modules": dict.fromkeys(modules), "metadata": []}))

    recording("listed", ["airbyte_cdk", "requests"])
    assert image_requirements("--check-recorded", str(tmp_path)).returncode == 0

    recording("unlisted", ["pandas", "airbyte_cdk"])
    finished = image_requirements("--check-recorded", str(tmp_path))
    assert finished.returncode == 1
    assert "does not list: pandas" in finished.stderr and REGENERATE in finished.stderr
