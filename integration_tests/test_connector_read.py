"""read against the sandbox: every record exactly as the API holds it, valid against the discovered
schema (the console script as a real process), with the minimum number of list requests, and
filters, sort and pages exactly as configured (in this process: only the messages and the
sandbox's request log count)."""

import math
from urllib.parse import parse_qs

import jsonschema
import pytest

from sandbox.connectors import RAW_STREAMS, list_path, sandbox_config, sandbox_rows
from test_support.runs import CONSOLE_SCRIPT, run_connector
from test_support.streams import schema_file


def list_requests(sb, stream: str) -> list:
    return [r for r in sb.requests() if r["path"] == list_path(sb, stream)]


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


@pytest.mark.every_python
def test_a_full_read_emits_every_record_as_the_api_holds_it_and_valid_against_its_schema(sandbox) -> None:
    run = run_connector("read", sandbox_config(sandbox), streams=RAW_STREAMS, launcher=CONSOLE_SCRIPT)

    assert run.exit_code == 0, run.stderr
    assert run.error_traces == []
    for stream in RAW_STREAMS:
        records = run.records(stream)
        assert_same_records(records, sandbox_rows(sandbox.data(), stream))
        schema = schema_file(stream)  # what discover announces
        validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
        for record in records:
            validator.validate(record)
        assert len(list_requests(sandbox, stream)) == 1  # every default-dataset list fits one page of 100


def test_small_pages_take_ceil_n_over_page_size_requests_and_only_the_page_changes(sandbox) -> None:
    page_size = 5
    config = sandbox_config(
        sandbox, page_size=page_size,
        zendesk_sell={"stages": {"active": True, "sort_by": ["position:desc"]}, "pipelines": {"sort_by": ["id:desc"]}},
    )

    run = run_connector("read", config, streams=RAW_STREAMS)

    assert run.exit_code == 0, run.stderr
    for stream in RAW_STREAMS:
        records = run.records(stream)
        requests = list_requests(sandbox, stream)
        assert records and len(requests) == math.ceil(len(records) / page_size), stream
        queries = [parse_qs(r["query"]) for r in requests]
        if stream.startswith("zendesk_sell"):
            assert [q.pop("page") for q in queries] == [[str(n)] for n in range(1, len(requests) + 1)]
        else:
            cursors = [q.pop("startingAfter", None) for q in queries]
            assert cursors == [None] + [[records[page_size * n - 1]["id"]] for n in range(1, len(requests))]
        assert all(query == queries[0] for query in queries), f"{stream}: a later page changed more than the page or cursor"


def test_filters_and_sort_server_side_and_connector_side(sandbox) -> None:
    zendesk_stages = sandbox_rows(sandbox.data(), "zendesk_sell_stages")
    ruddr_stages = sandbox_rows(sandbox.data(), "ruddr_opportunity_stages")
    ruddr_pipeline = sandbox_rows(sandbox.data(), "ruddr_opportunity_pipelines")[0]
    zendesk_pipeline_id = zendesk_stages[0]["pipeline_id"]
    ruddr_pipeline_id = ruddr_stages[0]["opportunityPipelineId"]
    config = sandbox_config(
        sandbox, page_size=2,
        zendesk_sell={"stages": {"pipeline_id": zendesk_pipeline_id, "active": True, "sort_by": ["likelihood:desc"]}},
        ruddr={
            "opportunity_stages": {"opportunity_pipeline_id": ruddr_pipeline_id, "status_id": "open", "is_active": True},
            "opportunity_pipelines": {"name": ruddr_pipeline["name"]},
        },
    )

    run = run_connector("read", config, streams=["zendesk_sell_stages", "ruddr_opportunity_stages", "ruddr_opportunity_pipelines"])

    # Zendesk Sell filters and sorts on the server: every page asks for exactly that.
    expected = [r for r in zendesk_stages if r["pipeline_id"] == zendesk_pipeline_id and r["active"]]
    expected.sort(key=lambda r: (-(r["likelihood"] or 0), r["id"]))
    assert [r["id"] for r in run.records("zendesk_sell_stages")] == [r["id"] for r in expected]
    queries = [parse_qs(r["query"]) for r in list_requests(sandbox, "zendesk_sell_stages")]
    assert len(queries) == math.ceil(len(expected) / 2)
    for page, query in enumerate(queries, 1):
        assert query == {
            "pipeline_id": [str(zendesk_pipeline_id)], "active": ["true"], "sort_by": ["likelihood:desc,id"],
            "per_page": ["2"], "page": [str(page)],
        }
    # Ruddr's stage filters are the connector's: every page is read, only the matches are emitted.
    matching = [r for r in ruddr_stages if r["opportunityPipelineId"] == ruddr_pipeline_id and r["statusId"] == "open" and r["isActive"]]
    assert matching and len(matching) < len(ruddr_stages)
    assert_same_records(run.records("ruddr_opportunity_stages"), matching)
    stage_requests = list_requests(sandbox, "ruddr_opportunity_stages")
    assert len(stage_requests) == math.ceil(len(ruddr_stages) / 2)
    assert all("opportunityPipelineId" not in r["query"] and "statusId" not in r["query"] for r in stage_requests)
    # Ruddr's name filter is the API's.
    assert [r["id"] for r in run.records("ruddr_opportunity_pipelines")] == [ruddr_pipeline["id"]]
    (pipeline_request,) = list_requests(sandbox, "ruddr_opportunity_pipelines")
    assert parse_qs(pipeline_request["query"]) == {"limit": ["2"], "name": [ruddr_pipeline["name"]]}


def test_an_empty_account_takes_one_request_per_stream(sandbox_factory) -> None:
    sb = sandbox_factory(dataset="large:0")

    run = run_connector("read", sandbox_config(sb), streams=RAW_STREAMS)

    assert run.exit_code == 0 and run.records() == []
    for stream in RAW_STREAMS:
        assert len(list_requests(sb, stream)) == 1


def test_several_full_pages_take_exactly_ceil_n_over_100_requests(sandbox_factory) -> None:
    sb = sandbox_factory(dataset="large:250")

    run = run_connector("read", sandbox_config(sb), streams=RAW_STREAMS)

    assert run.exit_code == 0
    for stream in RAW_STREAMS:
        rows = sandbox_rows(sb.data(), stream)
        assert_same_records(run.records(stream), rows)
        assert len(list_requests(sb, stream)) == max(1, math.ceil(len(rows) / 100))


def test_a_failed_stream_does_not_stop_the_others(sandbox) -> None:
    failing, *others = RAW_STREAMS
    sandbox.add_fault(path=list_path(sandbox, failing), status=403, times=None)

    run = run_connector("read", sandbox_config(sandbox), streams=RAW_STREAMS)

    assert run.exit_code == 1
    for stream in others:
        assert_same_records(run.records(stream), sandbox_rows(sandbox.data(), stream))
    assert run.records(failing) == []
    *stream_errors, summary = run.error_traces
    assert [(error["stream_descriptor"]["name"], error["failure_type"]) for error in stream_errors] == [
        (failing, "config_error")
    ]
    assert "refused access (HTTP 403)" in stream_errors[0]["message"]
    assert summary["failure_type"] == "config_error" and failing in summary["message"]
    assert "did not sync successfully" in summary["message"]
