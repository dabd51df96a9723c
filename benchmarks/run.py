"""`make bench`: every measurement in one run, then the results and the target checks.
`make bench-startup` (`--startup-only`) runs only the start-up part."""

import argparse
import datetime
import os
import platform
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple
from urllib.parse import parse_qsl

from benchmarks import chart, commands, evaluate, labels, latency, peer, report, startup, targets
from benchmarks.measure import AIRBYTE, NOTHING, ROW_COUNT, Cell, Measurement, measure_interleaved
from benchmarks.plan import (
    APIS, CACHE_DIR, MEMORY_SIZE, PAGE_SIZE, PEER_OWN_PAGE_SIZE, PEER_OWN_PAGE_SIZE_REPEATED_MAX_N,
    RATE_LIMIT_PAGES, RESULTS_DIR, RUNS, SIZES, THROUGHPUT_MAX_REQUESTS_PER_SECOND, WARMUPS, WORK_DIR,
    ZENDESK_SELL,
)
from benchmarks.profile import profile_read
from benchmarks.rate_limits import measure_rate_limited_read
from benchmarks.stats import linear_extrapolation
from sandbox import Sandbox

PAGING_PARAMS = {"page", "per_page", "limit", "startingAfter", "endingBefore"}


# The 1-minute load average at each log line: other work on the (shared) machine shows as a peak.
LOAD_SAMPLES: List[float] = []


def log(message: str) -> None:
    LOAD_SAMPLES.append(os.getloadavg()[0])
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def log_measurement(m: Measurement) -> None:
    wall = "failed: " + "; ".join(m.errors)[:300] if m.errors else f"{m.wall_s:.3f} s median"
    log(f"{m.api} N={m.n:,} {m.runner}: {wall}, {m.list_requests} list requests, "
        f"peak RSS {m.peak_rss_mb or 0:.1f} MB")


def run_cells(cells: List[Cell], sandbox, runs: int = RUNS, warmups: int = WARMUPS) -> List[Measurement]:
    measurements = measure_interleaved(cells, sandbox, WORK_DIR, runs=runs, warmups=warmups)
    for m in measurements:
        log_measurement(m)
    return measurements


def same_pages_query(ours: Cell) -> Dict[str, str]:
    """The non-paging query of our first logged list request, so the requests loop reads the same pages."""
    return {k: v for k, v in parse_qsl(ours.first_query or "") if k not in PAGING_PARAMS}


def size_cells(n: int, manifest: str, sandbox, peer_bin: Path) -> Tuple[List[Cell], List[Cell]]:
    """The cells repeated at size n, and those run once (the peer at page size 2 above
    PEER_OWN_PAGE_SIZE_REPEATED_MAX_N). The peer runs from `peer_bin`, a venv on its image's Python."""
    repeated, once = [], []
    max_rps = THROUGHPUT_MAX_REQUESTS_PER_SECOND
    for api in APIS:
        ours = Cell(api, labels.OURS, n, lambda api=api: commands.ours(api, sandbox, WORK_DIR / api.key, max_rps),
                    AIRBYTE, api.stream)
        repeated.append(ours)
        if api.has_peer:
            repeated.append(Cell(api, labels.PEER_100, n,
                                 lambda: commands.peer_read(manifest, sandbox, WORK_DIR / "peer", PAGE_SIZE, peer_bin),
                                 AIRBYTE, peer.STREAM))
            peer_own = Cell(api, labels.PEER_2, n,
                            lambda: commands.peer_read(manifest, sandbox, WORK_DIR / "peer", PEER_OWN_PAGE_SIZE,
                                                       peer_bin),
                            AIRBYTE, peer.STREAM, page_size=PEER_OWN_PAGE_SIZE)
            (repeated if n <= PEER_OWN_PAGE_SIZE_REPEATED_MAX_N else once).append(peer_own)
        repeated.append(Cell(api, labels.CDK_FLOOR, n,
                             lambda api=api, ours=ours: commands.minimal_cdk(api, sandbox, WORK_DIR / api.key,
                                                                             same_pages_query(ours)),
                             AIRBYTE, api.stream))
        repeated.append(Cell(api, labels.REQUESTS_LOOP, n,
                             lambda api=api, ours=ours: commands.requests_loop(api, sandbox, same_pages_query(ours)),
                             ROW_COUNT))
    return repeated, once


