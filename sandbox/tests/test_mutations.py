"""Data that changes while a client pages (inserts, deletes, stage updates, revoked tokens), and
data changed now from the control plane."""

import uuid

import pytest

from sandbox import SandboxError
from sandbox.resources import (ruddr_opportunity_pipelines, ruddr_opportunity_stages,
                                                 zendesk_sell_stages)

STAGES, RUDDR_STAGES = zendesk_sell_stages.RESOURCE.path, ruddr_opportunity_stages.RESOURCE.path
RUDDR_PIPELINES = ruddr_opportunity_pipelines.RESOURCE.path


def ids(response, envelope="zendesk"):
    if envelope == "zendesk":
        return [item["data"]["id"] for item in response.json()["items"]]
    return [row["id"] for row in response.json()["results"]]


def test_a_zendesk_insert_between_pages_repeats_a_record_on_the_next_page(sandbox, zendesk):
    sandbox.add_mutation(path=STAGES, after=1, action="insert", record={"id": 7, "name": "Inserted first"})

    first = ids(zendesk.get(STAGES, params={"per_page": 5}))
    second = ids(zendesk.get(STAGES, params={"per_page": 5, "page": 2}))

    assert 7 not in first
    assert second[0] == first[-1]  # everything moved down by one
    stages = sandbox.data()["zendesk_sell"]["stages"]
    assert stages[0]["id"] == 7 and stages[0]["name"] == "Inserted first"
    assert set(stages[0]) == set(stages[1])  # a complete record
    [mutation] = sandbox.mutations()
    assert (mutation["applied"], mutation["seen"], mutation["error"]) == (True, 2, None)


def test_a_zendesk_delete_between_pages_skips_a_record(sandbox, zendesk):
    before = [s["id"] for s in sandbox.data()["zendesk_sell"]["stages"]]
    sandbox.add_mutation(path=STAGES, after=1, action="delete")  # the first stage by id

    first = ids(zendesk.get(STAGES, params={"per_page": 5}))
    second = ids(zendesk.get(STAGES, params={"per_page": 5, "page": 2}))

    assert first == before[:5]
    assert second == before[6:11]  # before[5] moved onto page 1 and was never served
    assert before[0] not in [s["id"] for s in sandbox.data()["zendesk_sell"]["stages"]]


def test_a_ruddr_insert_between_pages_is_newest_so_later_pages_are_unaffected(sandbox, ruddr):
    before = [s["id"] for s in sandbox.data()["ruddr"]["opportunity_stages"]]
    sandbox.add_mutation(path=RUDDR_STAGES, after=1, action="insert", record={"name": "Brand new"})

    first = ruddr.get("/opportunity-stages", params={"limit": 5})
    second = ruddr.get("/opportunity-stages", params={"limit": 5, "startingAfter": ids(first, "ruddr")[-1]})

    assert ids(first, "ruddr") + ids(second, "ruddr") == before[:10]
    fresh = ruddr.get("/opportunity-stages", params={"limit": 1}).json()["results"][0]
    assert fresh["name"] == "Brand new" and fresh["id"] not in before


def test_a_ruddr_delete_of_the_cursor_record_is_a_detectable_400(sandbox, ruddr):
    first = ruddr.get("/opportunity-stages", params={"limit": 5})
    cursor = ids(first, "ruddr")[-1]
    sandbox.add_mutation(path=RUDDR_STAGES, after=0, action="delete", id=cursor)

    second = ruddr.get("/opportunity-stages", params={"limit": 5, "startingAfter": cursor})

    assert second.status_code == 400
    assert second.json() == {"status": 400,
                             "message": "Parameter 'startingAfter' does not match an existing opportunity stage."}


def test_a_ruddr_delete_of_an_unread_record_removes_it_from_the_next_page(sandbox, ruddr):
    before = [s["id"] for s in sandbox.data()["ruddr"]["opportunity_stages"]]
    sandbox.add_mutation(path=RUDDR_STAGES, after=1, action="delete", id=before[6])

    first = ids(ruddr.get("/opportunity-stages", params={"limit": 5}), "ruddr")
    second = ids(ruddr.get("/opportunity-stages", params={"limit": 5, "startingAfter": first[-1]}), "ruddr")

    assert second == before[5:6] + before[7:11]


def test_a_mutation_that_cannot_apply_is_reported(sandbox, zendesk):
    sandbox.add_mutation(path=STAGES, after=0, action="delete", id=12345)

    assert zendesk.get(STAGES).status_code == 200
    [mutation] = sandbox.mutations()
    assert mutation["applied"] is False and "12345" in mutation["error"]


@pytest.mark.parametrize("kwargs", [
    {"path": "/v2/deals", "action": "insert"},
    {"path": STAGES, "action": "truncate"},
    {"path": STAGES, "action": "update", "id": 9875401},
    {"path": RUDDR_STAGES, "action": "insert", "record": {"probability": 7}},
])
def test_a_bad_mutation_is_refused(sandbox, kwargs):
    with pytest.raises(SandboxError, match="400"):
        sandbox.add_mutation(**kwargs)


def test_reset_restores_the_data_and_drops_pending_mutations(sandbox, zendesk):
    before = sandbox.data()
    sandbox.add_mutation(path=STAGES, after=0, action="delete")
    sandbox.add_mutation(path=STAGES, after=5, action="delete")
    zendesk.get(STAGES)

    sandbox.reset()

    assert sandbox.data() == before
    assert sandbox.mutations() == []


