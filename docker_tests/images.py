"""The two images as a pytest plugin (conftest.py loads it), so that integration tests can run
their scenarios in them too (test_support/fixtures.py: `connectors`). Built on first use,
once per run: `make test` never asks for them."""

from typing import Optional

import pytest

from docker_tests.build import BUILD_TIMEOUT_SECONDS, IMAGE, ROOT, build_image, docker_client
from test_support.runs import Connectors, DockerImage

DESTINATION_IMAGE = "airbyte/destination-ruddr:dev"
DESTINATION_TARGET = "destination-ruddr"


@pytest.hookimpl(trylast=True)  # after docker_tests/conftest.py marks its tests `in_image`
def pytest_collection_modifyitems(items) -> None:
    """A test that runs in the images may build them in its set-up: it may take up to the build's
    own limit, which pytest.ini's timeout per test would cut short."""
    for item in items:
        if item.get_closest_marker("in_image") is not None:
            item.add_marker(pytest.mark.timeout(BUILD_TIMEOUT_SECONDS + 60))


def client() -> str:
    return docker_client() or pytest.fail("no `docker` client on PATH")


def built(tag: str, target: Optional[str] = None) -> str:
    """The Dockerfile built as `tag`, up to the stage `target` (None: the last stage); the test
    fails with the build's output if the build does."""
    build = build_image(ROOT, tag, target=target)
    if build.returncode != 0:
        pytest.fail(f"image build failed: {' '.join(build.args)}\n{build.stdout[-4000:]}{build.stderr[-4000:]}")
    return tag


@pytest.fixture(scope="session")
def images() -> Connectors:
    """airbyte/source-stages:dev and airbyte/destination-ruddr:dev, built one after the other (the
    second reuses the first's stages from the build cache; docker-local.sh builds one at a time)."""
    docker = client()
    source = DockerImage(docker, built(IMAGE))
    return Connectors(source, DockerImage(docker, built(DESTINATION_IMAGE, target=DESTINATION_TARGET)))