def derived_rows(rows: List[dict], cdk_import: Measurement) -> List[dict]:
    """The stack's limit (loop + import) per size, with the import's row beside it."""
    derived = []
    import_row = cdk_import.to_json()
    for loop in [r for r in rows if r["runner"] == labels.REQUESTS_LOOP]:
        derived.append({**import_row, "api": loop["api"], "n": loop["n"], "walls_s": []})
        wall = None if loop["errors"] or cdk_import.errors else loop["wall_s_median"] + cdk_import.wall_s
        derived.append({
            **loop, "runner": labels.STACK_LIMIT, "walls_s": [], "wall_s_median": wall,
            "records_per_s": None if wall is None else loop["n"] / wall, "peak_rss_mb": None,
            "list_requests": None, "min_list_requests": None,
            "errors": loop["errors"] + cdk_import.errors,
        })
    return derived


def peer_own_page_size_note(rows: List[dict]) -> str:
    """The single large run of the peer at page size 2 against a straight line through its smaller sizes."""
    runs = sorted((r for r in rows if r["runner"] == labels.PEER_2 and not r["errors"]), key=lambda r: r["n"])
    repeated = [r for r in runs if r["n"] <= PEER_OWN_PAGE_SIZE_REPEATED_MAX_N]
    single = [r for r in runs if r["n"] > PEER_OWN_PAGE_SIZE_REPEATED_MAX_N]
    if len(repeated) < 2 or not single:
        return "The peer at page size 2 could not be compared with its extrapolation (a run failed)."
    small, large, big = repeated[0], repeated[-1], single[-1]
    predicted = linear_extrapolation(small["n"], small["wall_s_median"], large["n"], large["wall_s_median"], big["n"])
    return (f"The peer at page size 2 runs once at N = {big['n']:,} ({big['list_requests']:,} requests): "
            f"{big['wall_s_median']:.1f} s; a straight line through its N = {small['n']:,} and N = {large['n']:,} "
            f"medians predicts {predicted:.1f} s.")


