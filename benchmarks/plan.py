"""What `make bench` measures: sizes, repetitions, the two APIs and where files go."""

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from source_stages.providers import RUDDR_PROVIDER, ZENDESK_SELL_PROVIDER, Provider

HERE = Path(__file__).resolve().parent
CACHE_DIR = HERE / ".cache"
WORK_DIR = HERE / ".work"
RESULTS_DIR = HERE / "results"

SIZES = (7, 1_000, 100_000)
MEMORY_SIZE = 1_000_000
WARMUPS = 1
RUNS = 5
PAGE_SIZE = 100

# The peer at its own page size (2) makes N/2 requests: repeated like the others up to this N,
# run once (no warm-up) above it, where one run is 50,000 requests.
PEER_OWN_PAGE_SIZE = 2
PEER_OWN_PAGE_SIZE_REPEATED_MAX_N = 1_000

# Throughput runs: a sandbox without limits and the client-side budget raised out of the way.
THROUGHPUT_MAX_REQUESTS_PER_SECOND = 1000
RATE_LIMIT_PAGES = 60

# Latency runs: all five streams, every answer this late, the documented rate limits enforced.
LATENCY_DATASETS = ("default", "large:2000")
RESPONSE_DELAY_S = 0.15
LATENCY_WARMUPS = 1
LATENCY_RUNS = 5

# Start-up runs (spec, check, discover): interleaved rounds, as for the reads.
STARTUP_WARMUPS = 1
STARTUP_RUNS = 9

# Bounds: one process never runs longer than this; a stuck run fails instead of hanging `make bench`.
RUN_TIMEOUT_S = 300


@dataclass(frozen=True)
class BenchedApi:
    key: str  # config block and results key
    title: str
    stream: str  # our stream name
    list_path: str  # the stream's list endpoint as the sandbox logs it
    allowed_requests_per_second: float  # the documented limit (the connector's default rate)
    has_peer: bool


def _stages_of(provider: Provider, title: str, has_peer: bool) -> BenchedApi:
    """The bench's view of an API's stages stream, from the connector's own classes."""
    api, stages = provider.api, provider.stages
    path = f"{urlsplit(api.default_base_url).path}/{api.api_root}{stages.list_path}"
    default_rate = provider.config.model_fields["max_requests_per_second"].default
    return BenchedApi(api.key, title, stages.name, path, default_rate, has_peer)


ZENDESK_SELL = _stages_of(ZENDESK_SELL_PROVIDER, "Zendesk Sell stages", has_peer=True)
RUDDR = _stages_of(RUDDR_PROVIDER, "Ruddr opportunity stages", has_peer=False)
APIS = (ZENDESK_SELL, RUDDR)
