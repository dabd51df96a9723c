"""The sandbox as a process: command line, credentials, request log, keep-alive, clean stop."""

import http.client
import json
import os
import signal
import subprocess
import sys
import urllib.request

import pytest

from sandbox import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN, SandboxError
from sandbox.handle import REPO_ROOT
from sandbox.resources import ruddr_opportunity_stages
from sandbox.tests.http_clients import ApiClient

RUDDR_STAGES = ruddr_opportunity_stages.RESOURCE.path


def test_the_documented_command_prints_its_url_and_stops_on_sigterm():
    process = subprocess.Popen([sys.executable, "-m", "sandbox", "--port", "0"],
                               cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True)
    try:
        first_line = process.stdout.readline()
        url = first_line.split("Sandbox listening on ")[1].split()[0]
        with urllib.request.urlopen(f"{url}/_sandbox/health", timeout=5) as response:
            assert json.load(response) == {"status": "ok", "dataset": "default"}
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=5) == 0
    finally:
        process.kill()
        process.stdout.close()


def test_bad_flags_exit_with_a_usage_message():
    result = subprocess.run([sys.executable, "-m", "sandbox", "--dataset", "large:many"],
                            cwd=REPO_ROOT, capture_output=True, text=True, timeout=30)

    assert result.returncode == 2
    assert "unknown dataset 'large:many'" in result.stderr


def test_handle_urls_and_clean_stop(sandbox_factory):
    sb = sandbox_factory()

    assert sb.url == f"http://127.0.0.1:{sb.port}"
    assert sb.zendesk_base_url == sb.url
    assert sb.ruddr_base_url == sb.url + "/api/workspace"
    sb.stop()
    assert sb.process.returncode == 0


def test_custom_credentials(sandbox_factory):
    sb = sandbox_factory(zendesk_token="custom-zendesk-token-0000000001", ruddr_key="custom-ruddr-key-0000000001")

    assert ApiClient(sb.zendesk_base_url, DEFAULT_ZENDESK_TOKEN).get("/v2/stages").status_code == 401
    assert ApiClient(sb.ruddr_base_url, DEFAULT_RUDDR_KEY).get("/opportunity-stages").status_code == 401
    assert ApiClient(sb.zendesk_base_url, "custom-zendesk-token-0000000001").get("/v2/stages").status_code == 200
    assert ApiClient(sb.ruddr_base_url, "custom-ruddr-key-0000000001").get("/opportunity-stages").status_code == 200


def test_request_log_records_method_path_raw_query_and_status(sandbox, zendesk, ruddr, valid_stage):
    zendesk.get("/v2/stages?sort_by=name%3Adesc%2Cid&per_page=5")
    ruddr.request("POST", "/opportunity-stages", json=valid_stage)
    ruddr.get("/opportunity-stages/nope")
    sandbox.data()  # control-plane calls are not logged

    entries = sandbox.requests()

    assert [{k: e[k] for k in ("method", "path", "query", "status")} for e in entries] == [
        {"method": "GET", "path": "/v2/stages", "query": "sort_by=name%3Adesc%2Cid&per_page=5", "status": 200},
        {"method": "POST", "path": "/api/workspace/opportunity-stages", "query": "", "status": 200},
        {"method": "GET", "path": "/api/workspace/opportunity-stages/nope", "query": "", "status": 400},
    ]
    assert entries[0]["time"] <= entries[1]["time"] <= entries[2]["time"]
    sandbox.clear_requests()
    assert sandbox.requests() == []


def test_request_log_file(sandbox_factory, tmp_path):
    log_file = tmp_path / "requests.jsonl"
    sb = sandbox_factory(request_log=log_file)
    client = ApiClient(sb.zendesk_base_url, DEFAULT_ZENDESK_TOKEN)

    client.get("/v2/stages", params={"page": 2})
    client.get("/v2/pipelines", headers={"Authorization": "Bearer wrong"})
    ApiClient(sb.ruddr_base_url, DEFAULT_RUDDR_KEY).request("POST", "/opportunity-stages", json={"name": "Ünï"})
    sb.stop()

    lines = [json.loads(line) for line in log_file.read_text().splitlines()]
    assert [(e["method"], e["path"], e["query"], e["status"], e["body"]) for e in lines] == [
        ("GET", "/v2/stages", "page=2", 200, None), ("GET", "/v2/pipelines", "", 401, None),
        ("POST", RUDDR_STAGES, "", 400, {"name": "Ünï"})]


def test_request_log_counts_writes_per_path_with_their_bodies(sandbox, ruddr, valid_stage):
    stage_id = ruddr.request("POST", "/opportunity-stages", json=valid_stage).json()["id"]
    ruddr.request("POST", "/opportunity-stages", data=b"not json", headers={"Content-Type": "application/json"})
    ruddr.request("PATCH", f"/opportunity-stages/{stage_id}", json={"probability": 0.2})
    ruddr.get("/opportunity-stages")

    posts = sandbox.requests(method="post", path=RUDDR_STAGES)
    assert [(e["status"], e["body"]) for e in posts] == [(200, valid_stage), (400, "not json")]
    [patch] = sandbox.requests(method="PATCH")
    assert (patch["path"], patch["status"], patch["body"]) == (f"{RUDDR_STAGES}/{stage_id}", 200, {"probability": 0.2})
    assert [(e["method"], e["body"]) for e in sandbox.requests(path=RUDDR_STAGES)] == [
        ("POST", valid_stage), ("POST", "not json"), ("GET", None)]


def test_request_log_filters_are_checked(sandbox):
    with pytest.raises(SandboxError, match="400"):
        sandbox._call("GET", "/requests?status=200")


def test_one_keep_alive_connection_serves_many_requests(sandbox):
    connection = http.client.HTTPConnection("127.0.0.1", sandbox.port, timeout=5)
    headers = {"Authorization": f"Bearer {DEFAULT_ZENDESK_TOKEN}"}
    try:
        connection.request("GET", "/v2/stages?per_page=100", headers=headers)
        connection.getresponse().read()
        sock = connection.sock
        for page in range(2, 12):
            connection.request("GET", f"/v2/stages?per_page=100&page={page}", headers=headers)
            response = connection.getresponse()
            response.read()
            assert response.status == 200 and not response.will_close
        assert connection.sock is sock
    finally:
        connection.close()


def test_links_use_the_host_the_client_called(sandbox):
    connection = http.client.HTTPConnection("127.0.0.1", sandbox.port, timeout=5)
    try:
        connection.request("GET", "/v2/stages?per_page=2", headers={
            "Authorization": f"Bearer {DEFAULT_ZENDESK_TOKEN}", "Host": f"localhost:{sandbox.port}"})
        links = json.loads(connection.getresponse().read())["meta"]["links"]
    finally:
        connection.close()
    assert links["next_page"] == f"http://localhost:{sandbox.port}/v2/stages?page=2&per_page=2"


def test_unknown_control_endpoint(sandbox):
    with pytest.raises(SandboxError, match="404"):
        sandbox._call("GET", "/nothing-here")


def test_start_reports_why_the_process_did_not_come_up(sandbox_factory, tmp_path):
    with pytest.raises(SandboxError, match="exited"):
        sandbox_factory(request_log=tmp_path / "missing-dir" / "log.jsonl")


@pytest.mark.skipif(not hasattr(os, "getpgid"), reason="POSIX only")
def test_stop_leaves_no_process_behind(sandbox_factory):
    sb = sandbox_factory()
    pid = sb.process.pid

    sb.stop()

    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
