"""Fixtures of `make docker-test`: the images (docker_tests/images.py builds both once per run),
a config and a catalog for the sandbox they read from (the sandbox fixtures: test_support/fixtures.py),
and the launchers that run a command in an image and through the console script. Every test here
is marked `in_image`, the marker `make docker-test` selects."""

import json
import subprocess

import pytest

from sandbox.connectors import sandbox_config
from test_support.catalogs import every_discovered_stream
from test_support.runs import CONSOLE_SCRIPT, ConsoleScript, DockerImage, run_connector


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if item.nodeid.startswith("docker_tests/"):
            item.add_marker(pytest.mark.in_image)


@pytest.fixture(scope="session")
def config(sandbox_process) -> dict:
    return sandbox_config(sandbox_process)


@pytest.fixture(scope="session")
def in_image(images) -> DockerImage:
    return images.source


@pytest.fixture(scope="session")
def destination_image(images) -> DockerImage:
    return images.destination


@pytest.fixture(scope="session")
def image_config(in_image) -> dict:
    return inspect_config(in_image)


def inspect_config(launcher: DockerImage) -> dict:
    """The image's `Config` as `docker image inspect` shows it: labels, user, environment, entrypoint."""
    output = subprocess.run(
        [launcher.docker, "image", "inspect", launcher.image], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output)[0]["Config"]


def assert_runs_as_airbyte_runs_it(config: dict, name: str, version: str, entrypoint: str) -> None:
    """An image's Config: its Airbyte labels, a non-root user, and the console script both as
    ENTRYPOINT and as AIRBYTE_ENTRYPOINT."""
    assert config["Labels"]["io.airbyte.name"] == name
    assert config["Labels"]["io.airbyte.version"] == version
    assert config["User"].split(":")[0] not in ("", "0", "root")
    environment = dict(variable.split("=", 1) for variable in config["Env"])
    assert environment["AIRBYTE_ENTRYPOINT"] == " ".join(config["Entrypoint"]) == entrypoint


@pytest.fixture(scope="session")
def catalog(config) -> dict:
    """Every stream the console script discovers, full refresh."""
    return every_discovered_stream(run_connector("discover", config, launcher=CONSOLE_SCRIPT).catalog)


def assert_spec_equals_the_console_scripts(image: DockerImage, console_script: ConsoleScript) -> None:
    image_run = run_connector("spec", launcher=image)
    assert image_run.exit_code == 0, image_run.stderr
    assert len(image_run.of_type("SPEC")) == 1
    assert image_run.of_type("SPEC") == run_connector("spec", launcher=console_script).of_type("SPEC")
