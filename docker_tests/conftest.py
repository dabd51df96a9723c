"""Fixtures of `make docker-test`: the image (built once per run), the sandbox it reads from, and
the launchers that run a command in the image and through the console script."""

import json
import pathlib
import shutil
import subprocess

import pytest

from integration_tests.connector_runs import CONSOLE_SCRIPT, DockerImage, run_connector
from integration_tests.sandbox import Sandbox
from integration_tests.sandbox_config import sandbox_config

ROOT = pathlib.Path(__file__).resolve().parent.parent
IMAGE = "airbyte/source-stages:dev"
# Where there is no Docker engine or registry (these machines), this script provides both.
DOCKER_LOCAL = ROOT.parent / "shared" / "tools" / "docker-local.sh"
# docker-local.sh installs Debian's client, which has BuildKit; prefer it when present.
DEBIAN_DOCKER = pathlib.Path("/usr/bin/docker")
BUILD_TIMEOUT_SECONDS = 900


def docker_client() -> str:
    if DEBIAN_DOCKER.exists():
        return str(DEBIAN_DOCKER)
    return shutil.which("docker") or pytest.fail("no `docker` client on PATH")


@pytest.fixture(scope="session")
def image() -> str:
    if DOCKER_LOCAL.exists():
        command = [str(DOCKER_LOCAL), str(ROOT), IMAGE]
    else:
        command = [docker_client(), "build", "--tag", IMAGE, str(ROOT)]
    build = subprocess.run(
        command, capture_output=True, text=True, timeout=BUILD_TIMEOUT_SECONDS, check=False
    )
    if build.returncode != 0:
        pytest.fail(f"image build failed: {' '.join(command)}\n{build.stdout[-4000:]}{build.stderr[-4000:]}")
    return IMAGE


@pytest.fixture(scope="session")
def sandbox():
    with Sandbox.start(dataset="default") as running:
        yield running


@pytest.fixture(scope="session")
def config(sandbox) -> dict:
    return sandbox_config(sandbox)


@pytest.fixture(scope="session")
def in_image(image) -> DockerImage:
    return DockerImage(docker_client(), image)


@pytest.fixture(scope="session")
def image_config(in_image) -> dict:
    """The image's `Config` as `docker image inspect` shows it: labels, user, environment, entrypoint."""
    output = subprocess.run(
        [in_image.docker, "image", "inspect", in_image.image], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output)[0]["Config"]


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
