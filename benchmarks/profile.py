"""Profile one read of source-stages with pyinstrument and list where its time goes."""

import sys
from pathlib import Path
from typing import List, Sequence, Tuple

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
