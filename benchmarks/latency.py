"""Latency: a read of all five streams while every answer takes RESPONSE_DELAY_S and the sandbox
enforces the documented rate limits, against the time the read cannot go below when the streams
are read at the same time: start-up plus the longest stream's pages, one after another.

Start-up is the wall time of `source-stages spec` (importing the stack, building the config,
exiting), run in the same rounds. The longest stream's page count comes from the sandbox's request
log of each read. Every run must emit every record of the four lists exactly once and get no 429.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

from benchmarks.airbyte_output import read_output
from benchmarks.commands import BIN, catalog_of, write_json
from benchmarks.measure import last_line
from benchmarks.plan import LATENCY_DATASETS, LATENCY_RUNS, LATENCY_WARMUPS, RESPONSE_DELAY_S, RUN_TIMEOUT_S
from benchmarks.process import run_measured
from benchmarks.stats import median
from benchmarks.targets import LATENCY_FACTOR, TargetCheck
from sandbox import Sandbox
from sandbox.connectors import ALL_STREAMS, RAW_STREAMS, list_path, sandbox_config, sandbox_rows

SLOW_EVERY_ANSWER = f"/*,kind=slow,delay={RESPONSE_DELAY_S},times=inf"


@dataclass
class LatencyResult:
    dataset: str
    read_walls_s: List[float] = field(default_factory=list)
    startup_walls_s: List[float] = field(default_factory=list)
    longest_pages: Optional[int] = None
    requests: Optional[int] = None
    status_429: int = 0
    errors: List[str] = field(default_factory=list)

    @property
    def floor_s(self) -> Optional[float]:
        if not self.startup_walls_s or self.longest_pages is None:
            return None
        return median(self.startup_walls_s) + self.longest_pages * RESPONSE_DELAY_S

    def to_json(self) -> dict:
        return {
            "dataset": self.dataset,
            "read_s_median": median(self.read_walls_s) if self.read_walls_s else None,
            "read_walls_s": self.read_walls_s,
            "startup_s_median": median(self.startup_walls_s) if self.startup_walls_s else None,
            "longest_stream_pages": self.longest_pages, "list_requests": self.requests,
            "floor_s": self.floor_s, "status_429": self.status_429, "errors": self.errors,
        }


def measure_latency(work_dir: Path, log: Callable[[str], None]) -> List[dict]:
    results = []
    for dataset in LATENCY_DATASETS:
        log(f"sandbox {dataset}, every answer {RESPONSE_DELAY_S} s late, rate limits on: latency runs")
        with Sandbox.start(dataset=dataset, rate_limits=True, faults=(SLOW_EVERY_ANSWER,)) as sandbox:
            result = _measure(sandbox, dataset, work_dir / "latency")
        log(f"{dataset}: read {result.to_json()['read_s_median']} s, floor {result.floor_s} s, "
            f"{result.status_429} x 429, {result.errors}")
        results.append(result.to_json())
    return results


def _measure(sandbox: Sandbox, dataset: str, work_dir: Path) -> LatencyResult:
    result = LatencyResult(dataset)
    config = write_json(work_dir / "config.json", sandbox_config(sandbox))
    catalog = write_json(work_dir / "catalog.json", catalog_of(ALL_STREAMS))
    read = [str(BIN / "source-stages"), "read", "--config", str(config), "--catalog", str(catalog)]
    spec = [str(BIN / "source-stages"), "spec"]
    expected = {stream: len(sandbox_rows(sandbox.data(), stream)) for stream in RAW_STREAMS}
    paths = {stream: list_path(sandbox, stream) for stream in RAW_STREAMS}
    stdout, stderr = work_dir / "stdout", work_dir / "stderr"
    for attempt in range(LATENCY_WARMUPS + LATENCY_RUNS):
        counted = attempt >= LATENCY_WARMUPS
        sandbox.clear_requests()
        run = run_measured(read, stdout, stderr, RUN_TIMEOUT_S)
        if run.timed_out or run.returncode != 0:
            result.errors.append(f"read: exit {run.returncode}: {last_line(stderr) or last_line(stdout)}")
            return result
        problems = _read_problems(stdout, expected)
        requests = [r for r in sandbox.requests() if r["method"] == "GET"]
        pages = {stream: sum(1 for r in requests if r["path"] == path) for stream, path in paths.items()}
        result.status_429 += sum(1 for r in requests if r["status"] == 429)
        if problems:
            result.errors.extend(problems)
            return result
        startup = run_measured(spec, stdout, stderr, RUN_TIMEOUT_S)
        if startup.returncode != 0:
            result.errors.append(f"spec: exit {startup.returncode}: {last_line(stderr)}")
            return result
        if counted:
            result.read_walls_s.append(run.wall_s)
            result.startup_walls_s.append(startup.wall_s)
            result.longest_pages, result.requests = max(pages.values()), len(requests)
    return result


def _read_problems(stdout: Path, expected: Dict[str, int]) -> List[str]:
    problems = []
    for stream, count in expected.items():
        read = read_output(stdout, stream)
        problems += [f"{stream}: {error}" for error in read.errors]
        if read.records != count or not read.exactly_once:
            problems.append(f"{stream}: {read.records} records (expected {count}, each once)")
    return problems


def latency_checks(results: List[dict]) -> List[TargetCheck]:
    checks = []
    for result in results:
        target = (f"All five streams, every answer {RESPONSE_DELAY_S} s late, rate limits on, {result['dataset']}: "
                  f"wall <= {LATENCY_FACTOR} x (start-up + the longest stream's pages x {RESPONSE_DELAY_S} s), "
                  "zero 429")
        read, floor = result["read_s_median"], result["floor_s"]
        if read is None or floor is None or result["errors"]:
            checks.append(TargetCheck(target, "; ".join(result["errors"]) or "missing", False))
            continue
        measured = (f"{read:.2f} s = {read / floor:.2f} x ({result['startup_s_median']:.2f} s + "
                    f"{result['longest_stream_pages']} x {RESPONSE_DELAY_S} s = {floor:.2f} s); "
                    f"{result['status_429']} x 429")
        checks.append(TargetCheck(target, measured, read <= LATENCY_FACTOR * floor and result["status_429"] == 0))
    return checks
