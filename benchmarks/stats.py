"""Small pure helpers for the numbers of a benchmark run."""

import math
import statistics
from typing import Sequence


def median(values: Sequence[float]) -> float:
    if not values:
        raise ValueError("median of no values")
    return statistics.median(values)


def min_list_requests(records: int, page_size: int) -> int:
    """The fewest list requests that can return `records` rows: an empty list still takes one."""
    return max(1, math.ceil(records / page_size))


def records_per_second(records: int, wall_s: float) -> float:
    return records / wall_s if wall_s > 0 else float("nan")


def linear_extrapolation(x1: float, y1: float, x2: float, y2: float, x: float) -> float:
    """y at x on the straight line through (x1, y1) and (x2, y2): time = start-up + cost per row."""
    if x1 == x2:
        raise ValueError("two distinct points are needed")
    slope = (y2 - y1) / (x2 - x1)
    return y1 + slope * (x - x1)


def request_rate(request_times_s: Sequence[float]) -> float:
    """Requests per second between the first and the last of a sequence of request times."""
    if len(request_times_s) < 2:
        raise ValueError("a rate needs at least two requests")
    span = max(request_times_s) - min(request_times_s)
    return (len(request_times_s) - 1) / span if span > 0 else float("inf")
