"""Faults with ``serve_first``: the request is carried out, then its answer is lost, replaced or late.

This is what a writing client must survive without writing twice: a POST that was stored although
the client saw a dropped connection, a 5xx or a read timeout.
"""

import time

import pytest
import requests

from sandbox import DEFAULT_RUDDR_KEY, SandboxError
from sandbox.resources import ruddr_opportunity_stages, zendesk_sell_stages
from sandbox.tests.http_clients import ApiClient

RUDDR_STAGES = ruddr_opportunity_stages.RESOURCE.path


def stored(sandbox, name):
    return [stage for stage in sandbox.data()["ruddr"]["opportunity_stages"] if stage["name"] == name]


def test_a_post_stored_then_dropped(sandbox, ruddr, valid_stage):
    sandbox.add_fault(path=RUDDR_STAGES, method="POST", kind="drop", serve_first=True)

    with pytest.raises(requests.exceptions.ConnectionError):
        ruddr.request("POST", "/opportunity-stages", json=valid_stage)

    [stage] = stored(sandbox, valid_stage["name"])
    assert {key: stage[key] for key in valid_stage} == valid_stage
    assert [(r["method"], r["status"]) for r in sandbox.requests()] == [("POST", None)]


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_a_post_stored_then_answered_with_a_5xx(sandbox, ruddr, valid_stage, status):
    sandbox.add_fault(path=RUDDR_STAGES, method="POST", status=status, serve_first=True)

    response = ruddr.request("POST", "/opportunity-stages", json=valid_stage)

    assert response.status_code == status
    if status in (502, 504):
        assert response.headers["Content-Type"] == "text/html" and response.text.startswith("<html>")
    else:
        assert response.json()["status"] == status
    assert len(stored(sandbox, valid_stage["name"])) == 1


def test_without_serve_first_a_failed_post_stores_nothing(sandbox, ruddr, valid_stage):
    sandbox.add_fault(path=RUDDR_STAGES, method="POST", status=503)
    sandbox.add_fault(path=RUDDR_STAGES, method="POST", kind="drop")

    assert ruddr.request("POST", "/opportunity-stages", json=valid_stage).status_code == 503
    with pytest.raises(requests.exceptions.ConnectionError):
        ruddr.request("POST", "/opportunity-stages", json=valid_stage)

    assert stored(sandbox, valid_stage["name"]) == []


def test_a_patch_applied_before_a_late_answer_is_visible_when_the_client_gives_up(sandbox, ruddr):
    stage = sandbox.data()["ruddr"]["opportunity_stages"][0]
    sandbox.add_fault(path=f"{RUDDR_STAGES}/*", method="PATCH", kind="slow", delay=1.0, serve_first=True)

    with pytest.raises(requests.exceptions.ReadTimeout):
        ruddr.request("PATCH", f"/opportunity-stages/{stage['id']}", json={"name": "Renamed"}, timeout=0.2)

    assert ruddr.get(f"/opportunity-stages/{stage['id']}").json()["name"] == "Renamed"


def test_a_plain_slow_fault_applies_the_write_only_after_the_delay(sandbox, ruddr, valid_stage):
    sandbox.add_fault(path=RUDDR_STAGES, method="POST", kind="slow", delay=1.5)

    with pytest.raises(requests.exceptions.ReadTimeout):
        ruddr.request("POST", "/opportunity-stages", json=valid_stage, timeout=0.2)
    assert stored(sandbox, valid_stage["name"]) == []  # not yet: the client gave up first

    deadline = time.monotonic() + 10
    while not stored(sandbox, valid_stage["name"]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(stored(sandbox, valid_stage["name"])) == 1  # the late write still lands


def test_a_slow_request_that_outlives_a_reset_leaves_no_trace_after_it(sandbox, ruddr, valid_stage):
    """The next test on the same sandbox starts with a reset while a slow request of this one waits:
    the late POST must not store its stage in the next test's data, nor either request show in its log."""
    stage = sandbox.data()["ruddr"]["opportunity_stages"][0]
    sandbox.add_fault(path=RUDDR_STAGES, method="POST", kind="slow", delay=0.5)
    sandbox.add_fault(path=f"{RUDDR_STAGES}/*", method="PATCH", kind="slow", delay=0.5, serve_first=True)
    for method, path, body in (("POST", "/opportunity-stages", valid_stage),
                               ("PATCH", f"/opportunity-stages/{stage['id']}", {"name": "Renamed"})):
        with pytest.raises(requests.exceptions.ReadTimeout):
            ruddr.request(method, path, json=body, timeout=0.1)

    sandbox.reset()
    time.sleep(1.0)  # both delays are over

    assert sandbox.requests() == []
    assert stored(sandbox, valid_stage["name"]) == []
    assert ruddr.get(f"/opportunity-stages/{stage['id']}").json()["name"] == stage["name"]

def test_serve_first_works_on_any_method_and_path(sandbox, zendesk):
    sandbox.add_fault(path=zendesk_sell_stages.RESOURCE.path, status=500, serve_first=True)
    sandbox.add_mutation(path=zendesk_sell_stages.RESOURCE.path, after=0, action="delete")

    assert zendesk.get(zendesk_sell_stages.RESOURCE.path).status_code == 500

    assert sandbox.mutations()[0]["applied"] is True  # the request reached the data


def test_serve_first_from_the_command_line_with_a_method_before_the_path(sandbox_factory, valid_stage):
    sb = sandbox_factory(faults=[f"POST {RUDDR_STAGES},kind=drop,serve_first=true,times=1"])
    ruddr = ApiClient(sb.ruddr_base_url, DEFAULT_RUDDR_KEY)

    assert ruddr.get("/opportunity-stages").status_code == 200  # a GET does not match
    with pytest.raises(requests.exceptions.ConnectionError):
        ruddr.request("POST", "/opportunity-stages", json=valid_stage)
    assert ruddr.request("POST", "/opportunity-stages", json=valid_stage).status_code == 200

    assert len(stored(sb, valid_stage["name"])) == 2
    [listed] = sb.faults()
    assert (listed["method"], listed["path"], listed["serve_first"], listed["fired"]) == ("POST", RUDDR_STAGES,
                                                                                          True, 1)


def test_mangling_faults_always_serve_first(sandbox):
    sandbox.add_fault(path=RUDDR_STAGES, kind="truncated")
    sandbox.add_fault(path=RUDDR_STAGES, kind="malformed_json")

    assert [fault["serve_first"] for fault in sandbox.faults()] == [True, True]


@pytest.mark.parametrize("spec, message", [
    (f"{RUDDR_STAGES},kind=drop,serve_first=maybe", "serve_first"),
    (f"POST {RUDDR_STAGES},kind=drop,method=PATCH", "given twice"),
])
def test_a_bad_serve_first_spec_stops_the_start(sandbox_factory, spec, message):
    with pytest.raises(SandboxError, match=message):
        sandbox_factory(faults=[spec])


def test_a_non_boolean_serve_first_is_refused(sandbox):
    with pytest.raises(SandboxError, match="400"):
        sandbox.add_fault(path=RUDDR_STAGES, kind="drop", serve_first="yes")
