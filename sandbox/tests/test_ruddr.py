"""The sandbox's Ruddr API, over plain HTTP: workspace, lists, cursors, single records, errors."""

import re
import uuid

import pytest

from sandbox.tests.http_clients import read_ruddr

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
STAGE_FIELDS = ["id", "name", "description", "probability", "statusId", "isActive", "opportunityPipelineId",
                "createdAt"]


def newest_first(rows):
    return sorted(rows, key=lambda row: (row["createdAt"], row["id"]), reverse=True)


@pytest.mark.parametrize("path", ["", "/"])
def test_workspace(ruddr, sandbox, path):
    response = ruddr.get(path)

    assert response.status_code == 200
    assert response.json() == sandbox.data()["ruddr"]["workspace"]
    assert set(response.json()) == {"id", "name"}
    uuid.UUID(response.json()["id"])


def test_stage_objects(ruddr):
    stages, _ = read_ruddr(ruddr, "/opportunity-stages", limit=100)
    pipelines = {p["id"] for p in read_ruddr(ruddr, "/opportunity-pipelines")[0]}

    assert len(stages) == 12
    for stage in stages:
        assert list(stage) == STAGE_FIELDS
        assert str(uuid.UUID(stage["id"])) == stage["id"] and uuid.UUID(stage["id"]).version == 4
        assert TIMESTAMP.match(stage["createdAt"])
        assert 0 <= stage["probability"] <= 1
        assert stage["statusId"] in ("open", "won", "lost")
        assert stage["opportunityPipelineId"] in pipelines
    assert any(stage["description"] is None for stage in stages)


def test_default_limit_is_10_newest_first(ruddr, sandbox):
    response = ruddr.get("/opportunity-stages")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert set(body) == {"results", "hasMore"}
    assert body["hasMore"] is True
    everything = sandbox.data()["ruddr"]["opportunity_stages"]
    assert body["results"] == newest_first(everything)[:10]


def test_equal_created_at_is_broken_by_id(ruddr):
    stages, _ = read_ruddr(ruddr, "/opportunity-stages", limit=100)
    won, lost = (next(s for s in stages if s["name"] == name) for name in ("Won", "Lost"))

    assert won["createdAt"] == lost["createdAt"]
    larger_id, smaller_id = sorted((won, lost), key=lambda stage: stage["id"], reverse=True)
    assert stages.index(larger_id) + 1 == stages.index(smaller_id)


@pytest.mark.parametrize("limit", [1, 3, 5, 10, 100])
def test_starting_after_walks_every_stage_once(ruddr, sandbox, limit):
    stages, pages = read_ruddr(ruddr, "/opportunity-stages", limit=limit)

    assert stages == newest_first(sandbox.data()["ruddr"]["opportunity_stages"])
    assert [p.json()["hasMore"] for p in pages] == [True] * (len(pages) - 1) + [False]
    assert all(len(p.json()["results"]) == limit for p in pages[:-1])


def test_ending_before_walks_backwards(ruddr):
    stages, _ = read_ruddr(ruddr, "/opportunity-stages", limit=100)

    before_last = ruddr.get("/opportunity-stages", params={"endingBefore": stages[-1]["id"], "limit": 4}).json()
    assert before_last == {"results": stages[-5:-1], "hasMore": True}
    before_third = ruddr.get("/opportunity-stages", params={"endingBefore": stages[2]["id"], "limit": 4}).json()
    assert before_third == {"results": stages[:2], "hasMore": False}


def test_name_filter_is_exact_and_pages_with_a_cursor(ruddr):
    assert [s["name"] for s in ruddr.get("/opportunity-stages", params={"name": "Won"}).json()["results"]] == ["Won"]
    assert ruddr.get("/opportunity-stages", params={"name": "won"}).json() == {"results": [], "hasMore": False}
    upsell = ruddr.get("/opportunity-stages", params={"name": "Upsell 💰"}).json()["results"]
    assert len(upsell) == 1 and upsell[0]["probability"] == 0.3333
    after = ruddr.get("/opportunity-stages", params={"name": "Won", "startingAfter": upsell[0]["id"]}).json()
    assert [s["name"] for s in after["results"]] == ["Won"]  # Upsell is newer than Won


