"""The pure helpers of `make bench` (benchmarks/): statistics, manifest patch, output reading, targets."""

import json

import pytest

from benchmarks import peer, startup, stats, targets
from benchmarks.airbyte_output import read_output

# The lines of the published manifest that the bench patches, in their real indentation.
MANIFEST = """definitions:
  requester:
    type: HttpRequester
    url_base: "https://api.getbase.com/v2"
  retriever:
    paginator:
      pagination_strategy:
        type: "PageIncrement"
        page_size: 2
        start_from_page: 1
check:
  type: CheckStream
  stream_names:
    - leads
"""


def test_median_of_odd_and_even_counts():
    assert stats.median([3.0, 1.0, 2.0]) == 2.0
    assert stats.median([4.0, 1.0, 3.0, 2.0]) == 2.5
    with pytest.raises(ValueError):
        stats.median([])


@pytest.mark.parametrize("records, page_size, expected", [(0, 100, 1), (7, 100, 1), (100, 100, 1), (101, 100, 2),
                                                          (100_000, 100, 1000), (7, 2, 4), (1_000, 2, 500)])
def test_min_list_requests_is_ceil_with_one_request_for_nothing(records, page_size, expected):
    assert stats.min_list_requests(records, page_size) == expected


def test_linear_extrapolation_through_two_points():
    assert stats.linear_extrapolation(7, 1.0, 1007, 3.0, 100_007) == pytest.approx(201.0)
    with pytest.raises(ValueError):
        stats.linear_extrapolation(5, 1.0, 5, 2.0, 10)


def test_request_rate_counts_intervals_not_requests():
    assert stats.request_rate([0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]) == pytest.approx(10.0)
    with pytest.raises(ValueError):
        stats.request_rate([1.0])


def test_patch_manifest_changes_only_url_base_and_page_size():
    patched = peer.patch_manifest(MANIFEST, "http://127.0.0.1:8123/", 100)
    changed = [(a, b) for a, b in zip(MANIFEST.splitlines(), patched.splitlines()) if a != b]
    assert changed == [
        ('    url_base: "https://api.getbase.com/v2"', '    url_base: "http://127.0.0.1:8123/v2"'),
        ("        page_size: 2", "        page_size: 100"),
    ]


def test_patch_manifest_for_start_up_makes_check_read_stages():
    patched = peer.patch_manifest(MANIFEST, "http://127.0.0.1:8123", 2, check_stages=True)
    changed = [(a, b) for a, b in zip(MANIFEST.splitlines(), patched.splitlines()) if a != b]
    assert changed == [
        ('    url_base: "https://api.getbase.com/v2"', '    url_base: "http://127.0.0.1:8123/v2"'),
        ("    - leads", "    - stages"),
    ]


def test_patch_manifest_at_own_page_size_keeps_it():
    patched = peer.patch_manifest(MANIFEST, "http://127.0.0.1:8123", 2)
    assert "page_size: 2\n" in patched and "api.getbase.com" not in patched


def test_patch_manifest_refuses_a_manifest_it_does_not_recognise():
    with pytest.raises(ValueError, match="url_base"):
        peer.patch_manifest(MANIFEST.replace("api.getbase.com", "example.com"), "http://127.0.0.1:1", 100)
    doubled = MANIFEST + "        page_size: 2\n"
    with pytest.raises(ValueError, match="page_size"):
        peer.patch_manifest(doubled, "http://127.0.0.1:1", 100)


def test_read_output_counts_records_duplicates_and_errors(tmp_path):
    def record(stream, id_, at):
        return {"type": "RECORD", "record": {"stream": stream, "data": {"id": id_}, "emitted_at": at}}

    messages = [
        {"type": "LOG", "log": {"level": "INFO", "message": "hello"}},
        record("stages", 1, 10), record("stages", 2, 11), record("stages", 2, 12), record("other", 3, 13),
        {"type": "TRACE", "trace": {"type": "ERROR", "error": {"message": "boom", "failure_type": "system_error"}}},
    ]
    path = tmp_path / "out.jsonl"
    path.write_text("\n".join(json.dumps(m) for m in messages) + "\nnot json\n")
    read = read_output(path, "stages")
    assert (read.records, read.unique_ids, read.exactly_once) == (3, 2, False)
    assert read.errors == ["system_error: boom"]


def test_requests_minimal_needs_every_size_exact():
    assert targets.requests_minimal("t", [(7, 1, 1), (1000, 10, 10)]).passed
    assert not targets.requests_minimal("t", [(7, 1, 1), (1000, 11, 10)]).passed
    assert not targets.requests_minimal("t", [(7, None, 1)]).passed
    assert not targets.requests_minimal("t", []).passed


def test_at_most_factor_boundaries_and_missing_numbers():
    assert targets.at_most_factor("t", 3.0, 6.0, 0.5).passed
    assert not targets.at_most_factor("t", 3.01, 6.0, 0.5).passed
    assert not targets.at_most_factor("t", None, 6.0, 0.5).passed


