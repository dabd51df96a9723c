"""429 for ever, against the sandbox with the backoff scaled down (in-process: only the messages
matter): the stream fails after its retry budget with a transient_error that names the API, the
retries and the time they took, and what to do, instead of the CDK's bare "API rate limit exceeded."."""

import re

import pytest

from sandbox.connectors import list_path, sandbox_config
from stage_apis.errors import BACKOFF_SCALE_ENV, MAX_RETRIES
from stage_apis.ruddr.streams import RuddrOpportunityStages
from test_support.runs import run_connector

pytestmark = pytest.mark.slow(seconds=5)

STREAM = RuddrOpportunityStages.name


def test_429_for_ever_ends_with_what_to_do(sandbox, monkeypatch) -> None:
    monkeypatch.setenv(BACKOFF_SCALE_ENV, "0.001")  # each wait is then about 1 s: the CDK adds 1 s to it
    sandbox.add_fault(list_path(sandbox, STREAM), kind="status", status=429, times=None)

    run = run_connector("read", sandbox_config(sandbox, zendesk_sell=False), [STREAM])

    assert run.exit_code == 1
    stream_error = next(error for error in run.error_traces if error["stream_descriptor"] == {"name": STREAM})
    assert stream_error["failure_type"] == "transient_error"
    match = re.fullmatch(r"Ruddr kept answering HTTP 429 \(rate limit exceeded\): (\d+) retries over (\d+) s did not get "
                         r"through\. Lower `ruddr\.max_requests_per_second` .* or run the sync again later\.", stream_error["message"])
    assert match, stream_error["message"]
    assert int(match[1]) == MAX_RETRIES and int(match[2]) >= MAX_RETRIES  # at least 1 s per retry
    assert len(sandbox.requests(path=list_path(sandbox, STREAM))) == MAX_RETRIES + 1
