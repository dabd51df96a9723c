"""Measure the cells of the results table: warm-up rounds, then measured rounds of their commands."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, List, Optional, Sequence

from benchmarks.airbyte_output import read_output
from benchmarks.plan import PAGE_SIZE, RUN_TIMEOUT_S, BenchedApi
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


class Cell:
    """One cell of the results table: a command run repeatedly against the sandbox. `argv` is built
    at the first run, so a cell can use what an earlier cell of the same round logged."""

    def __init__(self, api: BenchedApi, runner: str, n: int, argv: Callable[[], Sequence[str]], output: str,
                 stream: Optional[str] = None, page_size: int = PAGE_SIZE):
        self.api, self.output, self.stream = api, output, stream
        self._argv_factory, self._argv = argv, None
        self.result = Measurement(api=api.key, runner=runner, n=n)
        if output != NOTHING:
            self.result.min_list_requests = min_list_requests(n, page_size)
        self.first_query: Optional[str] = None  # the query string of the first list request logged
        self._rss: List[float] = []
        self._request_counts: List[int] = []

    @property
    def failed(self) -> bool:
        return bool(self.result.errors)

    def run_once(self, sandbox, work_dir: Path, counted: bool) -> None:
        result, n = self.result, self.result.n
        if self._argv is None:
            self._argv = list(self._argv_factory())
        stdout, stderr = work_dir / "stdout", work_dir / "stderr"
        sandbox.clear_requests()
        run = run_measured(self._argv, stdout, stderr, RUN_TIMEOUT_S)
        if run.timed_out:
            result.errors.append(f"timed out after {RUN_TIMEOUT_S} s")
            return
        if run.returncode != 0:
            result.errors.append(f"exit {run.returncode}: {last_line(stderr) or last_line(stdout)}")
            return
        logged = [r for r in sandbox.requests() if r["method"] == "GET" and r["path"] == self.api.list_path]
        if logged and self.first_query is None:
            self.first_query = logged[0]["query"]
        result.status_429 += sum(1 for r in logged if r["status"] == 429)
        if self.output == AIRBYTE:
            read = read_output(stdout, self.stream)
            result.records, result.exactly_once = read.records, read.exactly_once
            result.errors.extend(read.errors)
            if not read.exactly_once:
                result.errors.append("some records were read more than once")
        elif self.output == ROW_COUNT:
            result.records = int(stdout.read_text().strip())
        if self.output != NOTHING and result.records != n:
            result.errors.append(f"read {result.records} records, expected {n}")
        if counted and not result.errors:
            result.walls_s.append(run.wall_s)
            self._rss.append(run.peak_rss_mb)
            self._request_counts.append(len(logged))

    def finish(self) -> Measurement:
        result = self.result
        if self._rss:
            result.peak_rss_mb = max(self._rss)
        if self._request_counts and self.output != NOTHING:
            result.list_requests = max(self._request_counts)
            if min(self._request_counts) != max(self._request_counts):
                result.errors.append(f"list requests varied between runs: {sorted(set(self._request_counts))}")
        return result


def measure_interleaved(cells: Sequence[Cell], sandbox, work_dir: Path, runs: int, warmups: int) -> List[Measurement]:
    """warmups + runs rounds; each round runs every cell once, in order, so a slow spell of the
    machine lands on all of them alike. A cell stops at its first failed run."""
    for attempt in range(warmups + runs):
        for cell in cells:
            if not cell.failed:
                cell.run_once(sandbox, work_dir, counted=attempt >= warmups)
    return [cell.finish() for cell in cells]
