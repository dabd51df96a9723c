"""The sandbox's Zendesk Sell API, over plain HTTP: lists, parameters, envelope, errors."""

import uuid
from urllib.parse import parse_qs, urlsplit

import pytest

from sandbox.tests.http_clients import read_zendesk

ERRORS_DOC = "https://developer.zendesk.com/api-reference/sales-crm/errors/"
SALES_PIPELINE = 1843215

# The documented default pipeline: name, category, active, position, likelihood.
DOCUMENTED_DEFAULT_STAGES = [
    ("Prospecting", "incoming", True, 1, 5),
    ("Qualified", "in_progress", True, 2, 10),
    ("Quote", "in_progress", True, 3, 20),
    ("Closure", "in_progress", True, 7, 50),
    ("Won", "won", False, 8, None),
    ("Lost", "lost", False, 9, None),
    ("Unqualified", "unqualified", False, 10, None),
]


def records(response):
    return [item["data"] for item in response.json()["items"]]


def assert_invalid_param(response, fragment):
    assert response.status_code == 400
    body = response.json()
    error = body["errors"][0]["error"]
    assert error["code"] == "invalid_param"
    assert fragment in error["details"]
    assert body["meta"] == {"type": "errors", "http_status": "400 Bad Request",
                            "logref": response.headers["X-Request-Id"], "links": {"more_info": ERRORS_DOC}}


def test_the_documented_default_pipeline_is_served(zendesk):
    response = zendesk.get("/v2/stages", params={"pipeline_id": SALES_PIPELINE})

    assert response.status_code == 200
    got = [(s["name"], s["category"], s["active"], s["position"], s["likelihood"]) for s in records(response)]
    assert got == DOCUMENTED_DEFAULT_STAGES


def test_stage_objects_carry_documented_and_undocumented_fields(zendesk):
    stages = records(zendesk.get("/v2/stages", params={"per_page": 100}))

    for stage in stages:
        assert set(stage) == {"id", "name", "category", "active", "position", "likelihood", "pipeline_id",
                              "created_at", "updated_at", "locale_key", "position_hash", "has_original_name"}
        assert isinstance(stage["id"], int) and isinstance(stage["position"], int)
        assert isinstance(stage["has_original_name"], bool) and isinstance(stage["position_hash"], str)
        assert stage["created_at"].endswith("Z") and len(stage["created_at"]) == 20
        if stage["category"] in ("won", "lost", "unqualified"):
            assert stage["likelihood"] is None
        else:
            assert isinstance(stage["likelihood"], int)


def test_envelope_and_headers(zendesk, sandbox):
    response = zendesk.get("/v2/stages", params={"per_page": 5})

    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    uuid.UUID(response.headers["X-Request-Id"])
    body = response.json()
    assert [item["meta"] for item in body["items"]] == [{"type": "stage"}] * 5
    assert body["meta"]["type"] == "collection"
    assert body["meta"]["count"] == 5
    assert body["meta"]["links"] == {
        "self": f"{sandbox.url}/v2/stages?page=1&per_page=5",
        "first_page": f"{sandbox.url}/v2/stages?page=1&per_page=5",
        "next_page": f"{sandbox.url}/v2/stages?page=2&per_page=5",
    }


def test_request_ids_differ_per_response(zendesk):
    ids = {zendesk.get("/v2/stages").headers["X-Request-Id"] for _ in range(3)}
    assert len(ids) == 3


def test_default_page_size_is_25_and_default_order_is_id_ascending(zendesk, sandbox):
    response = zendesk.get("/v2/stages")

    stages = records(response)
    assert len(stages) == len(sandbox.data()["zendesk_sell"]["stages"]) == 16  # all fit in 25
    assert [s["id"] for s in stages] == sorted(s["id"] for s in stages)
    assert set(response.json()["meta"]["links"]) == {"self", "first_page"}


def test_following_next_page_reads_every_stage_once(zendesk, sandbox):
    stages, responses = read_zendesk(zendesk, "/v2/stages", per_page=5)

    assert [len(records(r)) for r in responses] == [5, 5, 5, 1]
    assert [r.json()["meta"]["count"] for r in responses] == [5, 5, 5, 1]
    assert stages == sandbox.data()["zendesk_sell"]["stages"]
    page_two_links = responses[1].json()["meta"]["links"]
    assert page_two_links["prev_page"] == f"{sandbox.url}/v2/stages?page=1&per_page=5"
    assert "next_page" not in responses[-1].json()["meta"]["links"]


