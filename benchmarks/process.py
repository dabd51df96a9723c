"""Run one child process and measure its wall time and peak resident memory."""

import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

SPAWN_MEASURED = Path(__file__).resolve().with_name("spawn_measured.py")


@dataclass(frozen=True)
class ProcessResult:
    wall_s: float
    peak_rss_mb: float
    returncode: int
    timed_out: bool


def run_measured(argv: Sequence[str], stdout_path: Path, stderr_path: Path, timeout_s: float) -> ProcessResult:
    """Run `argv` through spawn_measured.py (see there why), in its own process group so that a
    run over `timeout_s` is killed with everything it started."""
    report = stdout_path.with_name(stdout_path.name + ".measured.json")
    report.unlink(missing_ok=True)
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        proc = subprocess.Popen([sys.executable, "-S", "-I", str(SPAWN_MEASURED), str(report), *argv],
                                stdout=out, stderr=err, start_new_session=True)
        try:
            proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return ProcessResult(timeout_s, float("nan"), -signal.SIGKILL, True)
    if proc.returncode != 0 or not report.exists():
        return ProcessResult(float("nan"), float("nan"), proc.returncode or -1, False)
    measured = json.loads(report.read_text(encoding="utf-8"))
    return ProcessResult(measured["wall_s"], measured["peak_rss_kb"] / 1024, measured["exit_code"], False)
