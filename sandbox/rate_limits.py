"""The documented rate limits as token buckets, enforced only when switched on.

Each API says how big its buckets are and which requests share one (``EmulatedApi.bucket``,
``EmulatedApi.rate_limit_key``): Zendesk Sell 10 requests/s per access token (a bucket of 10, refilled at
10/s), Ruddr 20/s with a burst of 60 per workspace (a bucket of 60, refilled at 20/s). A client that never sends more
than the documented rate within any one-second window never empties a bucket. ``JITTER_S``
forgives the few milliseconds by which thread scheduling can make two requests look closer
together on arrival than they were sent; a burst above the limit is still refused.
"""

import threading
import time

from .apis.base import EmulatedApi
from .request import Request

JITTER_S = 0.02


class TokenBucket:
    def __init__(self, capacity: int, rate: float):
        self.capacity, self.rate = capacity, rate
        self.tokens = float(capacity)
        self.stamp = time.monotonic()

    def take(self, now: float) -> bool:
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens < 1 - self.rate * JITTER_S:
            return False
        self.tokens -= 1
        return True


class RateLimiter:
    """One bucket per (api, key): key = the token for Zendesk Sell, the workspace for Ruddr."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self._buckets: dict[tuple[str, str], TokenBucket] = {}
        self._lock = threading.Lock()

    def set_enabled(self, enabled: bool) -> None:
        with self._lock:
            self.enabled = enabled
            self._buckets.clear()

    def allow(self, api: EmulatedApi, request: Request) -> bool:
        if not self.enabled:
            return True
        key = (api.name, api.rate_limit_key(request))
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = TokenBucket(*api.bucket)
            return bucket.take(time.monotonic())