def test_a_full_last_page_has_no_next_page(zendesk):
    response = zendesk.get("/v2/stages", params={"per_page": 8, "page": 2})

    assert len(records(response)) == 8
    assert "next_page" not in response.json()["meta"]["links"]


def test_a_page_past_the_end_is_empty(zendesk, sandbox):
    response = zendesk.get("/v2/stages", params={"per_page": 100, "page": 7})

    assert response.status_code == 200
    assert response.json()["items"] == []
    assert response.json()["meta"]["count"] == 0
    links = response.json()["meta"]["links"]
    assert "next_page" not in links
    assert links["prev_page"] == f"{sandbox.url}/v2/stages?page=6&per_page=100"


def test_links_repeat_the_other_parameters(zendesk, sandbox):
    response = zendesk.get("/v2/stages?sort_by=position%3Adesc%2Cid&active=true&per_page=2&page=1")

    next_page = response.json()["meta"]["links"]["next_page"]
    assert next_page == f"{sandbox.url}/v2/stages?sort_by=position%3Adesc%2Cid&active=true&page=2&per_page=2"
    query = parse_qs(urlsplit(next_page).query)
    assert query == {"sort_by": ["position:desc,id"], "active": ["true"], "page": ["2"], "per_page": ["2"]}


@pytest.mark.parametrize("params, fragment", [
    ({"per_page": 101}, "'per_page'"),
    ({"per_page": 0}, "'per_page'"),
    ({"per_page": "ten"}, "'per_page'"),
    ({"page": 0}, "'page'"),
    ({"page": "x"}, "'page'"),
    ({"sort_by": "updated_at"}, "'sort_by'"),
    ({"sort_by": "id:sideways"}, "'sort_by'"),
    ({"sort_by": "name,"}, "'sort_by'"),
    ({"active": "yes"}, "'active'"),
    ({"ids": "1,two"}, "'ids'"),
    ({"pipeline_id": "sales"}, "'pipeline_id'"),
])
def test_bad_stage_parameters_are_invalid_param(zendesk, params, fragment):
    assert_invalid_param(zendesk.get("/v2/stages", params=params), fragment)


@pytest.mark.parametrize("params, fragment", [
    ({"sort_by": "position"}, "'sort_by'"),
    ({"disabled": "0"}, "'disabled'"),
    ({"per_page": 1000}, "'per_page'"),
])
def test_bad_pipeline_parameters_are_invalid_param(zendesk, params, fragment):
    assert_invalid_param(zendesk.get("/v2/pipelines", params=params), fragment)


def test_filters(zendesk):
    def names(**params):
        return [s["name"] for s in records(zendesk.get("/v2/stages", params={"per_page": 100, **params}))]

    assert names(ids="9875405,9875401,3000000005,77") == ["Prospecting", "Won", "Unqualified"]
    assert names(name="Unqualified") == ["Unqualified", "Unqualified"]
    assert names(name="unqualified") == []
    assert names(pipeline_id=SALES_PIPELINE, active="false") == ["Won", "Lost", "Unqualified"]
    assert len(names(active="true")) == 10
    assert names(pipeline_id=1) == []


def test_sorting(zendesk):
    def names(sort_by, **params):
        response = zendesk.get("/v2/stages", params={"per_page": 100, "sort_by": sort_by, **params})
        assert response.status_code == 200
        return [s["name"] for s in records(response)]

    sales = {"pipeline_id": SALES_PIPELINE}
    assert names("position:desc", **sales) == [
        "Unqualified", "Lost", "Won", "Closure", "Quote", "Qualified", "Prospecting"]
    # Nulls last ascending, first descending; ties keep id ascending.
    assert names("likelihood", **sales) == [
        "Prospecting", "Qualified", "Quote", "Closure", "Won", "Lost", "Unqualified"]
    assert names("likelihood:desc", **sales) == [
        "Won", "Lost", "Unqualified", "Closure", "Quote", "Qualified", "Prospecting"]
    assert names("category:asc,position:desc", **sales) == [
        "Closure", "Quote", "Qualified", "Prospecting", "Lost", "Unqualified", "Won"]
    by_pipeline = records(zendesk.get("/v2/stages", params={"per_page": 100, "sort_by": "pipeline_id:desc,position"}))
    keys = [(s["pipeline_id"], s["position"]) for s in by_pipeline]
    assert keys == sorted(keys, key=lambda k: (-k[0], k[1]))


