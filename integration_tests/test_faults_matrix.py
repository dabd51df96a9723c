"""The fault matrix: the connector (in this process, and in `make docker-test` the image: the
`connectors` fixture) reads every stream (several pages each) from a sandbox of its own that fails
in scripted ways. Each test runs one scenario and judges it; pytest-xdist spreads them over its
workers. `python -m test_support.fault_matrix` prints the table.

The last TRACE of a failed read is the CDK's summary ("the following streams did not sync
successfully", always config_error); the per-stream TRACEs before it carry the failure type.
"""

from urllib.parse import parse_qs

import pytest

from sandbox.connectors import LIST_STREAMS, RAW_STREAMS
from stage_apis.errors import MAX_RETRIES
from test_support import fault_matrix as fm

pytestmark = pytest.mark.slow(seconds=3)

EXPECTED_RETRIES = {  # per stream: the faults fire on page 2 and its retries
    "429 without Retry-After, twice": 2,
    "429 with Retry-After: 7": 1,
    "500 x3": 3,
    "502 x3": 3,
    "503 x3": 3,
    "504 x3": 3,
    "mixed burst 500, 502, 503": 3,
    "malformed JSON body, once": 1,
    "truncated body, once": 1,
    "dropped connection, once": 1,
}
# Why each retry happened, as the log says it for each stream: the start of a line.
EXPECTED_CAUSES = {
    "429 without Retry-After, twice": "{label} rate limit reached (HTTP 429); backing off before retrying.",
    "504 x3": "{label} answered HTTP 504; retrying with backoff.",
    "malformed JSON body, once": "{stream}: GET {path} returned a body that is not JSON",
    "truncated body, once": "The connection to {label} failed or timed out (ChunkedEncodingError); retrying with backoff.",
    "dropped connection, once": "The connection to {label} failed or timed out (ConnectionError); retrying with backoff.",
    fm.TRANSIENT[-1].name: "The connection to {label} failed or timed out (ReadTimeout); retrying with backoff.",
}
RETRY_AFTER_7 = "429 with Retry-After: 7"


def run(scenario: str, connectors) -> fm.Outcome:
    return fm.run_scenario(fm.BY_NAME[scenario], connectors.source)


def label_of(stream: str) -> str:
    """The API's name as messages say it."""
    return LIST_STREAMS[stream].api.label


def emitted_ids(outcome: fm.Outcome, stream: str) -> list:
    return [record["id"] for record in outcome.run.records(stream)]


def ids_before(outcome: fm.Outcome, stream: str) -> list:
    return [row["id"] for row in outcome.before[stream]]


def assert_no_secret_and_no_key_error(outcome: fm.Outcome) -> None:
    assert outcome.leaked_secret_lines == []
    assert "KeyError" not in outcome.run.output
    assert outcome.run.stderr == ""  # everything goes through the protocol on stdout


@pytest.mark.parametrize("scenario", [s.name for s in fm.TRANSIENT])
def test_transient_fault_is_retried_and_every_record_arrives_once(connectors, scenario: str) -> None:
    outcome = run(scenario, connectors)
    assert outcome.run.exit_code == 0, outcome.run.error_traces
    assert outcome.run.error_traces == []
    expected_retries = EXPECTED_RETRIES.get(scenario, 1)
    for stream, result in outcome.streams.items():
        assert (result.emitted, result.duplicated, result.missing_preexisting, result.mismatched) == (
            result.expected, 0, [], []
        ), stream
        assert result.retries == expected_retries, stream
    assert len(outcome.retry_log_lines) == len(outcome.retry_causes) == outcome.retries  # every retry is in the log
    for stream in RAW_STREAMS:
        label = label_of(stream)
        assert sum(cause.startswith(label) or cause.startswith(stream) or label in cause
                   for cause in outcome.retry_causes) >= expected_retries
    assert_no_secret_and_no_key_error(outcome)
    if scenario in EXPECTED_CAUSES:  # the log says why each retry happened
        for stream, path in outcome.paths.items():
            expected = EXPECTED_CAUSES[scenario].format(label=label_of(stream), stream=stream, path=path)
            assert any(line.startswith(expected) for line in outcome.retry_causes), (expected, outcome.retry_causes)
    if scenario == RETRY_AFTER_7:  # honoured
        # Retry-After: 7 scaled by 0.01 is 0.07 s, and the CDK adds 1 s; exponential would be 1.01 s.
        lines = outcome.retry_log_lines
        assert len(lines) == len(outcome.paths) and all("Retrying in 1.07 seconds" in line for line in lines)


