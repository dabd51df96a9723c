"""Ruddr writes: POST/PATCH/DELETE /opportunity-stages with the create page's validation."""

import uuid

import pytest

BAD_REQUEST = "There was a problem processing your request. See errors for more details."


def test_create_sets_id_created_at_and_defaults(ruddr, valid_stage):
    response = ruddr.request("POST", "/opportunity-stages", json=valid_stage)

    assert response.status_code == 200
    stage = response.json()
    assert list(stage) == ["id", "name", "description", "probability", "statusId", "isActive",
                           "opportunityPipelineId", "createdAt"]
    assert uuid.UUID(stage["id"]).version == 4
    assert {k: stage[k] for k in valid_stage} == valid_stage
    assert stage["isActive"] is True and stage["description"] is None
    assert ruddr.get(f"/opportunity-stages/{stage['id']}").json() == stage
    assert ruddr.get("/opportunity-stages", params={"limit": 1}).json()["results"] == [stage]  # the newest


def test_create_ignores_client_supplied_id_and_created_at(ruddr, valid_stage):
    chosen = str(uuid.uuid4())
    stage = ruddr.request("POST", "/opportunity-stages",
                          json={**valid_stage, "id": chosen, "createdAt": "2001-01-01T00:00:00.000Z"}).json()

    assert stage["id"] != chosen
    assert stage["createdAt"] > "2020"


def test_create_accepts_the_limits_exactly(ruddr, valid_stage):
    body = {**valid_stage, "name": "n" * 255, "description": "d" * 5000, "probability": 0.1234, "isActive": False,
            "statusId": "won"}
    response = ruddr.request("POST", "/opportunity-stages", json=body)

    assert response.status_code == 200
    assert {k: response.json()[k] for k in body} == body
    for probability in (0, 1, 0.5, 1.0):
        assert ruddr.request("POST", "/opportunity-stages", json={**valid_stage, "probability": probability}).ok


def test_empty_strings_are_stored_as_null(ruddr, valid_stage):
    stage = ruddr.request("POST", "/opportunity-stages", json={**valid_stage, "description": ""}).json()
    assert stage["description"] is None


@pytest.mark.parametrize("change, error", [
    ({"name": None}, "'name' is required"),
    ({"name": ""}, "'name' is required"),
    ({"name": "n" * 256}, "'name' must be at most 255 characters"),
    ({"name": 7}, "'name' must be a string"),
    ({"probability": None}, "'probability' is required"),
    ({"probability": -0.01}, "'probability' must be between 0 and 1"),
    ({"probability": 1.0001}, "'probability' must be between 0 and 1"),
    ({"probability": 0.12345}, "'probability' must have at most 4 decimal places"),
    ({"probability": "0.5"}, "'probability' must be a number"),
    ({"probability": True}, "'probability' must be a number"),
    ({"statusId": "closed"}, "'statusId' must be one of: open, won, lost"),
    ({"statusId": None}, "'statusId' is required"),
    ({"opportunityPipelineId": None}, "'opportunityPipelineId' is required"),
    ({"opportunityPipelineId": "pipeline-1"}, "'opportunityPipelineId' must be a valid UUID"),
    ({"opportunityPipelineId": "7d3c1d0c-0000-4000-8000-000000000000"},
     "'opportunityPipelineId' does not match an existing opportunity pipeline"),
    ({"description": "d" * 5001}, "'description' must be at most 5000 characters"),
    ({"description": ["x"]}, "'description' must be a string"),
    ({"isActive": "yes"}, "'isActive' must be a boolean"),
])
def test_create_validation(ruddr, sandbox, valid_stage, change, error):
    body = {key: value for key, value in {**valid_stage, **change}.items() if not (value is None and key in change)}

    response = ruddr.request("POST", "/opportunity-stages", json=body)

    assert response.status_code == 400
    assert response.json() == {"status": 400, "message": BAD_REQUEST, "errors": [error]}
    assert len(sandbox.data()["ruddr"]["opportunity_stages"]) == 12


