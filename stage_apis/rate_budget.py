"""The client-side rate budget: one CDK `HttpAPIBudget` per provider, shared by its streams.

Both APIs document their limits (Zendesk Sell 10 requests/s per token, Ruddr 20/s per workspace
with a burst of 60), so the connector paces itself instead of collecting 429s. The budget is a
moving window: at most `max_requests_per_second` requests in any WINDOW. When it is spent, the
CDK's `LimiterSession` sleeps until the oldest request leaves the window (it waits; it never
fails). A read of a few pages never fills the window.

WINDOW is 1.05 s rather than 1 s: the API counts requests when they arrive, and a request that
travels a few milliseconds longer than the next one would otherwise make the API see one
request too many in a second. The price is 5% of the allowed rate. Ruddr's burst is not spent,
so it stays headroom too. A 429 that gets through anyway empties the window (HttpAPIBudget), and
the error map backs off before retrying.
"""

from datetime import timedelta

from airbyte_cdk.sources.streams.call_rate import HttpAPIBudget, MovingWindowCallRatePolicy, Rate

WINDOW = timedelta(seconds=1.05)


def build_api_budget(max_requests_per_second: int) -> HttpAPIBudget:
    policy = MovingWindowCallRatePolicy(rates=[Rate(limit=max_requests_per_second, interval=WINDOW)], matchers=[])
    return HttpAPIBudget(policies=[policy])