def test_revoked_credential_fails_fast_with_a_config_error_naming_the_provider(connectors) -> None:
    outcome = run("credential revoked after page 1 (401 for ever)", connectors)
    assert outcome.run.exit_code == 1
    assert outcome.retries == 0
    errors = outcome.stream_errors
    assert [e["failure_type"] for e in errors.values()] == ["config_error"] * len(outcome.paths)
    for stream, error in errors.items():
        label = label_of(stream)
        assert error["message"].startswith(f"{label} rejected the credential in `{LIST_STREAMS[stream].api.key}.")
        assert "(HTTP 401): it is missing, expired or revoked." in error["message"]
    for result in outcome.streams.values():
        assert (result.emitted, result.duplicated) == (fm.PAGE_SIZE, 0)  # page 1, then the stop
    assert_no_secret_and_no_key_error(outcome)


def test_500_for_ever_ends_with_a_transient_error_after_the_retry_budget(connectors) -> None:
    outcome = run("500 on every request after page 1", connectors)
    assert outcome.run.exit_code == 1
    assert all(result.retries == MAX_RETRIES for result in outcome.streams.values())
    errors = outcome.stream_errors
    assert [e["failure_type"] for e in errors.values()] == ["transient_error"] * len(outcome.paths)
    for stream, error in errors.items():
        assert f"{label_of(stream)} answered HTTP 500" in error["message"]
    assert_no_secret_and_no_key_error(outcome)


@pytest.mark.parametrize(
    "scenario, problem",
    [
        ("body not JSON on every request after page 1", "returned a body that is not JSON"),
        ("JSON without the list envelope on every request after page 1", "returned JSON that is not the {label} list envelope"),
    ],
)
def test_a_bad_body_ends_with_a_system_error_naming_the_endpoint(connectors, scenario: str, problem: str) -> None:
    outcome = run(scenario, connectors)
    assert outcome.run.exit_code == 1
    errors = outcome.stream_errors
    assert [e["failure_type"] for e in errors.values()] == ["system_error"] * len(outcome.paths)
    for stream, error in errors.items():
        path = outcome.paths[stream]
        expected = f"{stream}: GET {path} " + problem.format(label=label_of(stream))
        assert expected in error["message"]
    assert all(result.retries == MAX_RETRIES for result in outcome.streams.values())
    assert_no_secret_and_no_key_error(outcome)


def test_an_inserted_stage_causes_no_duplicate_and_no_miss(connectors) -> None:
    outcome = run("a stage inserted after page 1", connectors)
    assert outcome.run.exit_code == 0 and all(m["applied"] for m in outcome.mutations)
    for stream, result in outcome.streams.items():
        assert (result.duplicated, result.missing_preexisting, result.mismatched) == (0, [], []), stream
    # Zendesk Sell sorts by id, so the new (largest) id is read on the last page; Ruddr lists the
    # newest first, so the new stage lands before the cursor and belongs to the next sync.
    zendesk = emitted_ids(outcome, "zendesk_sell_stages")
    assert zendesk[:fm.DATASET_SIZE] == ids_before(outcome, "zendesk_sell_stages") and len(zendesk) == fm.DATASET_SIZE + 1
    assert emitted_ids(outcome, "ruddr_opportunity_stages") == ids_before(outcome, "ruddr_opportunity_stages")
    assert_no_secret_and_no_key_error(outcome)


