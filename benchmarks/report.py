"""Write the results: `results.json` (everything) and `results.md` (the tables)."""

import json
from pathlib import Path
from typing import List, Optional

from benchmarks import labels
from benchmarks.plan import APIS


def _cell(text: str) -> str:
    """Text safe inside a markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _num(value: Optional[float], digits: int = 2) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _requests(row: dict) -> str:
    if row["list_requests"] is None:
        return "–" if row["min_list_requests"] is None else f"– ({row['min_list_requests']:,})"
    return f"{row['list_requests']:,} ({row['min_list_requests']:,})"


def _runner(row: dict) -> str:
    if row["errors"]:
        return f"{row['runner']} **(failed: {_cell('; '.join(row['errors'])[:200])})**"
    return row["runner"] + (" *(one run)*" if len(row["walls_s"]) == 1 else "")


def load_average(meta: dict) -> str:
    start, peak, end = meta["load_average_1min"]
    return f"1-minute load average {start} at the start, up to {peak} during the run, {end} at the end"


def main_tables(rows: List[dict]) -> List[str]:
    lines = []
    for api in APIS:
        lines += [
            f"### {api.title} (`{api.stream}`)",
            "",
            "| N | runner | wall time, median (s) | records/s | list requests (min) | peak RSS (MB) |",
            "|---:|---|---:|---:|---:|---:|",
        ]
        ordered = sorted(
            (r for r in rows if r["api"] == api.key),
            key=lambda r: (r["n"], labels.ORDER.index(r["runner"])),
        )
        for r in ordered:
            lines.append(
                f"| {r['n']:,} | {_runner(r)} | {_num(r['wall_s_median'])} | {_num(r['records_per_s'], 0)} "
                f"| {_requests(r)} | {_num(r['peak_rss_mb'], 1)} |"
            )
        lines.append("")
    return lines


def memory_table(rows: List[dict]) -> List[str]:
    lines = ["| API | N | wall time (s) | peak RSS (MB) | list requests (min) |", "|---|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['api']} | {r['n']:,} | {_num(r['wall_s_median'])} | {_num(r['peak_rss_mb'], 1)} "
                     f"| {_requests(r)} |")
    return lines


def rate_table(runs: List[dict]) -> List[str]:
    lines = [
        "| API | pages | list requests | 429 responses | achieved requests/s | allowed requests/s | share | wall (s) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        share = None if r["achieved_rps"] is None else 100 * r["achieved_rps"] / r["allowed_rps"]
        lines.append(
            f"| {r['api']} | {r['pages']} | {r['list_requests']} | {r['status_429']} | {_num(r['achieved_rps'])} "
            f"| {r['allowed_rps']:g} | {_num(share, 0)} % | {_num(r['wall_s'])} |"
        )
    return lines


def time_split_table(rows: List[dict]) -> List[str]:
    """At the largest N: the stack's limit, what the CDK adds to it (the minimal CDK source less the
    limit) and how source-stages differs from the minimal CDK source (negative: faster)."""
    largest = max(r["n"] for r in rows)

    def wall(api: str, runner: str) -> Optional[float]:
        row = next((r for r in rows if r["api"] == api and r["runner"] == runner and r["n"] == largest), None)
        return None if row is None or row["errors"] else row["wall_s_median"]

    lines = [
        f"| API (N = {largest:,}) | limit: requests loop + import (s) | + the CDK's read machinery (s) "
        "| = minimal CDK source (s, x limit) | + source-stages against it (s) | = source-stages (s, x limit) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for api in APIS:
        limit, floor, ours = wall(api.key, labels.STACK_LIMIT), wall(api.key, labels.CDK_FLOOR), wall(api.key, labels.OURS)
        if None in (limit, floor, ours):
            lines.append(f"| {api.title} | {_num(limit)} | – | {_num(floor)} | – | {_num(ours)} |")
            continue
        lines.append(
            f"| {api.title} | {limit:.2f} | {floor - limit:+.2f} | {floor:.2f} ({floor / limit:.2f} x) "
            f"| {ours - floor:+.2f} | {ours:.2f} ({ours / limit:.2f} x) |"
        )
    return lines


def latency_table(results: List[dict]) -> List[str]:
    lines = [
        "| dataset | read of all five streams, median (s) | start-up: `spec`, median (s) | longest stream (pages) "
        "| start-up + pages x delay (s) | ratio | list requests | 429 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if r["errors"]:
            lines.append(f"| {r['dataset']} | **failed: {_cell('; '.join(r['errors'])[:200])}** | | | | | | |")
            continue
        lines.append(
            f"| {r['dataset']} | {_num(r['read_s_median'])} | {_num(r['startup_s_median'])} | {r['longest_stream_pages']} "
            f"| {_num(r['floor_s'])} | {_num(r['read_s_median'] / r['floor_s'])} x | {r['list_requests']} | {r['status_429']} |"
        )
    return lines


def targets_table(checks: List[dict]) -> List[str]:
    lines = ["| result | target | measured |", "|---|---|---|"]
    for c in checks:
        lines.append(f"| {'PASS' if c['passed'] else '**FAIL**'} | {_cell(c['target'])} | {_cell(c['measured'])} |")
    return lines


def profile_lines(profile: dict) -> List[str]:
    if not profile or profile.get("error"):
        return [f"Not profiled: {profile.get('error') if profile else 'no run'}"]
    total = sum(seconds for _, seconds in profile["costs"])
    lines = [f"pyinstrument, 1 ms samples; wall time under the profiler {profile['wall_s']:.2f} s. "
             f"Report: [`{profile['report']}`]({profile['report']}).", "",
             "Where the time goes (each sample counted under the innermost of these it is in):", "",
             "| cost | s | share |", "|---|---:|---:|"]
    lines += [f"| {_cell(cost)} | {seconds:.2f} | {100 * seconds / total:.0f} % |" for cost, seconds in profile["costs"]]
    lines += ["", "Top functions by self time:", ""]
    lines += [f"1. {seconds:.2f} s — `{name}`" for name, seconds in profile["top_self_time"]]
    return lines


def write(results: dict, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    meta = results["meta"]
    lines = [
        "# `make bench` results",
        "",
        f"{meta['date']}, commit `{meta['commit']}`, Python {meta['python']}, airbyte-cdk {meta['airbyte_cdk']}, "
        f"peer {meta['peer']}, {meta['cpus']} CPUs. Wall time is the median of {meta['runs']} runs after "
        f"{meta['warmups']} warm-up; each run is a fresh process against the sandbox (`large:N`, no rate limit, "
        f"`max_requests_per_second` {meta['throughput_max_rps']}). Whole bench: {meta['bench_wall_s']:.0f} s; "
        f"{load_average(meta)} (other work on the machine inflates the timings).",
        "",
        "![wall time against N](chart.png)",
        "",
        "## Targets",
        "",
        *targets_table(results["targets"]),
        "",
        "Start-up (`spec`, `check`, `discover`, console scripts and images): [startup.md](startup.md).",
        "",
        "## Where the time goes: the stack, the CDK, source-stages",
        "",
        "The minimal CDK source (`benchmarks/minimal_cdk_source.py`) is the smallest `HttpStream` source that "
        "reads the same pages: no normalisation, checks, error map, rate budget or cursor; it decodes JSON "
        "with `response.json()` like the requests loop. Its time beyond the limit is what a connector on this "
        "CDK pays for the CDK's read machinery (records to messages, counting, serialising, the HTTP client's "
        "retry and budget wrappers). source-stages' difference from it is its own work (normalisation, checks, "
        "budget, cursor) less what it saves (orjson, the proxy environment read once per stream, one write per "
        "message); negative means faster than the minimal source. The target is source-stages <= 1.0 x the "
        "minimal source; the stack's limit is shown for scale.",
        "",
        *time_split_table(results["rows"]),
        "",
        "## Latency: all five streams at once, every answer late, rate limits on",
        "",
        *latency_table(results["latency"]),
        "",
        "## Full reads",
        "",
        *main_tables(results["rows"]),
        "## Peak RSS up to N = 1,000,000 (source-stages, one run)",
        "",
        *memory_table(results["memory"]),
        "",
        f"## Against the enforced limits, default settings ({results['rate_limits'][0]['pages'] if results['rate_limits'] else '–'} pages)",
        "",
        *rate_table(results["rate_limits"]),
        "",
        "## Profile of source-stages, zendesk_sell_stages, N = 100,000",
        "",
        *profile_lines(results.get("profile")),
        "",
        "## Notes",
        "",
        *[f"- {note}" for note in meta["notes"]],
        "",
    ]
    (out_dir / "results.md").write_text("\n".join(lines), encoding="utf-8")


def startup_tables(startup: dict) -> List[str]:
    """Per command, each runner's median; then each pair's ratio (ours / the peer's)."""
    rows = startup["rows"]
    lines = ["| command | runner | wall, median (s) | requests |", "|---|---|---:|---:|"]
    for r in rows:
        runner = f"{r['label']} **(failed: {_cell('; '.join(r['errors'])[:200])})**" if r["errors"] else r["label"]
        requests = "–" if r["requests"] is None else r["requests"]
        lines.append(f"| `{r['command']}` | {runner} | {_num(r['wall_s_median'], 3)} | {requests} |")
    commands = list(dict.fromkeys(r["command"] for r in rows))
    lines += ["", "| ours / peer | " + " | ".join(f"`{c}`" for c in commands) + " |",
              "|---|" + "---:|" * len(commands)]
    for pair in dict.fromkeys(r["pair"] for r in startup["ratios"]):
        ratios = {r["command"]: r["ratio"] for r in startup["ratios"] if r["pair"] == pair}
        lines.append(f"| {_cell(pair)} | " + " | ".join(_num(ratios.get(c)) + " x" for c in commands) + " |")
    lines += [f"- {_cell(error)}" for error in startup["image_errors"]]
    return lines


def write_startup(startup: dict, meta: dict, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "startup.json").write_text(json.dumps({"meta": meta, **startup}, indent=2) + "\n", encoding="utf-8")
    lines = [
        "# `make bench` start-up results",
        "",
        f"{meta['date']}, commit `{meta['commit']}`, airbyte-cdk {meta['airbyte_cdk']}, peer {meta['peer']}, "
        f"{meta['cpus']} CPUs. Each command is a fresh process against the sandbox; wall time is the median of "
        f"{startup['runs']} interleaved rounds after {startup['warmups']} warm-up. {load_average(meta)}.",
        "",
        "## Targets",
        "",
        *targets_table(startup["targets"]),
        "",
        "## Wall time per command",
        "",
        *startup_tables(startup),
        "",
        "## Notes",
        "",
        *[f"- {note}" for note in meta["notes"]],
        "",
    ]
    (out_dir / "startup.md").write_text("\n".join(lines), encoding="utf-8")
