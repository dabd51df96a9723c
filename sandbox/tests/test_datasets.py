"""The ``default`` and ``large:N`` datasets, as served over HTTP."""

import json
from datetime import datetime, timedelta

import pytest

from sandbox import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN, SandboxError
from sandbox.tests.http_clients import ApiClient, read_ruddr, read_zendesk


def clients(sb):
    return ApiClient(sb.zendesk_base_url, DEFAULT_ZENDESK_TOKEN), ApiClient(sb.ruddr_base_url, DEFAULT_RUDDR_KEY)


def test_default_dataset_is_awkward_but_legal(sandbox):
    data = sandbox.data()
    zendesk_stages, ruddr_stages = data["zendesk_sell"]["stages"], data["ruddr"]["opportunity_stages"]
    zendesk_names = [s["name"] for s in zendesk_stages]
    ruddr_text = [s["name"] for s in ruddr_stages] + [s["description"] or "" for s in ruddr_stages]

    assert any(s["id"] > 2**31 for s in zendesk_stages)
    assert any(s["pipeline_id"] > 2**31 for s in zendesk_stages)
    positions = sorted(s["position"] for s in zendesk_stages if s["pipeline_id"] == 1843215)
    assert positions != list(range(positions[0], positions[0] + len(positions)))  # gaps
    for texts in (zendesk_names, ruddr_text):
        assert any(not t.isascii() for t in texts)
        assert any("," in t for t in texts) and any('"' in t for t in texts) and any("\n" in t for t in texts)
    assert any(s["description"] is None for s in ruddr_stages)
    assert len(data["zendesk_sell"]["pipelines"]) >= 2
    assert len(data["ruddr"]["opportunity_pipelines"]) >= 2
    assert {s["statusId"] for s in ruddr_stages} == {"open", "won", "lost"}
    assert len({s["opportunityPipelineId"] for s in ruddr_stages}) == 3


def test_large_dataset_pages_through_every_record(sandbox_factory):
    sb = sandbox_factory(dataset="large:1234")
    zendesk, ruddr = clients(sb)

    stages = read_zendesk(zendesk, "/v2/stages", per_page=100)[0]
    assert len(stages) == 1234 == len({s["id"] for s in stages})
    assert [s["id"] for s in stages] == sorted(s["id"] for s in stages)
    assert all(s["likelihood"] is None for s in stages if s["category"] in ("won", "lost", "unqualified"))
    pipelines = read_zendesk(zendesk, "/v2/pipelines", per_page=100)[0]
    assert len(pipelines) == 124
    assert {s["pipeline_id"] for s in stages} == {p["id"] for p in pipelines}

    ruddr_stages = read_ruddr(ruddr, "/opportunity-stages", limit=100)[0]
    assert len(ruddr_stages) == 1234 == len({s["id"] for s in ruddr_stages})
    assert [s["createdAt"] for s in ruddr_stages] == sorted((s["createdAt"] for s in ruddr_stages), reverse=True)
    ruddr_pipelines = read_ruddr(ruddr, "/opportunity-pipelines", limit=100)[0]
    assert {s["opportunityPipelineId"] for s in ruddr_stages} == {p["id"] for p in ruddr_pipelines}
    for stage in ruddr_stages[::97]:
        assert ruddr.get(f"/opportunity-stages/{stage['id']}").json() == stage


def test_large_pages_match_the_same_records_served_through_filters(sandbox_factory):
    # Unfiltered pages of a large dataset are written from per-row JSON text; filtered ones
    # from parsed records. Both must give the same records.
    sb = sandbox_factory(dataset="large:500")
    zendesk, ruddr = clients(sb)

    page = [item["data"] for item in zendesk.get("/v2/stages", params={"per_page": 100, "page": 3}).json()["items"]]
    by_ids = zendesk.get("/v2/stages", params={"per_page": 100, "ids": ",".join(str(s["id"]) for s in page)})
    assert [item["data"] for item in by_ids.json()["items"]] == page
    for stage in page[::9]:
        [named] = zendesk.get("/v2/stages", params={"name": stage["name"]}).json()["items"]
        assert named["data"] == stage

    ruddr_page = ruddr.get("/opportunity-stages", params={"limit": 100}).json()["results"]
    for stage in ruddr_page[::9]:
        assert ruddr.get("/opportunity-stages", params={"name": stage["name"]}).json()["results"] == [stage]


