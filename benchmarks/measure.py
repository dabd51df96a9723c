"""Measure one cell of the results table: a warm-up, then repeated runs of one command."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Sequence

from benchmarks.airbyte_output import read_output
from benchmarks.plan import PAGE_SIZE, RUN_TIMEOUT_S, Api
from benchmarks.process import run_measured
from benchmarks.stats import median, min_list_requests, records_per_second

# What a run's stdout holds: Airbyte messages of a stream, a printed row count, or nothing.
AIRBYTE, ROW_COUNT, NOTHING = "airbyte", "row_count", "nothing"


@dataclass
class Measurement:
    api: str
    runner: str
    n: int
    walls_s: List[float] = field(default_factory=list)
    peak_rss_mb: Optional[float] = None
    list_requests: Optional[int] = None
    min_list_requests: Optional[int] = None
    status_429: int = 0
    records: Optional[int] = None
    exactly_once: Optional[bool] = None
    errors: List[str] = field(default_factory=list)

    @property
    def wall_s(self) -> Optional[float]:
        return median(self.walls_s) if self.walls_s else None

    @property
    def records_per_s(self) -> Optional[float]:
        if self.wall_s is None or self.records is None:
            return None
        return records_per_second(self.records, self.wall_s)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.walls_s)

    def to_json(self) -> dict:
        return {
            "api": self.api, "runner": self.runner, "n": self.n,
            "wall_s_median": self.wall_s, "walls_s": self.walls_s,
            "records_per_s": self.records_per_s, "records": self.records,
            "exactly_once": self.exactly_once,
            "list_requests": self.list_requests, "min_list_requests": self.min_list_requests,
            "status_429": self.status_429, "peak_rss_mb": self.peak_rss_mb,
            "errors": self.errors,
        }


def last_line(path: Path, chars: int = 300) -> str:
    lines = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return lines[-1][-chars:] if lines else ""


def measure(
    api: Api,
    runner: str,
    n: int,
    argv: Sequence[str],
    sandbox,
    work_dir: Path,
    output: str,
    stream: Optional[str] = None,
    runs: int = 5,
    warmups: int = 1,
    page_size: int = PAGE_SIZE,
) -> Measurement:
    """Run `argv` warmups+runs times against `sandbox`; stop at the first failed run."""
    result = Measurement(api=api.key, runner=runner, n=n)
    if output != NOTHING:
        result.min_list_requests = min_list_requests(n, page_size)
    stdout, stderr = work_dir / "stdout", work_dir / "stderr"
    rss, request_counts = [], []
    for attempt in range(warmups + runs):
        sandbox.clear_requests()
        run = run_measured(argv, stdout, stderr, RUN_TIMEOUT_S)
        if run.timed_out:
            result.errors.append(f"timed out after {RUN_TIMEOUT_S} s")
            break
        if run.returncode != 0:
            result.errors.append(f"exit {run.returncode}: {last_line(stderr) or last_line(stdout)}")
            break
        logged = [r for r in sandbox.requests() if r["method"] == "GET" and r["path"] == api.list_path]
        result.status_429 += sum(1 for r in logged if r["status"] == 429)
        if output == AIRBYTE:
            read = read_output(stdout, stream)
            result.records, result.exactly_once = read.records, read.exactly_once
            result.errors.extend(read.errors)
        elif output == ROW_COUNT:
            result.records = int(stdout.read_text().strip())
        if output != NOTHING and result.records != n:
            result.errors.append(f"read {result.records} records, expected {n}")
        if result.exactly_once is False:
            result.errors.append("some records were read more than once")
        if result.errors:
            break
        if attempt >= warmups:
            result.walls_s.append(run.wall_s)
            rss.append(run.peak_rss_mb)
            request_counts.append(len(logged))
    if rss:
        result.peak_rss_mb = max(rss)
    if request_counts and output != NOTHING:
        result.list_requests = max(request_counts)
        if min(request_counts) != max(request_counts):
            result.errors.append(f"list requests varied between runs: {sorted(set(request_counts))}")
    return result
