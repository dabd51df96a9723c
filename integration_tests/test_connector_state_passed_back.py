"""A runner that keeps state (PyAirbyte, airbyte-serverless, older Airbyte platforms) passes every
STATE the last read emitted back into the next read. Every change made between the two reads must
arrive, on both read paths (one stream: the CDK's read; several: concurrent_read.py): a finished
full refresh starts again from the beginning, while an interrupted one resumes from its page token.
The reads run in this process: what the runner passes back is a `--state` file all the same."""

import pytest

from sandbox.connectors import ALL_STREAMS, list_path, sandbox_config, sandbox_rows
from source_stages.providers import ZENDESK_SELL_PROVIDER
from stage_apis.ruddr.api import RUDDR
from stage_apis.ruddr.streams import RuddrOpportunityStages
from stage_apis.unified_stage import UNIFIED_STREAM
from stage_apis.zendesk_sell.api import ZENDESK_SELL
from stage_apis.zendesk_sell.streams import ZendeskSellStages
from test_support.catalogs import configured_catalog
from test_support.runs import run_connector

RUDDR_STAGES, ZS_STAGES = RuddrOpportunityStages.name, ZendeskSellStages.name
FINISHED = ({"__ab_full_refresh_sync_complete": True}, {"__ab_no_cursor_state_message": True})
# Pages of 5: a Ruddr read checkpoints a page token after each page before its final state, and the
# runner passes all of them back.
PAGE_SIZE = 5

READS = {
    "one stream": ([RUDDR_STAGES], []),
    # What PyAirbyte selects: every stream, incremental where the source offers it.
    "every stream": (list(ALL_STREAMS), [stream.name for stream in ZENDESK_SELL_PROVIDER.streams]),
}


def read(sandbox, streams, incremental, state=None):
    catalog = configured_catalog(streams, incremental)
    run = run_connector("read", sandbox_config(sandbox, page_size=PAGE_SIZE), catalog=catalog, state=state)
    assert run.exit_code == 0, run.output[-3000:]
    return run


def ids(records):
    return sorted(record["id"] for record in records)


@pytest.mark.parametrize("streams, incremental", READS.values(), ids=list(READS))
def test_every_change_arrives_when_every_state_is_passed_back(sandbox, streams, incremental) -> None:
    first = read(sandbox, streams, incremental)
    states = [message["state"] for message in first.of_type("STATE")]
    ruddr_states = [state["stream"]["stream_state"] for state in states
                    if state["stream"]["stream_descriptor"]["name"] == RUDDR_STAGES]
    assert len(ruddr_states) > 2 and "startingAfter" in ruddr_states[0]  # page tokens, then
    assert ruddr_states[-1] == {"__ab_full_refresh_sync_complete": True}  # the finished read's state

    ruddr_path = list_path(sandbox, RUDDR_STAGES)
    existing = sandbox_rows(sandbox.data(), RUDDR_STAGES)
    inserted = sandbox.change_data(ruddr_path, "insert", {"name": "Inserted between two reads"})
    renamed = sandbox.change_data(ruddr_path, "update", {"name": "Renamed between two reads"}, existing[0]["id"])
    sandbox.change_data(ruddr_path, "delete", id=existing[1]["id"])
    zendesk_inserted = sandbox.change_data(list_path(sandbox, ZS_STAGES), "insert", {"name": "Inserted in Zendesk Sell"})

    second = read(sandbox, streams, incremental, state=states)

    data = sandbox.data()
    records = second.records(RUDDR_STAGES)
    assert ids(records) == ids(sandbox_rows(data, RUDDR_STAGES))  # the insert arrived, the delete is gone, none lost
    assert {"id": renamed["id"], "name": renamed["name"]}.items() <= next(r for r in records if r["id"] == renamed["id"]).items()
    if ZS_STAGES in streams:
        assert zendesk_inserted["id"] in [record["id"] for record in second.records(ZS_STAGES)]
    if UNIFIED_STREAM in streams:
        unified = {(record["source"], record["id"]) for record in second.records(UNIFIED_STREAM)}
        assert {(RUDDR.key, inserted["id"]), (ZENDESK_SELL.key, str(zendesk_inserted["id"]))} <= unified
    # The finished states it was given did not stop any stream: each ends finished again.
    final = {state["stream"]["stream_descriptor"]["name"]: state["stream"]["stream_state"]
             for state in (message["state"] for message in second.of_type("STATE"))}
    assert all(final[name] in FINISHED for name in streams if name not in incremental)


@pytest.mark.parametrize("streams", [[RUDDR_STAGES], [RUDDR_STAGES, UNIFIED_STREAM]], ids=["one stream", "two streams"])
def test_an_interrupted_read_still_resumes_from_its_page_token(sandbox, streams) -> None:
    rows = sorted(sandbox_rows(sandbox.data(), RUDDR_STAGES), key=lambda row: (row["createdAt"], row["id"]), reverse=True)
    resume_after = rows[4]["id"]  # newest first: the page token after the fifth record
    state = [{"type": "STREAM", "stream": {"stream_descriptor": {"name": RUDDR_STAGES},
                                           "stream_state": {"startingAfter": resume_after}}}]

    run = read(sandbox, streams, [], state=state)

    assert [record["id"] for record in run.records(RUDDR_STAGES)] == [row["id"] for row in rows[5:]]
