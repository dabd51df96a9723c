"""Run one child process and measure its wall time and peak resident memory."""

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional, Sequence


@dataclass(frozen=True)
class ProcessResult:
    wall_s: float
    peak_rss_mb: float
    returncode: int
    timed_out: bool


def run_measured(
    argv: Sequence[str],
    stdout_path: Path,
    stderr_path: Path,
    timeout_s: float,
    env: Optional[Mapping[str, str]] = None,
) -> ProcessResult:
    """Wall time from spawn to exit; peak RSS from the kernel's rusage of that child (wait4)."""
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(argv), stdout=out, stderr=err, env=dict(env) if env else None)
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            proc.kill()

        watchdog = threading.Timer(timeout_s, kill)
        watchdog.start()
        try:
            _, status, rusage = os.wait4(proc.pid, 0)
        finally:
            watchdog.cancel()
        wall_s = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: keep Popen from waiting
    # ru_maxrss is in KiB on Linux.
    return ProcessResult(wall_s, rusage.ru_maxrss / 1024, proc.returncode, timed_out.is_set())
