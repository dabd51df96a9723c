"""The migration end to end: `source-stages read` of the sandbox's Zendesk Sell stages, into
`destination-ruddr write` against its Ruddr workspace, in this process (`make test`) or through a
real pipe between both images (`make docker-test`): the `connectors` fixture. Through a real pipe
between both console scripts: test_destination_faults.py (the credential test) and test_demo.py."""

from sandbox.connectors import destination_config, list_path, prepare_ruddr_pipelines, sandbox_config, sandbox_rows, zendesk_pipeline_names
from stage_apis.ruddr.streams import RuddrOpportunityStages
from test_support.destination_runs import migrate
from test_support.runs import run_connector
from test_support.sandbox_effects import ruddr_stages_by_pipeline_name, writes


def unified_stages(sandbox) -> list:
    read = run_connector("read", sandbox_config(sandbox, ruddr=False), ["stages"])
    assert read.exit_code == 0, read.stderr[-3000:]
    return read.records("stages")


def test_the_zendesk_sell_stages_land_in_the_ruddr_pipelines_of_the_same_names_and_a_rerun_creates_nothing(connectors, sandbox):
    prepare_ruddr_pipelines(sandbox, zendesk_pipeline_names(sandbox))
    ids = {pipeline["name"]: pipeline["id"] for pipeline in sandbox_rows(sandbox.data(), "ruddr_opportunity_pipelines")}
    before = len(sandbox_rows(sandbox.data(), "ruddr_opportunity_stages"))
    expected = unified_stages(sandbox)
    sandbox.clear_requests()

    source, destination = migrate(sandbox, connectors=connectors)

    assert source.exit_code == 0 and destination.exit_code == 0, destination.output[-5000:]
    assert destination.error_traces == []
    # The seed's body, one POST per stage, in the source's order: by pipeline, then position.
    in_order = sorted(expected, key=lambda stage: (zendesk_pipeline_names(sandbox).index(stage["pipeline_name"]),
                                                    stage["position"]))
    assert [(entry["method"], entry["path"], entry["status"], entry["body"]) for entry in writes(sandbox)] == [
        ("POST", list_path(sandbox, RuddrOpportunityStages.name), 200, {"name": stage["name"], "description": None, "probability": stage["win_probability"],
                                    "statusId": stage["status"], "isActive": stage["is_active"],
                                    "opportunityPipelineId": ids[stage["pipeline_name"]]})
        for stage in in_order
    ]
    landed = ruddr_stages_by_pipeline_name(sandbox)
    for stage in expected:
        assert [row["name"] for row in landed[stage["pipeline_name"]]].count(stage["name"]) == 1
    assert len(sandbox_rows(sandbox.data(), "ruddr_opportunity_stages")) == before + len(expected)
    assert f"Ruddr stages: created {len(expected)}, updated 0, unchanged 0, skipped 0." in destination.log_messages()
    (state,) = destination.of_type("STATE")
    assert state["state"]["stream"]["stream_descriptor"]["name"] == "stages"

    sandbox.clear_requests()
    _, rerun = migrate(sandbox, connectors=connectors)

    assert rerun.exit_code == 0
    assert writes(sandbox) == []
    assert f"Ruddr stages: created 0, updated 0, unchanged {len(expected)}, skipped 0." in rerun.log_messages()
    assert len(rerun.of_type("STATE")) == 1


def test_a_changed_source_stage_is_patched_on_the_next_run(connectors, sandbox):
    prepare_ruddr_pipelines(sandbox, zendesk_pipeline_names(sandbox))
    migrate(sandbox, connectors=connectors)
    quote = next(s for s in sandbox_rows(sandbox.data(), "zendesk_sell_stages") if s["name"] == "Quote")
    sandbox.update_zendesk_stage(quote["id"], likelihood=35)
    sandbox.clear_requests()

    _, destination = migrate(sandbox, connectors=connectors)

    assert destination.exit_code == 0
    (patched,) = writes(sandbox)
    assert (patched["method"], patched["status"], patched["body"]) == ("PATCH", 200, {"probability": 0.35})
    assert any(line.startswith("Updated stages record") and '(name "Quote")' in line and "probability 0.2 -> 0.35" in line
               for line in destination.log_messages())
    assert "Ruddr stages: created 0, updated 1, unchanged 15, skipped 0." in destination.log_messages()


def test_a_dry_run_plans_and_logs_but_writes_nothing_and_emits_no_state(connectors, sandbox):
    prepare_ruddr_pipelines(sandbox, zendesk_pipeline_names(sandbox))
    before = sandbox_rows(sandbox.data(), "ruddr_opportunity_stages")
    sandbox.clear_requests()

    _, destination = migrate(sandbox, {"dry_run": True}, connectors=connectors)

    assert destination.exit_code == 0
    assert writes(sandbox) == []
    assert sandbox_rows(sandbox.data(), "ruddr_opportunity_stages") == before
    assert destination.of_type("STATE") == []
    logs = destination.log_messages()
    assert sum(line.startswith("Would create stages record") for line in logs) == 16
    assert "Dry run, nothing written; the write would have: created 16, updated 0, unchanged 0, skipped 0." in logs


def test_ruddr_stages_read_from_ruddr_are_written_back_unchanged(connectors, sandbox):
    sandbox.clear_requests()

    _, destination = migrate(sandbox, source_streams=["ruddr_opportunity_stages"],
                             destination_streams=["ruddr_opportunity_stages"], zendesk_sell=False,
                             connectors=connectors)

    assert destination.exit_code == 0, destination.output[-3000:]
    assert writes(sandbox) == []
    assert "Ruddr stages: created 0, updated 0, unchanged 12, skipped 0." in destination.log_messages()


def test_check_succeeds_against_the_sandbox_and_fails_for_a_missing_default_pipeline(connectors, sandbox):
    check = run_connector("check", destination_config(sandbox), launcher=connectors.destination)
    assert check.connection_status == {"status": "SUCCEEDED"}

    missing = "7d3c1d0c-0000-4000-8000-000000000000"
    status = run_connector("check", destination_config(sandbox, default_pipeline_id=missing),
                           launcher=connectors.destination).connection_status

    assert status["status"] == "FAILED"
    assert status["message"].startswith(f"Ruddr check failed: `default_pipeline_id` {missing} is not a pipeline")
