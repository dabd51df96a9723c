"""Run a command; write its wall time, peak RSS and exit code as JSON to REPORT_FILE.

Usage: python -S -I spawn_measured.py REPORT_FILE COMMAND [ARG ...]

Why a separate small process: on Linux a child's rusage peak RSS starts from the address space
it was forked from (exec records the old one's high-water mark), so a child of the benchmark,
which holds large outputs and request logs in memory, would report the benchmark's size. Spawned
from this ~10 MB script, the command reports its own peak. Timing starts at the spawn, so this
script's own start-up is not counted.
"""

import json
import os
import sys
import time


def main() -> int:
    report, argv = sys.argv[1], sys.argv[2:]
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ)
    _, status, rusage = os.wait4(pid, 0)
    wall_s = time.perf_counter() - start
    with open(report, "w", encoding="utf-8") as out:
        # ru_maxrss is in KiB on Linux.
        json.dump({"wall_s": wall_s, "peak_rss_kb": rusage.ru_maxrss, "exit_code": os.waitstatus_to_exitcode(status)}, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
