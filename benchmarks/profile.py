"""Profile one read of source-stages with pyinstrument and list where its time goes."""

import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from benchmarks.measure import last_line
from benchmarks.plan import RUN_TIMEOUT_S
from benchmarks.process import run_measured


def profile_read(argv: Sequence[str], work_dir: Path, report_path: Path) -> dict:
    """Run `argv` (a console script and its arguments) under pyinstrument; write a report with the
    functions by self time and the call tree; return the top functions by self time, or the error."""
    from pyinstrument.renderers import ConsoleRenderer
    from pyinstrument.session import Session

    session_path = work_dir / "profile.pyisession"
    run = run_measured(
        [sys.executable, "-m", "pyinstrument", "--interval", "0.001", "-r", "pyisession",
         "-o", str(session_path), *argv],
        work_dir / "profile-stdout", work_dir / "profile-stderr", RUN_TIMEOUT_S,
    )
    if run.returncode != 0:
        return {"report": None, "error": last_line(work_dir / "profile-stderr")}
    session = Session.load(session_path)
    flat = ConsoleRenderer(flat=True, flat_time="self", show_all=True).render(session)
    tree = ConsoleRenderer(show_all=False).render(session)
    report_path.write_text(
        f"# pyinstrument, wall {run.wall_s:.2f} s: functions by self time (all code)\n\n{flat}\n\n"
        f"# call tree (library frames condensed)\n\n{tree}",
        encoding="utf-8",
    )
    return {"report": report_path.name, "wall_s": run.wall_s,
            "costs": cost_breakdown(session.root_frame()),
            "top_self_time": top_self_time(session.root_frame(), limit=10)}


def top_self_time(root, limit: int) -> List[Tuple[str, float]]:
    """Self time per function over the whole tree (a frame's self time already includes its
    synthetic "[self]" children, so those are not counted again)."""
    totals = {}
    stack = [root]
    while stack:
        frame = stack.pop()
        stack.extend(frame.children)
        if frame.is_synthetic:
            continue
        key = f"{frame.function} ({frame.file_path_short}:{frame.line_no})"
        totals[key] = totals.get(key, 0.0) + frame.total_self_time
    return sorted(totals.items(), key=lambda item: item[1], reverse=True)[:limit]


HTTP = "HTTP: sending each request, waiting for and reading the response (requests, urllib3)"
# Where the time of a read goes, by the innermost of these frames a sample is under:
# (cost, file path suffix, function name).
COSTS = [
    ("start-up: importing airbyte_cdk and the connector", ".py", "<module>"),  # not the script itself
    (HTTP, "requests/adapters.py", "send"),
    (HTTP, "requests/models.py", "content"),  # the body, read after the headers
    ("per request, CDK and requests: preparing the request, retry and rate-budget wrappers, "
     "environment lookups, error handler", "airbyte_cdk/sources/streams/http/http_client.py", "send_request"),
    ("decoding each page's JSON (orjson, called by stage_apis.page_reader)", "stage_apis/page_reader.py",
     "_decode"),
    ("per record, CDK: wrapping each record as an AirbyteMessage",
     "airbyte_cdk/sources/utils/record_helper.py", "stream_data_to_airbyte_message"),
    ("per record, CDK: serialising each message (serpyco-rs, orjson)", "airbyte_cdk/entrypoint.py",
     "airbyte_message_to_string"),
    ("per record: writing each message to stdout (the CDK's PrintBuffer)", "airbyte_cdk/utils/print_buffer.py",
     "write"),
    ("per record, CDK: the read loop around them (generators, record counts, memory checks)",
     "airbyte_cdk/entrypoint.py", "run"),
    # SourceStages.read, a thin override, sits between the entrypoint and the CDK's own read loop:
    # without this entry every CDK frame below it would count as source-stages' code.
    ("per record, CDK: the read loop around them (generators, record counts, memory checks)",
     "airbyte_cdk/sources/abstract_source.py", "read"),
]
OURS = "the connector's own code (paging, incremental cursor, record type check, filters)"
OUR_PACKAGES = ("/stage_apis/", "/source_stages/")
OTHER = "other"


def _cost_of(frame) -> Optional[str]:
    path = frame.file_path or ""
    for cost, path_suffix, function in COSTS:
        if frame.function == function and path.endswith(path_suffix):
            return cost
    return OURS if any(package in path for package in OUR_PACKAGES) else None


def cost_breakdown(root) -> List[Tuple[str, float]]:
    """Seconds per entry of COSTS (and "other"), largest first."""
    totals: Dict[str, float] = {}
    stack = [(root, OTHER)]
    while stack:
        frame, cost = stack.pop()
        if not frame.is_synthetic:
            cost = _cost_of(frame) or cost
            totals[cost] = totals.get(cost, 0.0) + frame.total_self_time
        stack.extend((child, cost) for child in frame.children)
    return sorted(totals.items(), key=lambda item: item[1], reverse=True)
