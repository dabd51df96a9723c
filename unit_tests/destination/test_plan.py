"""The plan (plan.py): the source's order, what "differs" means, create/update/unchanged/skip; and the
STATE release (state_release.py)."""

from destination_ruddr.input_stages import UNIFIED_STREAM, input_stage
from destination_ruddr.plan import CREATE, SKIP, UNCHANGED, UPDATE, plan, write_order
from destination_ruddr.state_release import StateRelease
from destination_ruddr.validation import Stage
from test_support.destination_messages import RENEWALS_ID, SALES_ID, body, record, ruddr_stage, unified

IDS = [f"8e1c0000-0000-4000-8000-00000000000{n}" for n in range(6)]


def stage(number: int, name: str, pipeline_id: str = SALES_ID, position=None, created_at=None, **fields) -> Stage:
    data = unified(name, position=position, created_at=created_at)
    return Stage(input_stage(UNIFIED_STREAM, data, number), body(name, pipeline_id, **fields), [number])


def names(stages) -> list:
    return [stage.body["name"] for stage in stages]


def test_pipelines_in_first_seen_order_then_position_then_created_at_then_input_order():
    stages = [
        stage(1, "Renewal", RENEWALS_ID, position=2),
        stage(2, "Late", SALES_ID),
        stage(3, "Won", SALES_ID, position=8),
        stage(4, "Renewal due", RENEWALS_ID, position=1),
        stage(5, "Old", SALES_ID, created_at="2020-01-01T00:00:00Z"),
        stage(6, "Lead", SALES_ID, position=1),
        stage(7, "Newer", SALES_ID, created_at="2021-01-01T00:00:00Z"),
    ]
    assert names(write_order(stages)) == ["Renewal due", "Renewal", "Lead", "Won", "Old", "Newer", "Late"]


def test_each_field_of_the_body_is_compared_and_only_the_different_ones_are_patched():
    existing = [ruddr_stage(IDS[0], "A", description="", probability=1, isActive=True),
                ruddr_stage(IDS[1], "B", statusId="won"),
                ruddr_stage(IDS[2], "C")]
    steps = plan([stage(1, "A", probability=1.0), stage(2, "B", description="new", isActive=False), stage(3, "D")],
                 existing, "update")

    assert [step.action for step in steps] == [UNCHANGED, UPDATE, CREATE]
    assert steps[1].patch == {"description": "new", "statusId": "open", "isActive": False}
    assert steps[1].changes["statusId"] == ("won", "open")
    assert steps[1].existing["id"] == IDS[1]


def test_skip_is_the_action_for_a_different_stage_when_on_existing_is_skip():
    steps = plan([stage(1, "A", probability=0.9), stage(2, "B")],
                 [ruddr_stage(IDS[0], "A"), ruddr_stage(IDS[1], "B")], "skip")
    assert [step.action for step in steps] == [SKIP, UNCHANGED]


def test_the_same_name_in_another_pipeline_is_another_stage():
    steps = plan([stage(1, "A", SALES_ID)], [ruddr_stage(IDS[0], "A", RENEWALS_ID)], "update")
    assert [step.action for step in steps] == [CREATE]


def test_of_several_stages_of_one_name_the_oldest_is_compared():
    existing = [ruddr_stage(IDS[0], "A", probability=0.5, createdAt="2024-03-01T00:00:00.000Z"),
                ruddr_stage(IDS[1], "A", probability=0.1, createdAt="2024-01-01T00:00:00.000Z"),
                ruddr_stage(IDS[2], "A", probability=0.5, createdAt="2024-02-01T00:00:00.000Z")]
    (step,) = plan([stage(1, "A", probability=0.5)], existing, "update")
    assert step.action == UPDATE and step.existing["id"] == IDS[1]


def test_a_state_waits_for_every_record_before_it():
    states = [(0, record("stages", {"n": 0})), (2, record("stages", {"n": 2})), (3, record("stages", {"n": 3}))]
    release = StateRelease(states)

    assert release.written([]) == [states[0][1]]
    assert release.written([2]) == []  # record 1 is not written yet
    assert release.written([3]) == []
    assert release.written([1]) == [states[1][1], states[2][1]]
    assert release.written([4]) == []
