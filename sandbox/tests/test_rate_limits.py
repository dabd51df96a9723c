"""Enforced rate limits: Zendesk Sell 10 requests/s per token, Ruddr 20/s with a burst of 60.

Bursts are checked against what a token bucket may allow in the time the burst took, so a slow
machine cannot make these tests flaky; the paced clients check the other side (never a 429).
"""

import math
import threading
import time
from collections import deque

import requests

from sandbox.tests.http_clients import ApiClient


def burst(client: ApiClient, path: str, count: int) -> tuple[list[requests.Response], float]:
    started = time.monotonic()
    responses = [client.get(path) for _ in range(count)]
    return responses, time.monotonic() - started


def assert_limited(responses, elapsed: float, capacity: int, rate: float) -> None:
    statuses = [r.status_code for r in responses]
    assert set(statuses) == {200, 429}
    assert statuses[:capacity] == [200] * capacity
    assert statuses.count(200) <= capacity + math.ceil(elapsed * rate) + 1


def paced(client: ApiClient, path: str, rate: int, count: int, statuses: list[int]) -> None:
    """Never more than ``rate`` requests in any one-second window (by the client's own clock)."""
    sent: deque[float] = deque(maxlen=rate)
    for _ in range(count):
        if len(sent) == rate:
            time.sleep(max(0.0, sent[0] + 1.0 - time.monotonic()))
        sent.append(time.monotonic())
        statuses.append(client.get(path).status_code)


def test_limits_are_off_by_default(zendesk, ruddr):
    assert {r.status_code for r in burst(zendesk, "/v2/stages", 30)[0]} == {200}
    assert {r.status_code for r in burst(ruddr, "/opportunity-stages", 80)[0]} == {200}


def test_zendesk_sell_allows_10_per_second_per_token(sandbox, zendesk):
    sandbox.set_rate_limits(True)

    responses, elapsed = burst(zendesk, "/v2/stages", 16)

    assert_limited(responses, elapsed, capacity=10, rate=10)
    refused = next(r for r in responses if r.status_code == 429)
    assert refused.json()["errors"][0]["error"]["code"] == "rate_limit_exceeded"
    assert refused.json()["meta"]["http_status"] == "429 Too Many Requests"
    assert "Retry-After" not in refused.headers
    # Another token has its own allowance.
    sandbox.set_token("zendesk_sell", "another-sandbox-token-0123456789")
    zendesk.session.headers["Authorization"] = "Bearer another-sandbox-token-0123456789"
    assert zendesk.get("/v2/stages").status_code == 200


def test_ruddr_allows_a_burst_of_60_then_20_per_second(sandbox, ruddr):
    sandbox.set_rate_limits(True)

    responses, elapsed = burst(ruddr, "/opportunity-stages", 75)

    assert_limited(responses, elapsed, capacity=60, rate=20)
    refused = next(r for r in responses if r.status_code == 429)
    assert refused.json() == {"status": 429, "message": "Too many requests"}
    assert "Retry-After" not in refused.headers


def test_the_allowance_refills(sandbox, zendesk):
    sandbox.set_rate_limits(True)
    responses, _ = burst(zendesk, "/v2/stages", 12)
    assert responses[-1].status_code == 429

    time.sleep(0.25)  # 2.5 requests' worth

    assert [zendesk.get("/v2/stages").status_code for _ in range(2)] == [200, 200]


def test_clients_pacing_at_the_documented_rates_are_never_refused(sandbox, zendesk, ruddr):
    sandbox.set_rate_limits(True)
    zendesk_statuses, ruddr_statuses = [], []
    threads = [threading.Thread(target=paced, args=(zendesk, "/v2/stages", 10, 20, zendesk_statuses)),
               threading.Thread(target=paced, args=(ruddr, "/opportunity-stages", 20, 40, ruddr_statuses))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert zendesk_statuses == [200] * 20
    assert ruddr_statuses == [200] * 40


def test_reset_switches_limits_back_off(sandbox, zendesk):
    sandbox.set_rate_limits(True)
    sandbox.reset()

    assert {r.status_code for r in burst(zendesk, "/v2/stages", 15)[0]} == {200}


def test_rate_limits_flag(sandbox_factory):
    sb = sandbox_factory(rate_limits=True)
    client = ApiClient(sb.zendesk_base_url, "sandbox-zendesk-sell-token-7f3a9c2e5b")

    responses, elapsed = burst(client, "/v2/stages", 14)

    assert_limited(responses, elapsed, capacity=10, rate=10)
