"""The client-side rate budget: one CDK `HttpAPIBudget` per provider, shared by its streams.

Both APIs document their limits (Zendesk Sell 10 requests/s per token, Ruddr 20/s per workspace
with a burst of 60), so the connector paces itself instead of collecting 429s. The budget is a
moving window of `max_requests_per_second` requests per second: when it is spent, the CDK's
`LimiterSession` sleeps until the oldest request leaves the window (it waits; it never fails).
A read of a few pages never fills the window. Ruddr's burst is not spent on purpose: pacing at
the sustained rate keeps the burst as headroom for clock differences between client and server.
A 429 that still gets through empties the window (HttpAPIBudget), so the next request waits.
"""

from datetime import timedelta

from airbyte_cdk.sources.streams.call_rate import HttpAPIBudget, MovingWindowCallRatePolicy, Rate

WINDOW = timedelta(seconds=1)


def build_api_budget(max_requests_per_second: int) -> HttpAPIBudget:
    policy = MovingWindowCallRatePolicy(rates=[Rate(limit=max_requests_per_second, interval=WINDOW)], matchers=[])
    return HttpAPIBudget(policies=[policy])
