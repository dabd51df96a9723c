"""Incremental Zendesk Sell streams and the unified `stages` stream, in this process against the
sandbox: the state a read prints goes back in as `--state`."""

from typing import Optional, Sequence

from sandbox.connectors import RAW_STREAMS, list_path, sandbox_config, sandbox_rows
from source_stages.providers import ZENDESK_SELL_PROVIDER
from stage_apis.incremental import IncrementalListStream
from test_support.catalogs import configured_catalog
from test_support.runs import ConnectorRun, run_connector

INCREMENTAL = tuple(stream.name for stream in ZENDESK_SELL_PROVIDER.streams if issubclass(stream, IncrementalListStream))


def read(config: dict, streams: Sequence[str], state: Optional[list] = None) -> ConnectorRun:
    """`source-stages read`, incremental for the streams of INCREMENTAL, full refresh for the rest."""
    run = run_connector("read", config, catalog=configured_catalog(streams, incremental=INCREMENTAL), state=state)
    assert run.exit_code == 0, run.output[-4000:]
    return run


def final_states(run: ConnectorRun) -> list:
    """The last STATE message of each stream, as a `--state` file holds them."""
    last = {}
    for message in run.of_type("STATE"):
        last[message["state"]["stream"]["stream_descriptor"]["name"]] = message["state"]
    return list(last.values())


def cursors_of(states: list) -> dict:
    return {s["stream"]["stream_descriptor"]["name"]: s["stream"]["stream_state"] for s in states}


def test_state_round_trip_then_exactly_the_changed_stage(sandbox) -> None:
    config = sandbox_config(sandbox, ruddr=False)
    data = sandbox.data()["zendesk_sell"]

    first = read(config, INCREMENTAL)
    assert {r["id"] for r in first.records("zendesk_sell_stages")} == {s["id"] for s in data["stages"]}
    state = final_states(first)
    cursors = cursors_of(state)
    assert cursors == {name: {"updated_at": max(r["updated_at"] for r in sandbox_rows(sandbox.data(), name))} for name in INCREMENTAL}

    # Unchanged data: only the records exactly at the cursor ("at or after") come again.
    again = read(config, INCREMENTAL, state)
    boundary = {s["id"] for s in data["stages"] if s["updated_at"] == cursors["zendesk_sell_stages"]["updated_at"]}
    assert {r["id"] for r in again.records("zendesk_sell_stages")} == boundary
    assert cursors_of(final_states(again)) == cursors

    changed = data["stages"][0]["id"]
    updated = sandbox.update_zendesk_stage(changed, name="Prospecting (renamed)")
    after = read(config, INCREMENTAL, final_states(again))
    assert [(r["id"], r["name"]) for r in after.records("zendesk_sell_stages")] == (
        [(s["id"], s["name"]) for s in sandbox.data()["zendesk_sell"]["stages"] if s["id"] in boundary | {changed}]
    )
    new_state = final_states(after)
    assert cursors_of(new_state)["zendesk_sell_stages"] == {"updated_at": updated["updated_at"]}

    # From the state that change produced, a read emits exactly that stage.
    last = read(config, INCREMENTAL, new_state)
    assert [(r["id"], r["name"]) for r in last.records("zendesk_sell_stages")] == [(changed, "Prospecting (renamed)")]
    assert [p["id"] for p in last.records("zendesk_sell_pipelines")] == [
        p["id"] for p in data["pipelines"] if p["updated_at"] == cursors["zendesk_sell_pipelines"]["updated_at"]
    ]


def test_unified_stages_reuse_the_raw_reads_even_with_an_incremental_state(sandbox) -> None:
    config = sandbox_config(sandbox)
    state = final_states(read(config, INCREMENTAL))

    sandbox.clear_requests()
    run = read(config, ["stages", *RAW_STREAMS], state)

    data = sandbox.data()
    unified = run.records("stages")
    assert len(unified) == len(data["zendesk_sell"]["stages"]) + len(data["ruddr"]["opportunity_stages"])
    assert len(run.records("zendesk_sell_stages")) < len(data["zendesk_sell"]["stages"])  # the state applied
    assert sorted(request["path"] for request in sandbox.requests()) == sorted(list_path(sandbox, s) for s in RAW_STREAMS)
