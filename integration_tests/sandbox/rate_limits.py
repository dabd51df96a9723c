"""The documented rate limits as token buckets, enforced only when switched on.

Zendesk Sell: 10 requests/s per access token (bucket of 10, refilled at 10/s). Ruddr: 20/s with
a burst of 60 per workspace (bucket of 60, refilled at 20/s). A client that never sends more
than the documented rate within any one-second window never empties a bucket. ``JITTER_S``
forgives the few milliseconds by which thread scheduling can make two requests look closer
together on arrival than they were sent; a burst above the limit is still refused.
"""

import threading
import time

ZENDESK_BUCKET = (10, 10.0)   # capacity, refill per second
RUDDR_BUCKET = (60, 20.0)
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

    def allow(self, api: str, key: str) -> bool:
        if not self.enabled:
            return True
        with self._lock:
            bucket = self._buckets.get((api, key))
            if bucket is None:
                size = ZENDESK_BUCKET if api == "zendesk_sell" else RUDDR_BUCKET
                bucket = self._buckets[(api, key)] = TokenBucket(*size)
            return bucket.take(time.monotonic())
