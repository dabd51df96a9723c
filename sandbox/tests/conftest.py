"""Fixtures of the sandbox's own tests (``sandbox`` and ``sandbox_factory``: test_support/fixtures.py).

``zendesk``/``ruddr``  plain HTTP clients (``requests``) for the shared sandbox's two APIs.
``valid_stage``       a Ruddr ``POST /opportunity-stages`` body that passes validation.
"""

import pytest

from sandbox import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN
from sandbox.tests.http_clients import ApiClient


@pytest.fixture
def zendesk(sandbox) -> ApiClient:
    return ApiClient(sandbox.zendesk_base_url, DEFAULT_ZENDESK_TOKEN)


@pytest.fixture
def ruddr(sandbox) -> ApiClient:
    return ApiClient(sandbox.ruddr_base_url, DEFAULT_RUDDR_KEY)


@pytest.fixture
def valid_stage(sandbox) -> dict:
    pipeline_id = sandbox.data()["ruddr"]["opportunity_pipelines"][0]["id"]
    return {"name": "Discovery call", "probability": 0.15, "statusId": "open", "opportunityPipelineId": pipeline_id}