def test_rss_targets():
    assert targets.rss_ceiling("t", 100_000, 99.9).passed
    assert not targets.rss_ceiling("t", 100_000, 100.1).passed
    assert targets.rss_not_growing("t", [(100_000, 80.0), (1_000_000, 87.9)]).passed
    assert not targets.rss_not_growing("t", [(100_000, 80.0), (1_000_000, 88.1)]).passed
    assert not targets.rss_not_growing("t", [(100_000, 80.0), (1_000_000, None)]).passed


def test_rate_limit_targets():
    assert targets.no_429("t", 0, []).passed
    assert not targets.no_429("t", 1, []).passed
    assert not targets.no_429("t", 0, ["exit 1"]).passed
    assert targets.rate_share("t", 9.0, 10).passed
    assert not targets.rate_share("t", 8.9, 10).passed
    assert not targets.rate_share("t", None, 10).passed


def test_exactly_once_reports_the_failing_size():
    check = targets.exactly_once("t", [(7, True, []), (1000, False, [])])
    assert not check.passed and "N=1,000" in check.measured
    assert targets.exactly_once("t", [(7, True, []), (1000, True, [])]).passed


def test_summary_lines_say_pass_or_fail():
    lines = targets.summary_lines([targets.TargetCheck("a", "1", True), targets.TargetCheck("b", "2", False)])
    assert lines == ["PASS  a: 1", "FAIL  b: 2"]


def _row(api, runner, n, wall, requests=None, minimum=None, rss=None, errors=(), once=True):
    return {"api": api, "runner": runner, "n": n, "wall_s_median": wall, "list_requests": requests,
            "min_list_requests": minimum, "peak_rss_mb": rss, "errors": list(errors), "exactly_once": once}


def _passing_results():
    from benchmarks import labels

    rows, memory = [], []
    for api in ("zendesk_sell", "ruddr"):
        rows += [_row(api, labels.OURS, 7, 1.5, 1, 1, 74.0), _row(api, labels.OURS, 100_000, 4.0, 1000, 1000, 85.0),
                 _row(api, labels.CDK_FLOOR, 100_000, 4.0)]
        memory.append(_row(api, labels.OURS, 1_000_000, 40.0, 10_000, 10_000, 88.0))
    rows.append(_row("zendesk_sell", labels.PEER_100, 100_000, 9.0))
    rate_runs = [{"api": "zendesk_sell", "status_429": 0, "achieved_rps": 9.5, "errors": []},
                 {"api": "ruddr", "status_429": 0, "achieved_rps": 19.0, "errors": []}]
    return rows, memory, rate_runs


def test_evaluate_passes_when_every_target_is_met():
    from benchmarks import evaluate

    checks = evaluate.checks(*_passing_results())
    assert len(checks) == 15 and all(c.passed for c in checks), [c for c in checks if not c.passed]


def test_evaluate_fails_the_right_targets():
    from benchmarks import evaluate, labels

    rows, memory, rate_runs = _passing_results()
    rows[1]["list_requests"] = 1001  # zendesk_sell ours at 100,000: one request too many
    memory[1]["peak_rss_mb"] = 120.0  # ruddr grows with N
    rate_runs[0]["status_429"] = 2
    rows[4]["wall_s_median"] = 4.1  # ruddr ours at 100,000: slower than the minimal CDK source (4.0)
    rows = [r for r in rows if r["runner"] != labels.PEER_100]  # the peer did not run
    failed = {c.target for c in evaluate.checks(rows, memory, rate_runs) if not c.passed}
    assert failed == {
        "Zendesk Sell stages: list requests = ceil(N/100)",
        "Ruddr opportunity stages: peak RSS not growing with N (<= 1.10 x)",
        "Zendesk Sell stages: zero 429 with default settings",
        "Zendesk Sell stages: wall at N=100,000 <= 0.5 x peer at page size 100",
        "Ruddr opportunity stages: wall at N=100,000 <= 1.0 x the minimal CDK source",
    }


def _latency(read, startup=1.6, pages=20, status_429=0, errors=()):
    return {"dataset": "large:2000", "read_s_median": read, "startup_s_median": startup, "longest_stream_pages": pages,
            "floor_s": startup + pages * 0.15, "status_429": status_429, "list_requests": 44, "errors": list(errors)}


def test_latency_target_is_a_quarter_over_start_up_plus_the_longest_streams_pages():
    from benchmarks.latency import latency_checks

    # start-up 1.6 s + 20 pages x 0.15 s = 4.6 s; 1.25 x that is 5.75 s
    assert [c.passed for c in latency_checks([_latency(5.75), _latency(5.76)])] == [True, False]
    assert "5.75 s = 1.25 x (1.60 s + 20 x 0.15 s = 4.60 s); 0 x 429" in latency_checks([_latency(5.75)])[0].measured
    assert [c.passed for c in latency_checks([_latency(3.0, status_429=1), _latency(None, errors=["exit 1"])])] == [
        False, False]


class _Frame:
    def __init__(self, function, file_path, self_time, children=(), synthetic=False):
        self.function, self.file_path, self.is_synthetic = function, file_path, synthetic
        self.children = list(children)
        self.total_self_time = self_time + sum(c.total_self_time for c in self.children if c.is_synthetic)


