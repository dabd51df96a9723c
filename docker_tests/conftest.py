"""Fixtures of `make docker-test`: the image (built once per run), the sandbox it reads from, and
the launchers that run a command in the image and through the console script."""

import json
import pathlib
import subprocess
from typing import Optional

import pytest

from docker_tests.build import BUILD_TIMEOUT_SECONDS, IMAGE, ROOT, build_image, docker_client
from integration_tests.connector_runs import CONSOLE_SCRIPT, ConsoleScript, DockerImage, run_connector
from integration_tests.sandbox import Sandbox
from integration_tests.sandbox_config import sandbox_config


def pytest_collection_modifyitems(items) -> None:
    """A test whose set-up builds an image may take up to the build's own limit: pytest.ini's
    timeout per test would cut a cold build short."""
    here = pathlib.Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.timeout(BUILD_TIMEOUT_SECONDS + 60))


def client() -> str:
    return docker_client() or pytest.fail("no `docker` client on PATH")


@pytest.fixture(scope="session")
def image() -> str:
    return built(IMAGE)


def built(tag: str, target: Optional[str] = None) -> str:
    """The Dockerfile built as `tag`, up to the stage `target` (None: the last stage); the test
    fails with the build's output if the build does."""
    build = build_image(ROOT, tag, target=target)
    if build.returncode != 0:
        pytest.fail(f"image build failed: {' '.join(build.args)}\n{build.stdout[-4000:]}{build.stderr[-4000:]}")
    return tag


@pytest.fixture(scope="session")
def sandbox():
    with Sandbox.start(dataset="default") as running:
        yield running


@pytest.fixture(scope="session")
def config(sandbox) -> dict:
    return sandbox_config(sandbox)


@pytest.fixture(scope="session")
def in_image(image) -> DockerImage:
    return DockerImage(client(), image)


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
    discovered = run_connector("discover", config, launcher=CONSOLE_SCRIPT).catalog
    return {
        "streams": [
            {"stream": stream, "sync_mode": "full_refresh", "destination_sync_mode": "overwrite"}
            for stream in discovered["streams"]
        ]
    }


def assert_spec_equals_the_console_scripts(image: DockerImage, console_script: ConsoleScript) -> None:
    image_run = run_connector("spec", launcher=image)
    assert image_run.exit_code == 0, image_run.stderr
    assert len(image_run.of_type("SPEC")) == 1
    assert image_run.of_type("SPEC") == run_connector("spec", launcher=console_script).of_type("SPEC")
