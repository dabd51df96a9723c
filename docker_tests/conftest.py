"""Fixtures of `make docker-test`: the image (built once per run), the sandbox it reads from, and
a directory with the config and configured catalog that both the console script and the image use."""

import json
import pathlib
import sys

import pytest

from docker_tests.build import IMAGE, ROOT, build_image, docker_client
from docker_tests.runners import ConsoleScript, DockerImage
from integration_tests.sandbox import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN, Sandbox

WRONG_ZENDESK_TOKEN = "wrong-zendesk-sell-token-2b9e71c4d0"


def client() -> str:
    return docker_client() or pytest.fail("no `docker` client on PATH")


@pytest.fixture(scope="session")
def image() -> str:
    build = build_image(ROOT, IMAGE)
    if build.returncode != 0:
        pytest.fail(f"image build failed: {' '.join(build.args)}\n{build.stdout[-4000:]}{build.stderr[-4000:]}")
    return IMAGE


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
    return DockerImage(client(), image, data_dir)


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