def test_cost_breakdown_counts_each_sample_under_its_innermost_cost():
    from benchmarks.profile import HTTP, OTHER, OURS, cost_breakdown

    site = "/venv/lib/python3.11/site-packages/"
    send_request = _Frame("send_request", site + "airbyte_cdk/sources/streams/http/http_client.py", 0.3, [
        _Frame("send", site + "requests/adapters.py", 1.0, [_Frame("recv_into", "<built-in>", 2.0)]),
        _Frame("[self]", "", 0.5, synthetic=True),
    ])
    root = _Frame("<module>", "/venv/bin/source-stages", 0.0, [
        _Frame("<module>", "/repo/source_stages/__init__.py", 1.5),
        _Frame("run", "/repo/source_stages/run.py", 0.1, [send_request, _Frame("helper", "/elsewhere/x.py", 0.2)]),
    ])
    costs = dict(cost_breakdown(root))
    assert costs[HTTP] == pytest.approx(3.0)
    assert costs[next(c for c in costs if c.startswith("per request"))] == pytest.approx(0.8)
    assert costs[next(c for c in costs if c.startswith("start-up"))] == pytest.approx(1.5)
    assert costs[OURS] == pytest.approx(0.3)  # run.py's own time and the helper it calls
    assert OTHER not in costs or costs[OTHER] == 0


def test_cost_breakdown_counts_the_cdks_read_loop_below_the_connectors_read_as_the_cdks():
    from benchmarks.profile import OURS, cost_breakdown

    site = "/venv/lib/python3.13/site-packages/"
    cdk_read = _Frame("read", site + "airbyte_cdk/sources/abstract_source.py", 0.1, [
        _Frame("_read_stream", site + "airbyte_cdk/sources/abstract_source.py", 2.0, [
            _Frame("parse_response", "/repo/stage_apis/list_stream.py", 0.4),
        ]),
    ])
    root = _Frame("run", site + "airbyte_cdk/entrypoint.py", 0.0, [
        _Frame("read", "/repo/source_stages/source.py", 0.05, [cdk_read]),
    ])
    costs = dict(cost_breakdown(root))
    assert costs[next(c for c in costs if c.startswith("per record, CDK: the read loop"))] == pytest.approx(2.1)
    assert costs[OURS] == pytest.approx(0.45)  # the override's own time and the stream's hook


def test_cost_breakdown_does_not_count_the_profiled_script_as_an_import():
    from benchmarks.profile import OTHER, cost_breakdown

    root = _Frame("<module>", "/venv/bin/source-stages", 0.1, [_Frame("main_loop", "/elsewhere/y.py", 0.4)])
    assert dict(cost_breakdown(root)) == {OTHER: pytest.approx(0.5)}


def test_time_split_shows_what_the_cdk_and_our_code_add_to_the_limit():
    from benchmarks import labels, report

    rows = [_row(api, runner, 100_000, wall) for api in ("zendesk_sell", "ruddr")
            for runner, wall in ((labels.STACK_LIMIT, 4.0), (labels.CDK_FLOOR, 5.5), (labels.OURS, 5.75))]
    rows[-1] = _row("ruddr", labels.OURS, 100_000, 5.0, errors=("exit 1",))
    zendesk, ruddr = report.time_split_table(rows)[2:]
    assert zendesk == "| Zendesk Sell stages | 4.00 | +1.50 | 5.50 (1.38 x) | +0.25 | 5.75 (1.44 x) |"
    assert ruddr == "| Ruddr opportunity stages | 4.00 | – | 5.50 | – | – |"


def startup_row(command, runner, wall, errors=()):
    return {"command": command, "runner": runner, "wall_s_median": wall, "errors": list(errors)}


def test_startup_ratios_pair_ours_with_the_peer_and_skip_failed_runs():
    rows = [startup_row("spec", "ours-3.13", 0.6), startup_row("spec", "peer-3.11", 1.0),
            startup_row("spec", "ours-3.11", 0.9), startup_row("spec", "peer-3.13", 0.8, errors=["exit 1"])]
    ratios = {(r["ours"], r["peer"]): r["ratio"] for r in startup.ratio_rows(rows, "3.13", "3.11") if r["command"] == "spec"}
    assert ratios[("ours-3.13", "peer-3.11")] == pytest.approx(0.6)
    assert ratios[("ours-3.11", "peer-3.11")] == pytest.approx(0.9)
    assert ratios[("ours-3.13", "peer-3.13")] is None  # the peer's run failed
    assert ratios[("ours-image", "peer-image")] is None  # not measured


def test_startup_target_is_ours_on_the_default_python_against_the_peer_on_the_other():
    rows = [startup_row(c, "ours-3.13", wall) for c, wall in (("spec", 0.7), ("check", 0.71), ("discover", 0.5))]
    rows += [startup_row(c, "peer-3.11", 1.0) for c in ("spec", "check", "discover")]
    assert [c.passed for c in startup.checks(rows, "3.13", "3.11")] == [True, False, True]
    assert not startup.checks(rows[:2], "3.13", "3.11")[0].passed  # no peer row: missing, not passed