def git_commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "stage_apis", "source_stages"], capture_output=True, text=True)
        return head.stdout.strip() + ("+uncommitted connector changes" if dirty.stdout.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


NOTES = [
    f"At each N the commands run interleaved: {WARMUPS} warm-up round, then {RUNS} measured rounds, each "
    "running every command once, so a slow spell of the (shared) machine lands on all of them alike. "
    "`import airbyte_cdk` is timed in the rounds of the largest N.",
    f"The peer is `{peer.DISTRIBUTION}` {peer.VERSION} from PyPI; its `manifest.yaml` runs on our airbyte-cdk "
    "through `source-declarative-manifest --manifest-path`, patched only in `url_base` (the sandbox) and, for "
    "the page-size-100 runs, `page_size`. It runs on Python 3.11 (the venv of `--other-python-bin`), the Python "
    "of the image Airbyte ships manifest-only connectors in; source-stages, the minimal CDK source and the "
    "requests loop run on the project's Python, 3.13, its image's.",
    f"The peer at page size 2 is repeated like the others up to N = {PEER_OWN_PAGE_SIZE_REPEATED_MAX_N:,} and "
    "run once, without warm-up, above (N/2 requests), marked *(one run)*.",
    "List requests are the GET requests to the stream's list path in the sandbox's request log, per run; "
    "the minimum in brackets is ceil(N/page size).",
    "Peak RSS is the kernel's maximum resident set size of the measured process (wait4 rusage), the largest "
    "over the measured runs. Each command is spawned by a ~10 MB helper (`benchmarks/spawn_measured.py`), "
    "because a process forked from the benchmark itself would report the benchmark's size; so no figure is "
    "below ~10 MB.",
    "The requests loop reads the same pages with `requests.Session` and only parses the JSON; it sends the "
    "same non-paging query parameters as source-stages' logged first request. So does the minimal CDK source, "
    "which decodes each page once with `response.json()` like the loop.",
    f"Peak RSS 'not growing' means N = {MEMORY_SIZE:,} uses at most {targets.RSS_GROWTH_TOLERANCE:.2f} x the "
    "peak RSS at N = 100,000.",
    f"The rate-limit read has {RATE_LIMIT_PAGES} pages of {PAGE_SIZE}, default settings (no "
    "`max_requests_per_second`), the sandbox enforcing the documented limits (token buckets: Zendesk Sell 10 "
    "per token, refilled at 10/s; Ruddr 60 per workspace, refilled at 20/s); the achieved rate is "
    "(requests - 1) / (time of the last - time of the first list request) from the sandbox's log, so "
    "process start-up does not dilute it. The client's budget (L requests per 1.05 s moving window) sends "
    "each window's L requests at once, so 60 requests span 5 windows and the rate of this short read can "
    "exceed L/s, as the sandbox allows (zero 429); over a long read it tends to L/1.05 s = 95 %.",
]


STARTUP_NOTES = [
    "Start-up: `spec`, `check` and `discover` of each runner as a fresh process against the sandbox's "
    "default dataset, interleaved round by round like the reads. source-stages' config holds only its "
    "Zendesk Sell block, so its `check` makes one request, as the peer's does; the peer's manifest is patched "
    "in `url_base` and in the stream its `check` reads (`stages` for `leads`, which the sandbox does not "
    "serve). Each run must print its SPEC, CONNECTION_STATUS (SUCCEEDED, one request) or CATALOG.",
    "The peer's console script is `source-declarative-manifest --manifest-path`, whose `spec` prints the "
    "generic declarative spec without reading the manifest; the peer's image "
    "(`benchmarks/peer-image.Dockerfile`: python:3.11-slim, the same airbyte-cdk, the manifest where "
    "Airbyte's manifest-only images keep it) reads the manifest for every command, `spec` included.",
    "Here the images are built and run with ../shared/tools/docker-local.sh, whose python:3.11-slim and "
    "python:3.13-slim are Debian 12's Python 3.11 and Debian 13's 3.13; `docker run --network host`, config "
    "mounted read-only.",
]


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--other-python-bin", type=Path, required=True,
                        help="bin/ of a venv on the peer image's Python (3.11) with source-stages installed")
    parser.add_argument("--startup-only", action="store_true", help="run only the start-up part")
    return parser.parse_args(argv)


def run_meta(started: float, load_samples: List[float], notes: List[str]) -> dict:
    """load_samples: the load averages logged since the part started (its first is at the start)."""
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "commit": git_commit(), "python": platform.python_version(), "airbyte_cdk": version("airbyte-cdk"),
        "peer": f"{peer.DISTRIBUTION} {peer.VERSION}", "cpus": os.cpu_count(),
        "load_average_1min": [round(load, 2) for load in (load_samples[0], max(load_samples), os.getloadavg()[0])],
        "bench_wall_s": time.perf_counter() - started, "notes": notes,
    }


def run_startup(manifest: str, other_bin: Path) -> List[targets.TargetCheck]:
    started, first_sample = time.perf_counter(), len(LOAD_SAMPLES)
    log("sandbox default: start-up runs")
    with Sandbox.start(dataset="default", rate_limits=False) as sandbox:
        results = startup.measure_startup(sandbox, manifest, WORK_DIR, other_bin, log)
    report.write_startup(results, run_meta(started, LOAD_SAMPLES[first_sample:], STARTUP_NOTES), RESULTS_DIR)
    return [targets.TargetCheck(**c) for c in results["targets"]]


def finish(checks: List[targets.TargetCheck], started: float, results_file: str) -> int:
    print("\n".join(targets.summary_lines(checks)))
    passed = all(c.passed for c in checks)
    print(f"make bench: {'all targets PASS' if passed else 'some targets FAIL'}; "
          f"{time.perf_counter() - started:.0f} s; results in "
          f"{(RESULTS_DIR / results_file).relative_to(RESULTS_DIR.parent.parent)}")
    return 0 if passed else 1


