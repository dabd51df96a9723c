"""Incremental Zendesk Sell streams and the unified `stages` stream through the console script,
as a process, against the sandbox: the state a read prints goes back in as `--state`."""

import json
import subprocess
import tempfile
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

from integration_tests.connector_process import SOURCE_STAGES, sandbox_config

INCREMENTAL = ("zendesk_sell_stages", "zendesk_sell_pipelines")


def read(config: dict, streams: Sequence[Tuple[str, str]], state: Optional[list] = None) -> List[dict]:
    """Messages of `source-stages read`; `streams` = (name, sync mode) pairs."""
    catalog = {"streams": [
        {
            "stream": {"name": name, "json_schema": {}, "supported_sync_modes": ["full_refresh", "incremental"]},
            "sync_mode": mode,
            "destination_sync_mode": "append" if mode == "incremental" else "overwrite",
            **({"cursor_field": ["updated_at"]} if mode == "incremental" else {}),
        }
        for name, mode in streams
    ]}
    with tempfile.TemporaryDirectory() as directory:
        files = {"config": config, "catalog": catalog, **({"state": state} if state is not None else {})}
        args = []
        for option, content in files.items():
            path = Path(directory) / f"{option}.json"
            path.write_text(json.dumps(content))
            args += [f"--{option}", str(path)]
        process = subprocess.run([str(SOURCE_STAGES), "read", *args], capture_output=True, text=True, timeout=120)
    assert process.returncode == 0, process.stdout[-2000:] + process.stderr[-2000:]
    return [json.loads(line) for line in process.stdout.splitlines() if line.startswith("{")]


def records(messages: List[dict], stream: str) -> List[dict]:
    return [m["record"]["data"] for m in messages if m["type"] == "RECORD" and m["record"]["stream"] == stream]


def final_states(messages: List[dict]) -> list:
    """The last STATE message of each stream, as a `--state` file holds them."""
    last = {}
    for message in messages:
        if message["type"] == "STATE":
            last[message["state"]["stream"]["stream_descriptor"]["name"]] = message["state"]
    return list(last.values())


def cursors_of(states: list) -> dict:
    return {s["stream"]["stream_descriptor"]["name"]: s["stream"]["stream_state"] for s in states}


def test_state_round_trip_then_exactly_the_changed_stage(sandbox) -> None:
    config = sandbox_config(sandbox, ruddr=False)
    streams = [(name, "incremental") for name in INCREMENTAL]
    data = sandbox.data()["zendesk_sell"]

    first = read(config, streams)
    assert {r["id"] for r in records(first, "zendesk_sell_stages")} == {s["id"] for s in data["stages"]}
    state = final_states(first)
    cursors = cursors_of(state)
    assert cursors == {name: {"updated_at": max(r["updated_at"] for r in data[name.split("_")[-1]])} for name in INCREMENTAL}

    # Unchanged data: only the records exactly at the cursor ("at or after") come again.
    again = read(config, streams, state)
    boundary = {s["id"] for s in data["stages"] if s["updated_at"] == cursors["zendesk_sell_stages"]["updated_at"]}
    assert {r["id"] for r in records(again, "zendesk_sell_stages")} == boundary
    assert cursors_of(final_states(again)) == cursors

    changed = data["stages"][0]["id"]
    updated = sandbox.update_zendesk_stage(changed, name="Prospecting (renamed)")
    after = read(config, streams, final_states(again))
    assert [(r["id"], r["name"]) for r in records(after, "zendesk_sell_stages")] == (
        [(s["id"], s["name"]) for s in sandbox.data()["zendesk_sell"]["stages"] if s["id"] in boundary | {changed}]
    )
    new_state = final_states(after)
    assert cursors_of(new_state)["zendesk_sell_stages"] == {"updated_at": updated["updated_at"]}

    # From the state that change produced, a read emits exactly that stage.
    last = read(config, streams, new_state)
    assert [(r["id"], r["name"]) for r in records(last, "zendesk_sell_stages")] == [(changed, "Prospecting (renamed)")]
    assert [p["id"] for p in records(last, "zendesk_sell_pipelines")] == [
        p["id"] for p in data["pipelines"] if p["updated_at"] == cursors["zendesk_sell_pipelines"]["updated_at"]
    ]


def test_unified_stages_reuse_the_raw_reads_even_with_an_incremental_state(sandbox) -> None:
    config = sandbox_config(sandbox)
    raw = [("zendesk_sell_stages", "incremental"), ("zendesk_sell_pipelines", "incremental"),
           ("ruddr_opportunity_stages", "full_refresh"), ("ruddr_opportunity_pipelines", "full_refresh")]
    state = final_states(read(config, raw[:2]))

    sandbox.clear_requests()
    messages = read(config, [("stages", "full_refresh"), *raw], state)

    data = sandbox.data()
    unified = records(messages, "stages")
    assert len(unified) == len(data["zendesk_sell"]["stages"]) + len(data["ruddr"]["opportunity_stages"])
    assert len(records(messages, "zendesk_sell_stages")) < len(data["zendesk_sell"]["stages"])  # the state applied
    assert sorted(request["path"] for request in sandbox.requests()) == sorted(
        ["/v2/stages", "/v2/pipelines", "/api/workspace/opportunity-stages", "/api/workspace/opportunity-pipelines"]
    )
