"""Everything a running sandbox holds, and ``reset()`` back to how it started."""

import threading
from dataclasses import dataclass, field

from . import datasets
from .credentials import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN
from .faults import Fault, FaultBook
from .mutations import MutationBook
from .page_cache import PageCache
from .rate_limits import RateLimiter
from .request_log import RequestLog

APIS = ("zendesk_sell", "ruddr")


@dataclass(frozen=True)
class SandboxConfig:
    dataset: str = "default"
    zendesk_token: str = DEFAULT_ZENDESK_TOKEN
    ruddr_key: str = DEFAULT_RUDDR_KEY
    rate_limits: bool = False
    faults: tuple[dict, ...] = field(default=())  # Fault.from_dict values; re-armed by reset()
    request_log: str | None = None


class SandboxState:
    def __init__(self, config: SandboxConfig):
        self.config = config
        self.lock = threading.RLock()  # serialises data changes and the page builds that read them
        self.log = RequestLog(config.request_log)
        self.faults = FaultBook()
        self.mutations = MutationBook(self.lock)
        self.rate_limiter = RateLimiter(config.rate_limits)
        self.page_cache = PageCache()
        self.dataset = datasets.load(config.dataset)
        self.generation = 0
        self.resets = 0  # a request that began before the last reset neither changes the data nor is logged
        self.tokens: dict[str, str] = {}
        self.ruddr_api_enabled = True
        self.reset()

    def reset(self) -> None:
        """The starting state: dataset (rebuilt only if changed), startup faults re-armed, other
        faults, mutations and the request log cleared, rate limits, tokens and API access as started."""
        with self.lock:
            self.resets += 1
            if self.dataset.changed:
                self.dataset = datasets.load(self.config.dataset)
                self.generation += 1
                self.page_cache.clear()
            self.faults.clear()
            for values in self.config.faults:
                self.faults.add(Fault.from_dict(values))
            self.mutations.clear()
            self.log.clear(epoch=self.resets)
            self.rate_limiter.set_enabled(self.config.rate_limits)
            self.tokens = {"zendesk_sell": self.config.zendesk_token, "ruddr": self.config.ruddr_key}
            self.ruddr_api_enabled = True

    def set_token(self, api: str, value: str) -> None:
        if api not in APIS:
            raise ValueError(f"unknown api {api!r}; apis: {', '.join(APIS)}")
        if not isinstance(value, str):
            raise ValueError("a token must be a string")
        self.tokens[api] = value
