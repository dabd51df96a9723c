"""The speed, request, memory and rate-limit targets, checked against measured numbers. Pure
functions: tested in benchmarks/tests/."""

from dataclasses import dataclass
from typing import Iterable, List, Optional, Sequence, Tuple

# The thresholds, and our reading of "not growing" (see RSS_GROWTH_TOLERANCE).
PEER_FACTOR = 0.5
MINIMAL_SOURCE_FACTOR = 1.0  # source-stages' own code adds nothing to the CDK's own minimum
LATENCY_FACTOR = 1.25
RSS_CEILING_MB = 100.0
RSS_GROWTH_TOLERANCE = 1.10  # 1,000,000 rows may use at most 10 % more than 100,000 (noise, allocator)
MIN_SHARE_OF_ALLOWED_RATE = 0.90
STARTUP_PEER_FACTOR = 0.7


@dataclass(frozen=True)
class TargetCheck:
    target: str
    measured: str
    passed: bool

    def to_json(self) -> dict:
        return {"target": self.target, "measured": self.measured, "passed": self.passed}


def _s(value: Optional[float], unit: str = "s", digits: int = 2) -> str:
    return "missing" if value is None else f"{value:.{digits}f} {unit}"


def requests_minimal(title: str, runs: Iterable[Tuple[int, Optional[int], int]]) -> TargetCheck:
    """runs: (N, list requests made, ceil(N/100)) for each size read."""
    runs = list(runs)
    made = ", ".join(f"N={n:,}: {req if req is not None else 'missing'}/{minimum}" for n, req, minimum in runs)
    passed = bool(runs) and all(req == minimum for _, req, minimum in runs)
    return TargetCheck(f"{title}: list requests = ceil(N/100)", made, passed)


def exactly_once(title: str, runs: Iterable[Tuple[int, Optional[bool], Sequence[str]]]) -> TargetCheck:
    """runs: (N, every record exactly once?, errors) for each size read."""
    runs = list(runs)
    failed = [f"N={n:,}: {'; '.join(errors) or 'duplicates'}" for n, once, errors in runs if errors or not once]
    measured = "; ".join(failed) if failed else f"all {len(runs)} sizes complete, no duplicate id"
    return TargetCheck(f"{title}: every record exactly once, no error", measured, bool(runs) and not failed)


def at_most_factor(target: str, ours: Optional[float], reference: Optional[float], factor: float) -> TargetCheck:
    if ours is None or reference is None:
        return TargetCheck(target, f"ours {_s(ours)}, reference {_s(reference)}", False)
    ratio = ours / reference
    measured = f"ours {_s(ours)} = {ratio:.2f} x {_s(reference)} (limit {factor} x)"
    return TargetCheck(target, measured, ratio <= factor)


def rss_ceiling(title: str, n: int, peak_rss_mb: Optional[float], ceiling_mb: float = RSS_CEILING_MB) -> TargetCheck:
    passed = peak_rss_mb is not None and peak_rss_mb <= ceiling_mb
    return TargetCheck(f"{title}: peak RSS <= {ceiling_mb:.0f} MB at N={n:,}", _s(peak_rss_mb, "MB", 1), passed)


def rss_not_growing(
    title: str, by_size: Sequence[Tuple[int, Optional[float]]], tolerance: float = RSS_GROWTH_TOLERANCE
) -> TargetCheck:
    """by_size: (N, peak RSS MB) in increasing N; the largest N may use at most `tolerance` x the
    smallest of the large sizes (100,000), i.e. memory does not grow with the data."""
    measured = ", ".join(f"N={n:,}: {_s(mb, 'MB', 1)}" for n, mb in by_size)
    values = [mb for _, mb in by_size]
    if len(values) < 2 or any(mb is None for mb in values):
        return TargetCheck(f"{title}: peak RSS not growing with N", measured, False)
    passed = values[-1] <= values[0] * tolerance
    return TargetCheck(f"{title}: peak RSS not growing with N (<= {tolerance:.2f} x)", measured, passed)


def no_429(title: str, status_429: Optional[int], errors: Sequence[str]) -> TargetCheck:
    passed = status_429 == 0 and not errors
    measured = "missing" if status_429 is None else f"{status_429} responses with 429"
    if errors:
        measured += "; " + "; ".join(errors)
    return TargetCheck(f"{title}: zero 429 with default settings", measured, passed)


def rate_share(title: str, achieved_rps: Optional[float], allowed_rps: float,
               minimum_share: float = MIN_SHARE_OF_ALLOWED_RATE) -> TargetCheck:
    target = f"{title}: >= {minimum_share:.0%} of the allowed {allowed_rps:g} requests/s"
    if achieved_rps is None:
        return TargetCheck(target, "missing", False)
    share = achieved_rps / allowed_rps
    return TargetCheck(target, f"{achieved_rps:.2f} requests/s = {share:.0%}", share >= minimum_share)


def summary_lines(checks: Sequence[TargetCheck]) -> List[str]:
    return [f"{'PASS' if c.passed else 'FAIL'}  {c.target}: {c.measured}" for c in checks]
