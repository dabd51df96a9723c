"""read, as a real process against the sandbox: every record exactly as the API holds it, valid
against the discovered schema, with the minimum number of list requests, and filters, sort and
pages exactly as configured."""

import math
from urllib.parse import parse_qs

import jsonschema
import pytest

from integration_tests.connector_process import STREAMS, run_source_stages, sandbox_config

DATA_KEYS = {
    "zendesk_sell_stages": ("zendesk_sell", "stages"),
    "zendesk_sell_pipelines": ("zendesk_sell", "pipelines"),
    "ruddr_opportunity_stages": ("ruddr", "opportunity_stages"),
    "ruddr_opportunity_pipelines": ("ruddr", "opportunity_pipelines"),
}
LIST_PATHS = {
    "zendesk_sell_stages": "/v2/stages",
    "zendesk_sell_pipelines": "/v2/pipelines",
    "ruddr_opportunity_stages": "/api/workspace/opportunity-stages",
    "ruddr_opportunity_pipelines": "/api/workspace/opportunity-pipelines",
}


def sandbox_rows(sb, stream: str) -> list:
    provider, table = DATA_KEYS[stream]
    return sb.data()[provider][table]


def list_requests(sb, stream: str) -> list:
    return [r for r in sb.requests() if r["path"] == LIST_PATHS[stream]]


def assert_same_records(emitted: list, expected: list) -> None:
    """Equal as sets by primary key, field by field; the CDK drops null-valued keys, so an
    absent key stands for null."""
    by_id = {record["id"]: record for record in emitted}
    assert len(by_id) == len(emitted), "a record was emitted twice"
    assert set(by_id) == {row["id"] for row in expected}
    for row in expected:
        record = by_id[row["id"]]
        assert set(record) <= set(row), f"unexpected fields {set(record) - set(row)}"
        assert {name: record.get(name) for name in row} == row