def test_update_zendesk_stage_bumps_updated_at(sandbox, zendesk):
    original = zendesk.get(STAGES, params={"ids": "9875403"}).json()["items"][0]["data"]

    updated = sandbox.update_zendesk_stage(9875403, name="Quote (renamed)", likelihood=25)
    again = sandbox.update_zendesk_stage(9875403, position=4)

    served = zendesk.get(STAGES, params={"ids": "9875403"}).json()["items"][0]["data"]
    assert served == again
    assert (served["name"], served["likelihood"], served["position"]) == ("Quote (renamed)", 25, 4)
    assert original["updated_at"] < updated["updated_at"] < again["updated_at"]
    assert served["created_at"] == original["created_at"]


def test_update_zendesk_stage_mutation_between_pages(sandbox, zendesk):
    sandbox.add_mutation(path=STAGES, after=1, action="update", id=3000000005, record={"name": "Disqualified"})

    zendesk.get(STAGES, params={"per_page": 5})
    last = zendesk.get(STAGES, params={"per_page": 5, "page": 3}).json()["items"]

    assert [i["data"]["name"] for i in last if i["data"]["id"] == 3000000005] == ["Disqualified"]


def test_update_of_an_unknown_zendesk_stage_is_refused(sandbox):
    with pytest.raises(SandboxError, match="404"):
        sandbox.update_zendesk_stage(1, name="nobody")


def test_a_ruddr_pipeline_with_a_chosen_name_is_created_now(sandbox, ruddr, valid_stage):
    pipeline = sandbox.change_data(RUDDR_PIPELINES, "insert", {"name": "EMEA – “Partners”"})

    assert list(pipeline) == ["id", "name", "description", "isActive", "createdAt"]
    assert uuid.UUID(pipeline["id"]).version == 4
    assert (pipeline["name"], pipeline["description"], pipeline["isActive"]) == ("EMEA – “Partners”", None, True)
    assert ruddr.get("/opportunity-pipelines", params={"limit": 1}).json()["results"] == [pipeline]  # the newest
    assert ruddr.get(f"/opportunity-pipelines/{pipeline['id']}").json() == pipeline
    stage = {**valid_stage, "opportunityPipelineId": pipeline["id"]}
    created = ruddr.request("POST", "/opportunity-stages", json=stage)
    assert created.status_code == 200 and created.json()["opportunityPipelineId"] == pipeline["id"]
    assert ruddr.request("POST", "/opportunity-pipelines", json={"name": "EMEA"}).status_code == 405  # undocumented

    sandbox.reset()
    assert ruddr.get(f"/opportunity-pipelines/{pipeline['id']}").status_code == 404


def test_change_data_updates_and_deletes_now(sandbox, ruddr):
    chosen = str(uuid.uuid4())
    sandbox.change_data(RUDDR_PIPELINES, "insert", {"id": chosen, "name": "Chosen id", "isActive": False})
    renamed = sandbox.change_data(RUDDR_PIPELINES, "update", {"name": "Renamed"}, id=chosen)
    assert (renamed["id"], renamed["name"], renamed["isActive"]) == (chosen, "Renamed", False)
    assert ruddr.get(f"/opportunity-pipelines/{chosen}").json() == renamed

    stage = sandbox.data()["ruddr"]["opportunity_stages"][2]
    assert sandbox.change_data(RUDDR_STAGES, "delete", id=stage["id"]) == stage
    assert ruddr.get(f"/opportunity-stages/{stage['id']}").status_code == 404
    assert sandbox.mutations() == []  # a change now is not a scripted mutation


@pytest.mark.parametrize("kwargs, status", [
    ({"path": RUDDR_PIPELINES, "action": "update", "id": str(uuid.uuid4()), "record": {"name": "x"}}, "404"),
    ({"path": RUDDR_STAGES, "action": "delete", "id": "no-such-stage"}, "404"),
    ({"path": RUDDR_STAGES, "action": "insert", "record": {"statusId": "closed"}}, "400"),
    ({"path": RUDDR_STAGES, "action": "update", "id": None, "record": {"name": "x"}}, "400"),
    ({"path": "/api/workspace", "action": "insert"}, "400"),
    ({"path": STAGES, "action": "replace"}, "400"),
])
def test_a_bad_change_now_is_refused(sandbox, kwargs, status):
    before = sandbox.data()

    with pytest.raises(SandboxError, match=status):
        sandbox.change_data(**kwargs)

    assert sandbox.data() == before


def test_a_token_revoked_mid_read_is_refused(sandbox, zendesk, ruddr):
    assert zendesk.get(STAGES, params={"per_page": 5}).status_code == 200
    assert ruddr.get("/opportunity-stages").status_code == 200

    sandbox.set_token("zendesk_sell", "rotated-zendesk-token-abcdef0123")
    sandbox.set_token("ruddr", "rotated-ruddr-key-abcdef0123")

    assert zendesk.get(STAGES, params={"per_page": 5, "page": 2}).status_code == 401
    assert ruddr.get("/opportunity-stages").status_code == 401
    zendesk.session.headers["Authorization"] = "Bearer rotated-zendesk-token-abcdef0123"
    assert zendesk.get(STAGES).status_code == 200

    sandbox.reset()  # back to the tokens the process started with
    assert zendesk.get(STAGES).status_code == 401
    assert ruddr.get("/opportunity-stages").status_code == 200


def test_set_token_refuses_an_unknown_api(sandbox):
    with pytest.raises(SandboxError, match="400"):
        sandbox.set_token("hubspot", "x")
