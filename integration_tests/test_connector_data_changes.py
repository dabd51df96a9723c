"""Ruddr's cursor record and the record before it both deleted between page 1 and page 2 of a
read with small pages: the read steps back over both (docs/reliability.md). The other changes
during a read, one at a time on every stage stream, are scenarios of the fault matrix."""

from urllib.parse import parse_qs

from sandbox.connectors import list_path, sandbox_config, sandbox_rows
from stage_apis.ruddr.streams import RuddrOpportunityStages
from test_support.runs import run_connector

PAGE_SIZE = 5
STAGES = RuddrOpportunityStages.name


def test_ruddr_deleting_the_cursor_record_and_its_predecessor_steps_back_over_both(sandbox) -> None:
    before = [row["id"] for row in sandbox_rows(sandbox.data(), STAGES)]
    path = list_path(sandbox, STAGES)
    cursor, predecessor = before[PAGE_SIZE - 1], before[PAGE_SIZE - 2]
    sandbox.add_mutation(path=path, after=1, action="delete", id=cursor)
    sandbox.add_mutation(path=path, after=1, action="delete", id=predecessor)

    run = run_connector("read", sandbox_config(sandbox, zendesk_sell=False, page_size=PAGE_SIZE), streams=[STAGES])

    assert run.exit_code == 0, run.error_traces
    assert all(m["applied"] for m in sandbox.mutations())
    # Both were emitted on page 1 before they went; every other record follows once.
    assert [r["id"] for r in run.records(STAGES)] == before
    pages = [(parse_qs(r["query"]).get("startingAfter", [None])[0], r["status"])
             for r in sandbox.requests() if r["path"] == path]
    assert pages == [(None, 200), (cursor, 400), (predecessor, 400), (before[PAGE_SIZE - 3], 200),
                     (before[2 * PAGE_SIZE - 1], 200)]
    assert [w.split(", which")[0] for w in run.log_messages("WARN")] == [
        f"{STAGES}: Ruddr answered HTTP 400 to the page after id {gone}" for gone in (cursor, predecessor)
    ]
