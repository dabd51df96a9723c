"""`make bench`: source-stages against the published peer and the limits of the stack.

Run with `python -m benchmarks` from the repository root (the Makefile does). Results are
written to `benchmarks/results/`; the peer's wheel is fetched into `benchmarks/.cache/` and
scratch files go to `benchmarks/.work/` (both git-ignored).
"""
