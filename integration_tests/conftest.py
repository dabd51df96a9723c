"""Sandbox fixtures: one shared process per test session, reset before each test.

``sandbox``          the shared process, reset to its starting state (cheap: no restart).
``sandbox_factory``  ``sandbox_factory(**Sandbox.start kwargs)`` for a test that needs its own
                     process (other flags, dataset or credentials); stopped after the test.
``zendesk``/``ruddr`` plain HTTP clients (``requests``) for the shared sandbox's two APIs.
"""

import pytest

from integration_tests.http_clients import ApiClient
from integration_tests.sandbox import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN, Sandbox


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


@pytest.fixture
def zendesk(sandbox) -> ApiClient:
    return ApiClient(sandbox.zendesk_base_url, DEFAULT_ZENDESK_TOKEN)


@pytest.fixture
def ruddr(sandbox) -> ApiClient:
    return ApiClient(sandbox.ruddr_base_url, DEFAULT_RUDDR_KEY)


@pytest.fixture
def valid_stage(sandbox) -> dict:
    """A Ruddr POST /opportunity-stages body that passes validation."""
    pipeline_id = sandbox.data()["ruddr"]["opportunity_pipelines"][0]["id"]
    return {"name": "Discovery call", "probability": 0.15, "statusId": "open", "opportunityPipelineId": pipeline_id}
