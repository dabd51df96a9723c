"""Scripted faults, from Python (control plane) and from the command line."""

import json

import pytest
import requests

from sandbox import SandboxError
from sandbox.resources import ruddr_opportunity_stages, zendesk_sell_stages

STAGES, RUDDR_STAGES = zendesk_sell_stages.RESOURCE.path, ruddr_opportunity_stages.RESOURCE.path


def test_429_twice_without_retry_after_then_success(sandbox, zendesk):
    sandbox.add_fault(path=STAGES, kind="status", status=429, times=2)

    statuses = [zendesk.get(STAGES) for _ in range(3)]

    assert [r.status_code for r in statuses] == [429, 429, 200]
    assert "Retry-After" not in statuses[0].headers
    error = statuses[0].json()["errors"][0]["error"]
    assert error["code"] == "rate_limit_exceeded"
    assert statuses[0].json()["meta"]["logref"] == statuses[0].headers["X-Request-Id"]
    assert [r["status"] for r in sandbox.requests()] == [429, 429, 200]


def test_429_with_retry_after(sandbox, ruddr):
    sandbox.add_fault(path=RUDDR_STAGES, status=429, retry_after=2)

    response = ruddr.get("/opportunity-stages")

    assert response.status_code == 429
    assert response.headers["Retry-After"] == "2"
    assert response.json() == {"status": 429, "message": "Too many requests"}


@pytest.mark.parametrize("status, code", [(500, "server_error"), (503, "temporarily_unavailable"),
                                          (403, "insufficient_scope"), (404, "not_found")])
def test_zendesk_status_faults_have_the_documented_envelope(sandbox, zendesk, status, code):
    sandbox.add_fault(path=STAGES, status=status)

    response = zendesk.get(STAGES)

    assert response.status_code == status
    assert response.json()["errors"][0]["error"]["code"] == code
    assert response.json()["meta"]["http_status"].startswith(f"{status} ")


@pytest.mark.parametrize("status", [403, 500, 503])
def test_ruddr_status_faults_have_the_documented_body(sandbox, ruddr, status):
    sandbox.add_fault(path=RUDDR_STAGES, status=status)

    response = ruddr.get("/opportunity-stages")

    assert response.status_code == status
    assert set(response.json()) == {"status", "message"} and response.json()["status"] == status


def test_a_burst_of_5xx_with_gateway_pages_for_502_and_504(sandbox, zendesk):
    for status in (500, 502, 503, 504):
        sandbox.add_fault(path=STAGES, status=status, after=[500, 502, 503, 504].index(status))

    responses = [zendesk.get(STAGES) for _ in range(5)]

    assert [r.status_code for r in responses] == [500, 502, 503, 504, 200]
    for gateway in (responses[1], responses[3]):
        assert gateway.headers["Content-Type"] == "text/html"
        assert gateway.text.startswith("<html>")


def test_after_lets_requests_pass_first(sandbox, zendesk):
    sandbox.add_fault(path=STAGES, status=500, after=2, times=1)

    assert [zendesk.get(STAGES).status_code for _ in range(4)] == [200, 200, 500, 200]


def test_times_none_fails_for_ever_until_cleared(sandbox, zendesk):
    sandbox.add_fault(path=STAGES, status=503, times=None)

    assert [zendesk.get(STAGES).status_code for _ in range(3)] == [503] * 3
    sandbox.clear_faults()
    assert zendesk.get(STAGES).status_code == 200


def test_faults_match_path_method_and_prefix(sandbox, zendesk, ruddr, valid_stage):
    sandbox.add_fault(path="/api/workspace/*", status=500, method="POST")

    assert zendesk.get(STAGES).status_code == 200
    assert ruddr.get("/opportunity-stages").status_code == 200
    assert ruddr.request("POST", "/opportunity-stages", json=valid_stage).status_code == 500


def test_malformed_json(sandbox, zendesk):
    sandbox.add_fault(path=STAGES, kind="malformed_json")

    response = zendesk.get(STAGES)

    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)
    assert zendesk.get(STAGES).json()["items"]


def test_truncated_body(sandbox, ruddr):
    sandbox.add_fault(path=RUDDR_STAGES, kind="truncated")

    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        ruddr.get("/opportunity-stages")
    assert ruddr.get("/opportunity-stages").status_code == 200


def test_dropped_connection(sandbox, zendesk):
    sandbox.add_fault(path=STAGES, kind="drop")

    with pytest.raises(requests.exceptions.ConnectionError):
        zendesk.get(STAGES)
    assert zendesk.get(STAGES).status_code == 200
    assert [r["status"] for r in sandbox.requests()] == [None, 200]


def test_slow_response_exceeds_a_client_timeout(sandbox, zendesk):
    sandbox.add_fault(path=STAGES, kind="slow", delay=0.6)

    with pytest.raises(requests.exceptions.ReadTimeout):
        zendesk.get(STAGES, timeout=0.2)
    assert zendesk.get(STAGES, timeout=5).status_code == 200


def test_slow_response_eventually_answers(sandbox, zendesk):
    sandbox.add_fault(path=STAGES, kind="slow", delay=0.2)

    assert zendesk.get(STAGES, timeout=5).status_code == 200


def test_faults_are_listed_and_reset_clears_them(sandbox, zendesk):
    sandbox.add_fault(path=STAGES, status=500, times=3)
    zendesk.get(STAGES)

    [listed] = sandbox.faults()
    assert (listed["path"], listed["status"], listed["seen"], listed["fired"]) == (STAGES, 500, 1, 1)
    sandbox.reset()
    assert sandbox.faults() == []
    assert zendesk.get(STAGES).status_code == 200


@pytest.mark.parametrize("kwargs", [
    {"path": "v2/stages", "status": 500},
    {"path": STAGES, "kind": "explode"},
    {"path": STAGES, "kind": "status"},
    {"path": STAGES, "kind": "slow"},
    {"path": STAGES, "status": 500, "times": 0},
])
def test_a_bad_fault_is_refused(sandbox, kwargs):
    with pytest.raises(SandboxError, match="400"):
        sandbox.add_fault(**kwargs)


def test_faults_from_the_command_line_are_rearmed_by_reset(sandbox_factory):
    sb = sandbox_factory(faults=["/v2/stages,status=503,times=1,retry_after=7",
                                 "/api/workspace/opportunity-stages,kind=drop",
                                 "/v2/pipelines,status=500,times=inf,method=GET"])
    zendesk = requests.Session()
    zendesk.headers["Authorization"] = "Bearer sandbox-zendesk-sell-token-7f3a9c2e5b"

    first = zendesk.get(sb.url + STAGES, timeout=5)
    assert (first.status_code, first.headers["Retry-After"]) == (503, "7")
    assert zendesk.get(sb.url + STAGES, timeout=5).status_code == 200
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(sb.url + RUDDR_STAGES, headers={"Authorization": "Bearer sandbox-ruddr-api-key-41d8e6b0c3"})
    assert [zendesk.get(sb.url + "/v2/pipelines", timeout=5).status_code for _ in range(3)] == [500] * 3
    sb.reset()
    assert zendesk.get(sb.url + STAGES, timeout=5).status_code == 503


def test_a_bad_command_line_fault_stops_the_start(sandbox_factory):
    with pytest.raises(SandboxError, match="status="):
        sandbox_factory(faults=["/v2/stages,kind=status"])