def test_a_full_read_emits_every_record_as_the_api_holds_it_and_valid_against_its_schema(sandbox) -> None:
    config = sandbox_config(sandbox)
    schemas = {s["name"]: s["json_schema"] for s in run_source_stages("discover", config).catalog["streams"]}

    run = run_source_stages("read", config, streams=STREAMS)

    assert run.exit_code == 0, run.stderr
    assert run.error_traces == []
    for stream in STREAMS:
        records = run.records(stream)
        assert_same_records(records, sandbox_rows(sandbox, stream))
        validator = jsonschema.Draft7Validator(schemas[stream], format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
        for record in records:
            validator.validate(record)
        assert len(list_requests(sandbox, stream)) == 1  # every default-dataset list fits one page of 100


@pytest.mark.parametrize("stream", STREAMS)
def test_small_pages_take_ceil_n_over_page_size_requests_and_only_the_page_changes(sandbox, stream: str) -> None:
    page_size = 5
    filters = {
        "zendesk_sell_stages": {"zendesk_sell": {"stages": {"active": True, "sort_by": ["position:desc"]}}},
        "zendesk_sell_pipelines": {"zendesk_sell": {"pipelines": {"sort_by": ["id:desc"]}}},
        "ruddr_opportunity_stages": {},
        "ruddr_opportunity_pipelines": {},
    }[stream]
    config = sandbox_config(sandbox, page_size=page_size, **filters)

    run = run_source_stages("read", config, streams=[stream])

    records = run.records(stream)
    requests = list_requests(sandbox, stream)
    assert run.exit_code == 0 and records
    assert len(requests) == math.ceil(len(records) / page_size)
    queries = [{k: v for k, v in parse_qs(r["query"]).items()} for r in requests]
    if stream.startswith("zendesk_sell"):
        assert [q.pop("page") for q in queries] == [[str(n)] for n in range(1, len(requests) + 1)]
    else:
        cursors = [q.pop("startingAfter", None) for q in queries]
        assert cursors == [None] + [[records[page_size * n - 1]["id"]] for n in range(1, len(requests))]
    assert all(query == queries[0] for query in queries), "a later page changed more than the page or cursor"


def test_zendesk_sell_filters_and_sort_are_the_apis(sandbox) -> None:
    rows = sandbox_rows(sandbox, "zendesk_sell_stages")
    pipeline_id = rows[0]["pipeline_id"]
    config = sandbox_config(
        sandbox, ruddr=False, page_size=2,
        zendesk_sell={"stages": {"pipeline_id": pipeline_id, "active": True, "sort_by": ["likelihood:desc"]}},
    )

    run = run_source_stages("read", config, streams=["zendesk_sell_stages"])

    expected = [r for r in rows if r["pipeline_id"] == pipeline_id and r["active"]]
    expected.sort(key=lambda r: (-(r["likelihood"] or 0), r["id"]))
    assert [r["id"] for r in run.records()] == [r["id"] for r in expected]
    queries = [parse_qs(r["query"]) for r in list_requests(sandbox, "zendesk_sell_stages")]
    assert len(queries) == math.ceil(len(expected) / 2)
    for page, query in enumerate(queries, 1):
        assert query == {
            "pipeline_id": [str(pipeline_id)], "active": ["true"], "sort_by": ["likelihood:desc,id"],
            "per_page": ["2"], "page": [str(page)],
        }


def test_ruddr_client_side_filters_keep_exactly_the_matching_records(sandbox) -> None:
    rows = sandbox_rows(sandbox, "ruddr_opportunity_stages")
    pipeline_id = rows[0]["opportunityPipelineId"]
    config = sandbox_config(
        sandbox, zendesk_sell=False, page_size=3,
        ruddr={"opportunity_stages": {"opportunity_pipeline_id": pipeline_id, "status_id": "open", "is_active": True}},
    )

    run = run_source_stages("read", config, streams=["ruddr_opportunity_stages"])

    expected = [r for r in rows if r["opportunityPipelineId"] == pipeline_id and r["statusId"] == "open" and r["isActive"]]
    assert expected and len(expected) < len(rows)
    assert_same_records(run.records(), expected)
    requests = list_requests(sandbox, "ruddr_opportunity_stages")
    assert len(requests) == math.ceil(len(rows) / 3)  # the filters are the connector's: every page is read
    assert all("opportunityPipelineId" not in r["query"] and "statusId" not in r["query"] for r in requests)


def test_ruddr_name_filter_is_sent_to_the_api(sandbox) -> None:
    name = sandbox_rows(sandbox, "ruddr_opportunity_pipelines")[0]["name"]
    config = sandbox_config(sandbox, zendesk_sell=False, ruddr={"opportunity_pipelines": {"name": name}})

    run = run_source_stages("read", config, streams=["ruddr_opportunity_pipelines"])

    assert [r["name"] for r in run.records()] == [name]
    (request,) = list_requests(sandbox, "ruddr_opportunity_pipelines")
    assert parse_qs(request["query"]) == {"limit": ["100"], "name": [name]}


def test_an_empty_account_takes_one_request_per_stream(sandbox_factory) -> None:
    sb = sandbox_factory(dataset="large:0")

    run = run_source_stages("read", sandbox_config(sb), streams=STREAMS)

    assert run.exit_code == 0 and run.records() == []
    for stream in STREAMS:
        assert len(list_requests(sb, stream)) == 1


def test_several_full_pages_take_exactly_ceil_n_over_100_requests(sandbox_factory) -> None:
    sb = sandbox_factory(dataset="large:250")

    run = run_source_stages("read", sandbox_config(sb), streams=STREAMS)

    assert run.exit_code == 0
    for stream in STREAMS:
        rows = sandbox_rows(sb, stream)
        assert_same_records(run.records(stream), rows)
        assert len(list_requests(sb, stream)) == max(1, math.ceil(len(rows) / 100))