def main(argv: Optional[Sequence[str]] = None) -> int:
    options = parse_args(argv)
    started = time.perf_counter()
    log(f"make bench{' (start-up only)' if options.startup_only else ''}")
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    manifest = peer.read_manifest(peer.fetch_wheel(CACHE_DIR))
    startup_checks = run_startup(manifest, options.other_python_bin)
    if options.startup_only:
        return finish(startup_checks, started, "startup.md")
    measurements: List[Measurement] = []
    profile = {}
    import_cell = Cell(ZENDESK_SELL, labels.CDK_IMPORT, 0, commands.cdk_import, NOTHING)
    for n in SIZES:
        log(f"sandbox large:{n}")
        with Sandbox.start(dataset=f"large:{n}", rate_limits=False) as sandbox:
            repeated, once = size_cells(n, manifest, sandbox, options.other_python_bin.absolute())
            # The import is timed in the rounds of the largest size, beside the reads it is compared with.
            measurements += run_cells(repeated + ([import_cell] if n == max(SIZES) else []), sandbox)
            measurements += run_cells(once, sandbox, runs=1, warmups=0)
            if n == max(SIZES):
                log("profiling source-stages, zendesk_sell_stages")
                argv = commands.ours(ZENDESK_SELL, sandbox, WORK_DIR, THROUGHPUT_MAX_REQUESTS_PER_SECOND)
                profile = profile_read(argv, WORK_DIR, RESULTS_DIR / f"profile-zendesk_sell_stages-{n}.txt")
    log(f"sandbox large:{MEMORY_SIZE}")
    memory = []
    with Sandbox.start(dataset=f"large:{MEMORY_SIZE}", rate_limits=False) as sandbox:
        for api in APIS:
            cell = Cell(api, labels.OURS, MEMORY_SIZE,
                        lambda api=api: commands.ours(api, sandbox, WORK_DIR / api.key, THROUGHPUT_MAX_REQUESTS_PER_SECOND),
                        AIRBYTE, api.stream)
            memory += [m.to_json() for m in run_cells([cell], sandbox, runs=1, warmups=0)]
    latency_results = latency.measure_latency(WORK_DIR, log)
    log(f"sandbox large:{RATE_LIMIT_PAGES * PAGE_SIZE} enforcing the documented rate limits")
    rate_runs = []
    with Sandbox.start(dataset=f"large:{RATE_LIMIT_PAGES * PAGE_SIZE}", rate_limits=True) as sandbox:
        for api in APIS:
            run = measure_rate_limited_read(api, sandbox, WORK_DIR)
            log(f"{api.key} rate-limited read: {run.status_429} x 429, {run.achieved_rps} requests/s, "
                f"{run.errors}")
            rate_runs.append(run.to_json())

    cdk_import = next(m for m in measurements if m.runner == labels.CDK_IMPORT)
    rows = [m.to_json() for m in measurements if m.runner != labels.CDK_IMPORT]
    rows += derived_rows(rows, cdk_import)
    memory_by_size = [r for r in rows if r["runner"] == labels.OURS] + memory
    checks = evaluate.checks(rows, memory, rate_runs) + latency.latency_checks(latency_results)
    results = {
        "meta": {
            **run_meta(started, LOAD_SAMPLES, NOTES + [peer_own_page_size_note(rows)]),
            "runs": RUNS, "warmups": WARMUPS, "throughput_max_rps": THROUGHPUT_MAX_REQUESTS_PER_SECOND,
        },
        "rows": rows,
        "memory": sorted(memory_by_size, key=lambda r: ([a.key for a in APIS].index(r["api"]), r["n"])),
        "rate_limits": rate_runs,
        "latency": latency_results,
        "targets": [c.to_json() for c in checks + startup_checks],
        "profile": profile,
    }
    report.write(results, RESULTS_DIR)
    chart.plot(rows, RESULTS_DIR / "chart.png")
    return finish(checks + startup_checks, started, "results.md")