def test_pipelines(zendesk):
    response = zendesk.get("/v2/pipelines")

    assert response.status_code == 200
    assert [item["meta"] for item in response.json()["items"]] == [{"type": "pipeline"}] * 3
    pipelines = records(response)
    assert [p["id"] for p in pipelines] == [1843215, 3000000017, 4294967311]
    for pipeline in pipelines:
        assert set(pipeline) == {"id", "name", "disabled", "created_at", "updated_at", "locale_key"}
    assert [p["id"] for p in records(zendesk.get("/v2/pipelines", params={"disabled": "true"}))] == [4294967311]
    assert [p["name"] for p in records(zendesk.get("/v2/pipelines", params={"sort_by": "name:desc"}))] == [
        "Sales Pipeline", 'Partners, "EMEA" & Zürich — 2nd', "Archived\nold deals"]
    assert [p["id"] for p in records(zendesk.get("/v2/pipelines", params={"ids": "3000000017", "per_page": 1}))] == [
        3000000017]
    assert [p["id"] for p in records(zendesk.get("/v2/pipelines", params={"name": "Sales Pipeline"}))] == [1843215]


@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token", "Token sandbox-zendesk-sell-token-7f3a9c2e5b",
                                           "Bearer "])
def test_a_missing_or_wrong_token_is_401(zendesk, authorization):
    headers = {"Authorization": authorization} if authorization is not None else {}
    zendesk.session.headers.pop("Authorization")

    response = zendesk.get("/v2/stages", headers=headers)

    assert response.status_code == 401
    body = response.json()
    assert body["errors"][0]["error"] == {
        "code": "unauthorized", "message": "Unauthorized",
        "details": "Required access token is missing, malformed, expired, or invalid."}
    assert body["errors"][0]["meta"]["type"] == "error"
    assert body["meta"]["http_status"] == "401 Unauthorized"
    assert body["meta"]["logref"] == response.headers["X-Request-Id"]


def test_unknown_path_is_404_and_wrong_method_is_405(zendesk):
    missing = zendesk.get("/v2/deals")
    assert missing.status_code == 404
    assert missing.json()["errors"][0]["error"]["code"] == "not_found"
    assert missing.json()["errors"][0]["error"]["details"] == "Requested path was not found."

    wrong_method = zendesk.request("POST", "/v2/stages", json={"data": {}})
    assert wrong_method.status_code == 405
    assert wrong_method.json()["meta"]["http_status"] == "405 Method Not Allowed"


@pytest.mark.parametrize("accept, status", [
    ("text/xml", 406), ("text/html, application/xml;q=0.9", 406),
    ("application/json", 200), ("*/*", 200), ("application/json; charset=utf-8", 200), ("text/html, */*;q=0.1", 200),
])
def test_accept_header(zendesk, accept, status):
    response = zendesk.get("/v2/stages", headers={"Accept": accept})

    assert response.status_code == status
    if status == 406:
        assert response.json()["errors"][0]["error"]["code"] == "not_acceptable"
        assert response.json()["meta"]["http_status"] == "406 Not Acceptable"


def test_unknown_parameters_are_ignored(zendesk, ruddr):
    assert zendesk.get("/v2/stages", params={"per_page": 3, "include": "everything"}).json()["meta"]["count"] == 3
    assert len(ruddr.get("/opportunity-stages", params={"limit": 3, "sort": "name"}).json()["results"]) == 3


def test_ids_above_two_to_the_31_survive_the_wire(zendesk):
    stages = records(zendesk.get("/v2/stages", params={"ids": "2147483648,4294967297"}))

    assert [s["id"] for s in stages] == [2147483648, 4294967297]
    assert stages[1]["pipeline_id"] == 4294967311