def test_a_zendesk_sell_stage_inserted_before_the_next_page_duplicates_nothing(connectors) -> None:
    outcome = run("a Zendesk Sell stage inserted before page 2 after page 1", connectors)
    assert outcome.run.exit_code == 0 and all(m["applied"] for m in outcome.mutations)
    # Every later stage moved one place down: page 2 began with page 1's last stage again, which is
    # dropped. The new stage landed on page 1, read already: the next sync has it.
    result = outcome.streams["zendesk_sell_stages"]
    assert (result.duplicated, result.missing_preexisting, result.mismatched) == (0, [], [])
    assert emitted_ids(outcome, "zendesk_sell_stages") == ids_before(outcome, "zendesk_sell_stages")


def test_a_stage_deleted_from_a_later_page_is_simply_not_read(connectors) -> None:
    outcome = run("a stage of a later page deleted after page 1", connectors)
    assert outcome.run.exit_code == 0 and all(m["applied"] for m in outcome.mutations)
    for stream, result in outcome.streams.items():
        assert (result.emitted, result.duplicated, result.missing_preexisting) == (fm.DATASET_SIZE - 1, 0, [])
        assert emitted_ids(outcome, stream) == ids_before(outcome, stream)[:-1]


def test_a_stage_deleted_from_page_1_shifts_zendesk_sell_pages_but_not_the_ruddr_cursor(connectors) -> None:
    outcome = run("a stage of page 1 deleted after page 1", connectors)
    assert outcome.run.exit_code == 0 and all(m["applied"] for m in outcome.mutations)
    zendesk, ruddr = outcome.streams["zendesk_sell_stages"], outcome.streams["ruddr_opportunity_stages"]
    # Page-number pages move up by one: the first stage of the old page 2 is now on page 1, read
    # already. The API has no way to notice (docs/reliability.md); the next sync has it.
    before = ids_before(outcome, "zendesk_sell_stages")
    assert (zendesk.duplicated, zendesk.missing_preexisting) == (0, [before[fm.PAGE_SIZE]])
    assert emitted_ids(outcome, "zendesk_sell_stages") == before[:fm.PAGE_SIZE] + before[fm.PAGE_SIZE + 1:]
    # Ruddr continues after an id: nothing moves. The deleted stage was emitted before it went.
    assert (ruddr.emitted, ruddr.duplicated, ruddr.missing_preexisting) == (fm.DATASET_SIZE, 0, [])


def test_deleting_the_record_ruddrs_cursor_points_at_steps_back_without_a_miss_or_a_duplicate(connectors) -> None:
    outcome = run("the last stage of page 1 (Ruddr's cursor) deleted after page 1", connectors)
    assert outcome.run.exit_code == 0 and outcome.run.error_traces == []
    ruddr = outcome.streams["ruddr_opportunity_stages"]
    # Every remaining stage once, plus the deleted one, emitted on page 1 before it went.
    assert (ruddr.emitted, ruddr.expected, ruddr.duplicated, ruddr.missing_preexisting, ruddr.mismatched) == (
        fm.DATASET_SIZE, fm.DATASET_SIZE - 1, 0, [], []
    )
    cursor, previous = (outcome.before["ruddr_opportunity_stages"][fm.PAGE_SIZE - i]["id"] for i in (1, 2))
    cursors = [(parse_qs(r["query"]).get("startingAfter", [None])[0], r["status"])
               for r in outcome.requests if r["path"] == outcome.paths["ruddr_opportunity_stages"]][:3]
    assert cursors == [(None, 200), (cursor, 400), (previous, 200)]
    assert [w for w in outcome.run.log_messages("WARN") if cursor in w] == [
        f"ruddr_opportunity_stages: Ruddr answered HTTP 400 to the page after id {cursor}, which was deleted during "
        f"the read; continuing after the record before it on the page just read, id {previous}."
    ]
    zendesk = outcome.streams["zendesk_sell_stages"]  # the same shift as any deletion on page 1
    assert (zendesk.duplicated, len(zendesk.missing_preexisting)) == (0, 1)
    assert_no_secret_and_no_key_error(outcome)