@pytest.mark.parametrize("params, message", [
    ({"limit": 0}, "Parameter 'limit' must be an integer between 1 and 100."),
    ({"limit": 101}, "Parameter 'limit' must be an integer between 1 and 100."),
    ({"limit": "ten"}, "Parameter 'limit' must be an integer between 1 and 100."),
    ({"startingAfter": "not-a-uuid"}, "Parameter 'startingAfter' is not a valid UUID."),
    ({"endingBefore": "12345"}, "Parameter 'endingBefore' is not a valid UUID."),
    ({"startingAfter": str(uuid.uuid4()), "endingBefore": str(uuid.uuid4())},
     "Parameters 'startingAfter' and 'endingBefore' cannot be used together."),
    ({"startingAfter": "00000000-0000-4000-8000-000000000000"},
     "Parameter 'startingAfter' does not match an existing opportunity stage."),
])
def test_bad_list_parameters_are_400(ruddr, params, message):
    response = ruddr.get("/opportunity-stages", params=params)

    assert response.status_code == 400
    assert response.json() == {"status": 400, "message": message}


def test_get_one_stage(ruddr, sandbox):
    stage = sandbox.data()["ruddr"]["opportunity_stages"][3]

    assert ruddr.get(f"/opportunity-stages/{stage['id']}").json() == stage
    assert ruddr.get(f"/opportunity-stages/{stage['id'].upper()}").json() == stage
    missing = ruddr.get(f"/opportunity-stages/{uuid.uuid4()}")
    assert missing.status_code == 404
    assert missing.json()["status"] == 404 and "opportunity stage" in missing.json()["message"]
    malformed = ruddr.get("/opportunity-stages/42")
    assert malformed.status_code == 400
    assert malformed.json() == {"status": 400, "message": "Parameter 'id' is not a valid UUID."}


def test_pipelines(ruddr, sandbox):
    pipelines, _ = read_ruddr(ruddr, "/opportunity-pipelines")

    assert len(pipelines) == 3
    assert pipelines == newest_first(sandbox.data()["ruddr"]["opportunity_pipelines"])
    for pipeline in pipelines:
        assert list(pipeline) == ["id", "name", "description", "isActive", "createdAt"]
        assert TIMESTAMP.match(pipeline["createdAt"])
    assert ruddr.get(f"/opportunity-pipelines/{pipelines[1]['id']}").json() == pipelines[1]
    page = ruddr.get("/opportunity-pipelines", params={"limit": 1, "startingAfter": pipelines[0]["id"]}).json()
    assert page == {"results": [pipelines[1]], "hasMore": True}
    assert ruddr.get("/opportunity-pipelines", params={"name": "Sales"}).json()["results"][0]["name"] == "Sales"


@pytest.mark.parametrize("authorization", [None, "Bearer nope", "Basic c2FuZGJveA=="])
def test_a_missing_or_wrong_key_is_401(ruddr, authorization):
    ruddr.session.headers.pop("Authorization")
    headers = {"Authorization": authorization} if authorization else {}

    for path in ("", "/opportunity-stages", "/opportunity-pipelines"):
        response = ruddr.get(path, headers=headers)
        assert response.status_code == 401
        assert response.json() == {"status": 401, "message": "The provided bearer token is missing or invalid."}


def test_disabled_api_access_is_423(ruddr, sandbox):
    sandbox.set_ruddr_api_access(False)

    response = ruddr.get("/opportunity-stages")

    assert response.status_code == 423
    assert response.json() == {"status": 423,
                               "message": "API access is disabled, please contact support for assistance."}
    sandbox.reset()
    assert ruddr.get("/opportunity-stages").status_code == 200


def test_unknown_path_is_404_and_wrong_method_is_405(ruddr):
    missing = ruddr.get("/opportunities-stages")
    assert missing.status_code == 404
    assert missing.json()["status"] == 404

    wrong = ruddr.request("PUT", "/opportunity-stages", json={})
    assert wrong.status_code == 405
    assert wrong.json() == {"status": 405, "message": "Method not allowed."}
