"""The fixtures of every test tree, a pytest plugin (conftest.py loads it).

``sandbox_process``  one sandbox process per test session (per pytest-xdist worker: no test shares
                     a sandbox with a test that runs at the same time).
``sandbox``          that process, reset to its starting state (cheap: no restart).
``sandbox_factory``  ``sandbox_factory(**Sandbox.start kwargs)`` for a test that needs its own
                     process (other flags, dataset or credentials); stopped after the test.
``connectors``       both connectors in this process (MESSAGES_ONLY), or as the images: the scenario
                     tests that check messages run with both.
``connector_processes``  the console scripts, or the images: for the scenarios where the processes
                     and the pipe between them are the point.
"""

import pytest

from sandbox import Sandbox
from test_support.runs import CONSOLE_SCRIPTS, MESSAGES_ONLY, Connectors


@pytest.fixture(scope="session")
def sandbox_process():
    with Sandbox.start(dataset="default") as sb:
        yield sb


@pytest.fixture
def sandbox(sandbox_process):
    sandbox_process.reset()
    return sandbox_process


@pytest.fixture
def sandbox_factory():
    started = []

    def start(**kwargs) -> Sandbox:
        sb = Sandbox.start(**kwargs)
        started.append(sb)
        return sb

    yield start
    for sb in started:
        sb.stop()


IN_IMAGES = pytest.param("images", id="images", marks=pytest.mark.in_image)


@pytest.fixture(scope="session", params=[pytest.param("in process", id="in-process"), IN_IMAGES])
def connectors(request) -> Connectors:
    """How a scenario test that checks messages runs source-stages and destination-ruddr: in this
    process (`make test`), or as their Docker images (`make docker-test` selects the `in_image` tests)."""
    return MESSAGES_ONLY if request.param == "in process" else request.getfixturevalue("images")


@pytest.fixture(scope="session", params=[pytest.param("console scripts", id="console-scripts"), IN_IMAGES])
def connector_processes(request) -> Connectors:
    """How a scenario test whose point is the processes runs them: as the venv's console scripts
    (`make test`), or as their Docker images (`make docker-test`)."""
    return CONSOLE_SCRIPTS if request.param == "console scripts" else request.getfixturevalue("images")
