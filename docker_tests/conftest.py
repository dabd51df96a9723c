"""Fixtures of `make docker-test`: the image (built once per run), the sandbox it reads from, and
a directory with the config and configured catalog that both the console script and the image use."""

import json
import os
import pathlib
import shutil
import subprocess
import sys
from typing import Optional

import pytest

from docker_tests.runners import ConsoleScript, DockerImage
from integration_tests.sandbox import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN, Sandbox

ROOT = pathlib.Path(__file__).resolve().parent.parent
IMAGE = "airbyte/source-stages:dev"
# Where there is no Docker engine or registry (these machines), this script provides both.
DOCKER_LOCAL = ROOT.parent / "shared" / "tools" / "docker-local.sh"
# docker-local.sh installs Debian's client, which has BuildKit; prefer it when present.
DEBIAN_DOCKER = pathlib.Path("/usr/bin/docker")
BUILD_TIMEOUT_SECONDS = 900
WRONG_ZENDESK_TOKEN = "wrong-zendesk-sell-token-2b9e71c4d0"


def docker_client() -> str:
    if DEBIAN_DOCKER.exists():
        return str(DEBIAN_DOCKER)
    return shutil.which("docker") or pytest.fail("no `docker` client on PATH")


@pytest.fixture(scope="session")
def image() -> str:
    return build_image(IMAGE)


def build_image(tag: str, target: Optional[str] = None) -> str:
    """The Dockerfile built as `tag`, up to the stage `target` (None: the last stage)."""
    environment = dict(os.environ)
    if DOCKER_LOCAL.exists():
        command = [str(DOCKER_LOCAL), str(ROOT), tag]
        if target is not None:
            environment["DOCKER_TARGET"] = target
    else:
        command = [docker_client(), "build", "--tag", tag, *(["--target", target] if target else []), str(ROOT)]
    build = subprocess.run(
        command, capture_output=True, text=True, timeout=BUILD_TIMEOUT_SECONDS, check=False, env=environment
    )
    if build.returncode != 0:
        pytest.fail(f"image build failed: {' '.join(command)}\n{build.stdout[-4000:]}{build.stderr[-4000:]}")
    return tag


@pytest.fixture(scope="session")
def sandbox():
    with Sandbox.start(dataset="default") as running:
        yield running


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory, sandbox) -> pathlib.Path:
    """config.json, wrong_token_config.json (and catalog.json, see `catalog`), readable by the
    image's non-root user."""
    directory = tmp_path_factory.mktemp("docker-test-data")
    directory.chmod(0o755)
    config = {
        "zendesk_sell": {"access_token": DEFAULT_ZENDESK_TOKEN, "base_url": sandbox.zendesk_base_url},
        "ruddr": {"api_key": DEFAULT_RUDDR_KEY, "base_url": sandbox.ruddr_base_url},
    }
    wrong_token = json.loads(json.dumps(config))
    wrong_token["zendesk_sell"]["access_token"] = WRONG_ZENDESK_TOKEN
    write_readable(directory / "config.json", config)
    write_readable(directory / "wrong_token_config.json", wrong_token)
    return directory


def write_readable(path: pathlib.Path, content: dict) -> None:
    path.write_text(json.dumps(content), encoding="utf-8")
    path.chmod(0o644)


@pytest.fixture(scope="session")
def console_script() -> ConsoleScript:
    executable = pathlib.Path(sys.executable).parent / "source-stages"
    if not executable.exists():
        pytest.fail(f"no console script at {executable}: run `make venv-tests`")
    return ConsoleScript(executable)


@pytest.fixture(scope="session")
def in_image(image, data_dir) -> DockerImage:
    return DockerImage(docker_client(), image, data_dir)


@pytest.fixture(scope="session")
def catalog(console_script, data_dir) -> pathlib.Path:
    """Every discovered stream, full refresh."""
    discovered = console_script.run("discover", config=data_dir / "config.json").of_type("CATALOG")
    assert len(discovered) == 1, "the console script's discover printed no single CATALOG"
    configured = {
        "streams": [
            {"stream": stream, "sync_mode": "full_refresh", "destination_sync_mode": "overwrite"}
            for stream in discovered[0]["catalog"]["streams"]
        ]
    }
    path = data_dir / "catalog.json"
    write_readable(path, configured)
    return path
