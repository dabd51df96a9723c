"""A read against the sandbox enforcing the documented limits, with the connector's defaults."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

from benchmarks import commands
from benchmarks.airbyte_output import read_output
from benchmarks.measure import last_line
from benchmarks.plan import PAGE_SIZE, RATE_LIMIT_PAGES, RUN_TIMEOUT_S, BenchedApi
from benchmarks.process import run_measured
from benchmarks.stats import request_rate


@dataclass
class RateLimitRun:
    api: str
    pages: int
    allowed_rps: float
    list_requests: Optional[int] = None
    status_429: Optional[int] = None
    achieved_rps: Optional[float] = None  # first to last request
    wall_s: Optional[float] = None
    errors: List[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return dict(self.__dict__)


def measure_rate_limited_read(api: BenchedApi, sandbox, work_dir: Path) -> RateLimitRun:
    """One read of RATE_LIMIT_PAGES pages (the sandbox must hold that many rows, and enforce its
    limits). The achieved rate is taken between the arrival times of the first and the last list
    request in the sandbox's log, so process start-up does not dilute it."""
    result = RateLimitRun(api=api.key, pages=RATE_LIMIT_PAGES, allowed_rps=api.allowed_requests_per_second)
    argv = commands.ours(api, sandbox, work_dir, max_requests_per_second=None)
    stdout, stderr = work_dir / "stdout", work_dir / "stderr"
    sandbox.clear_requests()
    run = run_measured(argv, stdout, stderr, RUN_TIMEOUT_S)
    result.wall_s = run.wall_s
    logged = [r for r in sandbox.requests() if r["method"] == "GET" and r["path"] == api.list_path]
    result.list_requests = len(logged)
    result.status_429 = sum(1 for r in logged if r["status"] == 429)
    if run.returncode != 0 or run.timed_out:
        result.errors.append(f"exit {run.returncode}: {last_line(stderr) or last_line(stdout)}")
        return result
    read = read_output(stdout, api.stream)
    result.errors.extend(read.errors)
    expected = RATE_LIMIT_PAGES * PAGE_SIZE
    if read.records != expected:
        result.errors.append(f"read {read.records} records, expected {expected}")
        return result
    result.achieved_rps = request_rate([r["time"] for r in logged])
    return result
