"""What the README's Limits say about data that changes during a read, shown against the sandbox:
the change happens between page 1 and page 2 of a read with small pages."""

from urllib.parse import parse_qs

from integration_tests.connector_process import run_source_stages, sandbox_config

PAGE_SIZE = 5


def read_ids(sandbox, stream: str, **blocks) -> list:
    run = run_source_stages("read", sandbox_config(sandbox, page_size=PAGE_SIZE, **blocks), streams=[stream])
    assert run.exit_code == 0, run.error_traces
    return [record["id"] for record in run.records(stream)]


def test_inserts_and_deletes_that_do_not_shift_pages(sandbox) -> None:
    zendesk_before = [row["id"] for row in sandbox.data()["zendesk_sell"]["stages"]]
    ruddr_before = [row["id"] for row in sandbox.data()["ruddr"]["opportunity_stages"]]
    ruddr_path = "/api/workspace/opportunity-stages"
    sandbox.add_mutation(path="/v2/stages", after=1, action="insert")  # the largest id: read last
    sandbox.add_mutation(path=ruddr_path, after=1, action="insert")  # the newest: before page 1's records
    sandbox.add_mutation(path=ruddr_path, after=1, action="delete", id=ruddr_before[-1])  # on a later page

    run = run_source_stages("read", sandbox_config(sandbox, page_size=PAGE_SIZE),
                            streams=["zendesk_sell_stages", "ruddr_opportunity_stages"])

    assert run.exit_code == 0, run.error_traces
    assert all(m["applied"] for m in sandbox.mutations())
    zendesk_ids = [r["id"] for r in run.records("zendesk_sell_stages")]
    assert zendesk_ids[: len(zendesk_before)] == zendesk_before and len(zendesk_ids) == len(zendesk_before) + 1
    assert [r["id"] for r in run.records("ruddr_opportunity_stages")] == ruddr_before[:-1]


def test_zendesk_sell_a_stage_inserted_before_the_next_page_duplicates_nothing(sandbox) -> None:
    before = [row["id"] for row in sandbox.data()["zendesk_sell"]["stages"]]
    inserted = before[0] - 1  # sorts first: every record after it moves one place down
    sandbox.add_mutation(path="/v2/stages", after=1, action="insert", record={"id": inserted})

    ids = read_ids(sandbox, "zendesk_sell_stages", ruddr=False)

    assert all(m["applied"] for m in sandbox.mutations())
    # Page 2 began with page 1's last record again; it is emitted once. The new stage landed on
    # page 1, already read: the next sync reads it.
    assert ids == before


def test_zendesk_sell_a_stage_deleted_from_an_earlier_page_makes_the_read_miss_one(sandbox) -> None:
    before = [row["id"] for row in sandbox.data()["zendesk_sell"]["stages"]]
    sandbox.add_mutation(path="/v2/stages", after=1, action="delete", id=before[0])

    ids = read_ids(sandbox, "zendesk_sell_stages", ruddr=False)

    # Everything after the deleted record moved up one place: the first record of page 2 became
    # the last of page 1, which was already read.
    assert ids == before[:PAGE_SIZE] + before[PAGE_SIZE + 1:]


def test_ruddr_deleting_the_cursor_record_and_its_predecessor_steps_back_over_both(sandbox) -> None:
    before = [row["id"] for row in sandbox.data()["ruddr"]["opportunity_stages"]]
    path = "/api/workspace/opportunity-stages"
    cursor, predecessor = before[PAGE_SIZE - 1], before[PAGE_SIZE - 2]
    sandbox.add_mutation(path=path, after=1, action="delete", id=cursor)
    sandbox.add_mutation(path=path, after=1, action="delete", id=predecessor)

    run = run_source_stages("read", sandbox_config(sandbox, zendesk_sell=False, page_size=PAGE_SIZE),
                            streams=["ruddr_opportunity_stages"])

    assert run.exit_code == 0, run.error_traces
    assert all(m["applied"] for m in sandbox.mutations())
    # Both were emitted on page 1 before they went; every other record follows once.
    assert [r["id"] for r in run.records("ruddr_opportunity_stages")] == before
    pages = [(parse_qs(r["query"]).get("startingAfter", [None])[0], r["status"])
             for r in sandbox.requests() if r["path"] == path]
    assert pages == [(None, 200), (cursor, 400), (predecessor, 400), (before[PAGE_SIZE - 3], 200),
                     (before[2 * PAGE_SIZE - 1], 200)]
    warnings = [m["log"]["message"] for m in run.of_type("LOG") if m["log"]["level"] == "WARN"]
    assert [w.split(", which")[0] for w in warnings] == [
        f"ruddr_opportunity_stages: Ruddr answered HTTP 400 to the page after id {gone}" for gone in (cursor, predecessor)
    ]
