"""The migration end to end, through both console scripts and a real pipe: `source-stages read` of
the sandbox's Zendesk Sell stages, into `destination-ruddr write` against its Ruddr workspace."""

from integration_tests.connector_process import run_source_stages, sandbox_config
from integration_tests.destination_process import (
    destination_config,
    log_messages,
    migrate,
    prepare_ruddr_pipelines,
    ruddr_stages_by_pipeline_name,
    run_destination_ruddr,
    writes,
    zendesk_pipeline_names,
)


def unified_stages(sandbox) -> list:
    read = run_source_stages("read", sandbox_config(sandbox, ruddr=False), ["stages"])
    assert read.exit_code == 0, read.stderr[-3000:]
    return read.records("stages")


def test_the_zendesk_sell_stages_land_in_the_ruddr_pipelines_of_the_same_names_and_a_rerun_creates_nothing(sandbox):
    prepare_ruddr_pipelines(sandbox, zendesk_pipeline_names(sandbox))
    before = len(sandbox.data()["ruddr"]["opportunity_stages"])
    expected = unified_stages(sandbox)
    sandbox.clear_requests()

    source, destination = migrate(sandbox)

    assert source.exit_code == 0 and destination.exit_code == 0, destination.stdout[-3000:] + destination.stderr[-3000:]
    assert destination.error_traces == []
    landed = ruddr_stages_by_pipeline_name(sandbox)
    for stage in expected:
        (created,) = [row for row in landed[stage["pipeline_name"]] if row["name"] == stage["name"]]
        assert created["probability"] == stage["win_probability"]
        assert created["statusId"] == stage["status"]
        assert created["isActive"] is stage["is_active"]
        assert created["description"] is None
    assert len(sandbox.data()["ruddr"]["opportunity_stages"]) == before + len(expected)
    assert writes(sandbox) == [("POST", "/api/workspace/opportunity-stages")] * len(expected)
    for pipeline in zendesk_pipeline_names(sandbox):  # created in the source's order: Ruddr keeps it
        by_position = sorted((s for s in expected if s["pipeline_name"] == pipeline), key=lambda s: s["position"])
        created_at = {row["name"]: row["createdAt"] for row in landed[pipeline]}
        assert [created_at[s["name"]] for s in by_position] == sorted(created_at[s["name"]] for s in by_position)
    assert f"Ruddr stages: created {len(expected)}, updated 0, unchanged 0, skipped 0." in log_messages(destination)
    (state,) = destination.of_type("STATE")
    assert state["state"]["stream"]["stream_descriptor"]["name"] == "stages"

    sandbox.clear_requests()
    _, rerun = migrate(sandbox)

    assert rerun.exit_code == 0
    assert writes(sandbox) == []
    assert f"Ruddr stages: created 0, updated 0, unchanged {len(expected)}, skipped 0." in log_messages(rerun)
    assert len(rerun.of_type("STATE")) == 1


def test_a_changed_source_stage_is_patched_on_the_next_run(sandbox):
    prepare_ruddr_pipelines(sandbox, zendesk_pipeline_names(sandbox))
    migrate(sandbox)
    quote = next(s for s in sandbox.data()["zendesk_sell"]["stages"] if s["name"] == "Quote")
    sandbox.update_zendesk_stage(quote["id"], likelihood=35)
    sandbox.clear_requests()

    _, destination = migrate(sandbox)

    assert destination.exit_code == 0
    (patched,) = [entry for entry in sandbox.requests() if entry["method"] == "PATCH"]
    assert patched["status"] == 200
    assert any(line.startswith('Updated stages record') and '(name "Quote")' in line and "probability 0.2 -> 0.35" in line
               for line in log_messages(destination))
    assert [row["probability"] for rows in ruddr_stages_by_pipeline_name(sandbox).values() for row in rows
            if row["name"] == "Quote"] == [0.35]


def test_a_dry_run_plans_and_logs_but_writes_nothing_and_emits_no_state(sandbox):
    prepare_ruddr_pipelines(sandbox, zendesk_pipeline_names(sandbox))
    before = sandbox.data()["ruddr"]["opportunity_stages"]
    sandbox.clear_requests()

    _, destination = migrate(sandbox, {"dry_run": True})

    assert destination.exit_code == 0
    assert writes(sandbox) == []
    assert sandbox.data()["ruddr"]["opportunity_stages"] == before
    assert destination.of_type("STATE") == []
    logs = log_messages(destination)
    assert sum(line.startswith("Would create stages record") for line in logs) == 16
    assert "Dry run, nothing written; the write would have: created 16, updated 0, unchanged 0, skipped 0." in logs


def test_ruddr_stages_read_from_ruddr_are_written_back_unchanged(sandbox):
    sandbox.clear_requests()

    _, destination = migrate(sandbox, source_streams=["ruddr_opportunity_stages"],
                             destination_streams=["ruddr_opportunity_stages"], zendesk_sell=False)

    assert destination.exit_code == 0, destination.stdout[-3000:]
    assert writes(sandbox) == []
    assert "Ruddr stages: created 0, updated 0, unchanged 12, skipped 0." in log_messages(destination)


def test_check_succeeds_against_the_sandbox_and_fails_for_a_missing_default_pipeline(sandbox):
    assert run_destination_ruddr("check", destination_config(sandbox)).connection_status == {"status": "SUCCEEDED"}

    missing = "7d3c1d0c-0000-4000-8000-000000000000"
    status = run_destination_ruddr("check", destination_config(sandbox, default_pipeline_id=missing)).connection_status

    assert status["status"] == "FAILED"
    assert status["message"].startswith(f"Ruddr check failed: `default_pipeline_id` {missing} is not a pipeline")