def test_large_pages_are_the_bytes_json_dumps_would_write(sandbox_factory):
    # Large pages are filled in from byte templates, not json.dumps. Zendesk Sell page 13 crosses
    # midnight of created_at (and of updated_at); the Ruddr page after stage 1949 crosses stage
    # 2000, whose createdAt has no milliseconds.
    sb = sandbox_factory(dataset="large:2500")
    zendesk, ruddr = clients(sb)
    cursor = sb.data()["ruddr"]["opportunity_stages"][1949]["id"]

    zendesk_page = zendesk.get("/v2/stages", params={"per_page": 100, "page": 13})
    ruddr_page = ruddr.get("/opportunity-stages", params={"limit": 100, "startingAfter": cursor})
    for response in (zendesk_page, ruddr_page):
        assert response.content == json.dumps(response.json(), ensure_ascii=False, separators=(",", ":")).encode()

    stages = [item["data"] for item in zendesk_page.json()["items"]]
    created = [datetime.fromisoformat(stage["created_at"]) for stage in stages]
    assert len({stamp.date() for stamp in created}) == 2
    assert all(later - earlier == timedelta(minutes=1) for earlier, later in zip(created, created[1:]))
    assert all(datetime.fromisoformat(stage["updated_at"]) >= stamp for stage, stamp in zip(stages, created))
    ruddr_created = [stage["createdAt"] for stage in ruddr_page.json()["results"]]
    assert ruddr_created == sorted(ruddr_created, reverse=True) and len(set(ruddr_created)) == 100
    assert any(stamp.endswith(".000Z") for stamp in ruddr_created)


def test_large_dataset_is_deterministic(sandbox_factory):
    (zendesk_a, ruddr_a), (zendesk_b, ruddr_b) = (clients(sandbox_factory(dataset="large:300")) for _ in range(2))

    page = {"page": 2, "per_page": 100}
    assert zendesk_a.get("/v2/stages", params=page).json()["items"] == \
        zendesk_b.get("/v2/stages", params=page).json()["items"]
    assert ruddr_a.get("/opportunity-stages", params={"limit": 100}).json() == \
        ruddr_b.get("/opportunity-stages", params={"limit": 100}).json()


def test_a_million_stages_are_served_lazily(sandbox_factory):
    sb = sandbox_factory(dataset="large:1000000")
    zendesk, ruddr = clients(sb)

    last = zendesk.get("/v2/stages", params={"page": 10000, "per_page": 100}).json()
    assert len(last["items"]) == 100 and "next_page" not in last["meta"]["links"]
    assert last["items"][-1]["data"]["id"] == 3_000_000_000 + 3 * 999_999
    assert zendesk.get("/v2/stages", params={"page": 10001, "per_page": 100}).json()["items"] == []

    oldest_first_page = ruddr.get("/opportunity-stages", params={"limit": 100}).json()
    cursor = oldest_first_page["results"][-1]["id"]
    following = ruddr.get("/opportunity-stages", params={"limit": 100, "startingAfter": cursor}).json()
    assert following["hasMore"] is True
    assert following["results"][0]["createdAt"] < oldest_first_page["results"][-1]["createdAt"]
    assert ruddr.get("/opportunity-stages", params={"limit": 2, "endingBefore": cursor}).json()["results"] == \
        oldest_first_page["results"][97:99]


def test_an_unknown_dataset_stops_the_start(sandbox_factory):
    with pytest.raises(SandboxError, match="unknown dataset"):
        sandbox_factory(dataset="huge")
