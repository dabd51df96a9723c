"""A runner that keeps state passes STATE back into the next read: PyAirbyte, airbyte-serverless
and older Airbyte platforms pass every STATE the last read emitted, others exactly the last STATE of
each stream. Three reads, with a stage inserted, one renamed and one deleted on each API before the
second and the third: every change must arrive in every stream that can carry it, on both read
paths (one stream: the CDK's read; several: concurrent_read.py). A finished full refresh starts
again from the beginning, while an interrupted one resumes from its page token. The reads run in
this process: what the runner passes back is a `--state` file all the same."""

from typing import Callable, Dict, List

import pytest

from sandbox.connectors import ALL_STREAMS, list_path, sandbox_config, sandbox_rows
from source_stages.providers import ZENDESK_SELL_PROVIDER
from stage_apis.ruddr.api import RUDDR
from stage_apis.ruddr.streams import RuddrOpportunityStages
from stage_apis.unified_stage import UNIFIED_STREAM
from stage_apis.zendesk_sell.api import ZENDESK_SELL
from stage_apis.zendesk_sell.streams import ZendeskSellStages
from test_support.catalogs import configured_catalog
from test_support.runs import ConnectorRun, run_connector

RUDDR_STAGES, ZS_STAGES = RuddrOpportunityStages.name, ZendeskSellStages.name
FINISHED = ({"__ab_full_refresh_sync_complete": True}, {"__ab_no_cursor_state_message": True})
UNIFIED_SOURCES = {ZS_STAGES: ZENDESK_SELL.key, RUDDR_STAGES: RUDDR.key}
# Pages of 5: a Ruddr read checkpoints a page token after each page before its final state, and the
# runner passes them back.
PAGE_SIZE = 5

READS = {
    "one stream": ([RUDDR_STAGES], []),
    # What PyAirbyte selects: every stream, incremental where the source offers it.
    "every stream": (list(ALL_STREAMS), [stream.name for stream in ZENDESK_SELL_PROVIDER.streams]),
}


def stream_of(state: dict) -> str:
    return state["stream"]["stream_descriptor"]["name"]


RUNNERS: Dict[str, Callable[[List[dict]], List[dict]]] = {
    "every STATE passed back": lambda states: states,
    "the last STATE of each stream": lambda states: list({stream_of(state): state for state in states}.values()),
}


def read(sandbox, streams, incremental, state=None) -> ConnectorRun:
    catalog = configured_catalog(streams, incremental)
    run = run_connector("read", sandbox_config(sandbox, page_size=PAGE_SIZE), catalog=catalog, state=state)
    assert run.exit_code == 0, run.output[-3000:]
    return run


def ids(records):
    return sorted(record["id"] for record in records)


def change_each_api(sandbox, before_read: int) -> Dict[str, Dict[str, dict]]:
    """On each API's stages: one inserted, one renamed, one deleted; what changed, by stream."""
    changes = {}
    for stream in (ZS_STAGES, RUDDR_STAGES):
        path, (renamed, removed) = list_path(sandbox, stream), sandbox_rows(sandbox.data(), stream)[:2]
        changes[stream] = {
            "inserted": sandbox.change_data(path, "insert", {"name": f"Inserted before read {before_read}"}),
            "renamed": sandbox.change_data(path, "update", {"name": f"Renamed before read {before_read}"}, renamed["id"]),
            "deleted": sandbox.change_data(path, "delete", id=removed["id"]),
        }
    return changes


@pytest.mark.parametrize("runner", list(RUNNERS))
@pytest.mark.parametrize("streams, incremental", READS.values(), ids=list(READS))
def test_every_change_arrives_when_the_state_is_passed_back(sandbox, streams, incremental, runner) -> None:
    run = read(sandbox, streams, incremental)
    ruddr_states = [m["state"]["stream"]["stream_state"] for m in run.of_type("STATE") if stream_of(m["state"]) == RUDDR_STAGES]
    assert len(ruddr_states) > 2 and "startingAfter" in ruddr_states[0]  # page tokens, then
    assert ruddr_states[-1] == {"__ab_full_refresh_sync_complete": True}  # the finished read's state
    for before_read in (2, 3):
        changes = change_each_api(sandbox, before_read)
        run = read(sandbox, streams, incremental, state=RUNNERS[runner]([m["state"] for m in run.of_type("STATE")]))

        data = sandbox.data()
        for stream in (s for s in (ZS_STAGES, RUDDR_STAGES) if s in streams):
            records, changed = run.records(stream), changes[stream]
            if stream in incremental:  # what changed since the last read: the insert and the update
                assert {changed["inserted"]["id"], changed["renamed"]["id"]} <= set(ids(records)), (stream, before_read)
            else:  # the whole list: the insert arrived, the delete is gone, none lost
                assert ids(records) == ids(sandbox_rows(data, stream)), (stream, before_read)
            assert changed["deleted"]["id"] not in ids(records), (stream, before_read)
            assert next(r for r in records if r["id"] == changed["renamed"]["id"])["name"] == changed["renamed"]["name"]
        if UNIFIED_STREAM in streams:  # a full refresh of both APIs' stages
            unified = {(record["source"], record["id"]): record["name"] for record in run.records(UNIFIED_STREAM)}
            assert unified == {(source, str(row["id"])): row["name"]
                               for stream, source in UNIFIED_SOURCES.items() for row in sandbox_rows(data, stream)}
        # The finished states it was given did not stop any stream: each ends finished again.
        final = {stream_of(m["state"]): m["state"]["stream"]["stream_state"] for m in run.of_type("STATE")}
        assert all(final[name] in FINISHED for name in streams if name not in incremental), (final, before_read)


@pytest.mark.parametrize("streams", [[RUDDR_STAGES], [RUDDR_STAGES, UNIFIED_STREAM]], ids=["one stream", "two streams"])
def test_an_interrupted_read_still_resumes_from_its_page_token(sandbox, streams) -> None:
    rows = sorted(sandbox_rows(sandbox.data(), RUDDR_STAGES), key=lambda row: (row["createdAt"], row["id"]), reverse=True)
    resume_after = rows[4]["id"]  # newest first: the page token after the fifth record
    state = [{"type": "STREAM", "stream": {"stream_descriptor": {"name": RUDDR_STAGES},
                                           "stream_state": {"startingAfter": resume_after}}}]

    run = read(sandbox, streams, [], state=state)

    assert [record["id"] for record in run.records(RUDDR_STAGES)] == [row["id"] for row in rows[5:]]