def test_create_reports_every_broken_rule(ruddr):
    response = ruddr.request("POST", "/opportunity-stages", json={"description": "d" * 5001, "statusId": "maybe"})

    assert response.status_code == 400
    assert response.json()["errors"] == [
        "'name' is required", "'probability' is required", "'statusId' must be one of: open, won, lost",
        "'opportunityPipelineId' is required", "'description' must be at most 5000 characters"]


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b"", b'{"probability": NaN}'])
def test_create_rejects_a_body_that_is_not_a_json_object(ruddr, raw):
    response = ruddr.request("POST", "/opportunity-stages", data=raw, headers={"Content-Type": "application/json"})

    assert response.status_code == 400
    assert response.json()["status"] == 400


def test_every_default_stage_passes_the_create_validation(ruddr, sandbox):
    for stage in sandbox.data()["ruddr"]["opportunity_stages"]:
        body = {key: stage[key] for key in ("name", "probability", "statusId", "opportunityPipelineId",
                                            "description", "isActive")}
        response = ruddr.request("POST", "/opportunity-stages", json=body)
        assert response.status_code == 200, (stage["name"], response.json())


def test_patch_changes_only_the_given_fields(ruddr, sandbox):
    stage = sandbox.data()["ruddr"]["opportunity_stages"][0]

    response = ruddr.request("PATCH", f"/opportunity-stages/{stage['id']}",
                             json={"probability": 0.6, "description": None})

    assert response.status_code == 200
    assert response.json() == {**stage, "probability": 0.6, "description": None}
    assert ruddr.get(f"/opportunity-stages/{stage['id']}").json() == response.json()


@pytest.mark.parametrize("change, error", [
    ({"name": None}, "'name' cannot be null"),
    ({"probability": 2}, "'probability' must be between 0 and 1"),
    ({"probability": 0.00001}, "'probability' must have at most 4 decimal places"),
    ({"statusId": "pending"}, "'statusId' must be one of: open, won, lost"),
    ({"opportunityPipelineId": str(uuid.UUID(int=5, version=4))},
     "'opportunityPipelineId' does not match an existing opportunity pipeline"),
    ({"isActive": None}, "'isActive' cannot be null"),
])
def test_patch_validation_leaves_the_stage_unchanged(ruddr, sandbox, change, error):
    stage = sandbox.data()["ruddr"]["opportunity_stages"][0]

    response = ruddr.request("PATCH", f"/opportunity-stages/{stage['id']}", json=change)

    assert response.status_code == 400
    assert response.json() == {"status": 400, "message": BAD_REQUEST, "errors": [error]}
    assert ruddr.get(f"/opportunity-stages/{stage['id']}").json() == stage


def test_patch_and_delete_of_unknown_or_malformed_ids(ruddr):
    unknown = str(uuid.uuid4())
    assert ruddr.request("PATCH", f"/opportunity-stages/{unknown}", json={"name": "x"}).status_code == 404
    assert ruddr.request("DELETE", f"/opportunity-stages/{unknown}").status_code == 404
    assert ruddr.request("DELETE", "/opportunity-stages/abc").json() == {
        "status": 400, "message": "Parameter 'id' is not a valid UUID."}


def test_delete(ruddr, sandbox):
    stage = sandbox.data()["ruddr"]["opportunity_stages"][4]

    response = ruddr.request("DELETE", f"/opportunity-stages/{stage['id']}")

    assert response.status_code == 204
    assert response.content == b""
    assert ruddr.get(f"/opportunity-stages/{stage['id']}").status_code == 404
    remaining = ruddr.get("/opportunity-stages", params={"limit": 100}).json()["results"]
    assert stage["id"] not in {s["id"] for s in remaining} and len(remaining) == 11


def test_reset_undoes_writes(ruddr, sandbox, valid_stage):
    before = sandbox.data()
    ruddr.request("POST", "/opportunity-stages", json=valid_stage)
    ruddr.request("DELETE", f"/opportunity-stages/{before['ruddr']['opportunity_stages'][0]['id']}")

    sandbox.reset()

    assert sandbox.data() == before
