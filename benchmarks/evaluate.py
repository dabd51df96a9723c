"""Assemble the target checks of the benchmark from the result rows."""

from typing import List, Optional

from benchmarks import labels, targets
from benchmarks.plan import APIS, MEMORY_SIZE, SIZES, ZENDESK_SELL

LARGEST = max(SIZES)


def _row(rows: List[dict], api: str, runner: str, n: int) -> Optional[dict]:
    return next((r for r in rows if r["api"] == api and r["runner"] == runner and r["n"] == n), None)


def _wall(row: Optional[dict]) -> Optional[float]:
    return None if row is None or row["errors"] else row["wall_s_median"]


def _rss(row: Optional[dict]) -> Optional[float]:
    return None if row is None or row["errors"] else row["peak_rss_mb"]


def checks(rows: List[dict], memory: List[dict], rate_runs: List[dict]) -> List[targets.TargetCheck]:
    result = []
    for api in APIS:
        ours = sorted((r for r in rows + memory if r["api"] == api.key and r["runner"] == labels.OURS),
                      key=lambda r: r["n"])
        result.append(targets.exactly_once(api.title, [(r["n"], r["exactly_once"], r["errors"]) for r in ours]))
        result.append(targets.requests_minimal(
            api.title, [(r["n"], r["list_requests"], r["min_list_requests"]) for r in ours]))
    ours_zs = _wall(_row(rows, ZENDESK_SELL.key, labels.OURS, LARGEST))
    result.append(targets.at_most_factor(
        f"{ZENDESK_SELL.title}: wall at N={LARGEST:,} <= {targets.PEER_FACTOR} x peer at page size 100",
        ours_zs, _wall(_row(rows, ZENDESK_SELL.key, labels.PEER_100, LARGEST)), targets.PEER_FACTOR))
    for api in APIS:
        result.append(targets.at_most_factor(
            f"{api.title}: wall at N={LARGEST:,} <= {targets.MINIMAL_SOURCE_FACTOR} x the minimal CDK source",
            _wall(_row(rows, api.key, labels.OURS, LARGEST)),
            _wall(_row(rows, api.key, labels.CDK_FLOOR, LARGEST)), targets.MINIMAL_SOURCE_FACTOR))
    for api in APIS:
        at_largest = _row(rows, api.key, labels.OURS, LARGEST)
        at_memory = _row(memory, api.key, labels.OURS, MEMORY_SIZE)
        result.append(targets.rss_ceiling(api.title, LARGEST, _rss(at_largest)))
        result.append(targets.rss_not_growing(
            api.title, [(LARGEST, _rss(at_largest)), (MEMORY_SIZE, _rss(at_memory))]))
    for api in APIS:
        run = next((r for r in rate_runs if r["api"] == api.key), None)
        if run is None:
            run = {"status_429": None, "achieved_rps": None, "errors": ["not run"]}
        result.append(targets.no_429(api.title, run["status_429"], run["errors"]))
        result.append(targets.rate_share(api.title, run["achieved_rps"], api.allowed_requests_per_second))
    return result
