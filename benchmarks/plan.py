"""What `make bench` measures: sizes, repetitions, the two APIs and where files go."""

from dataclasses import dataclass
from pathlib import Path

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

# Start-up runs (spec, check, discover): interleaved rounds, as for the reads.
STARTUP_WARMUPS = 1
STARTUP_RUNS = 9

# Bounds: one process never runs longer than this; a stuck run fails instead of hanging `make bench`.
RUN_TIMEOUT_S = 300


@dataclass(frozen=True)
class Api:
    key: str  # config block and results key
    title: str
    stream: str  # our stream name
    list_path: str  # the stream's list endpoint as the sandbox logs it
    allowed_requests_per_second: float  # the documented limit
    has_peer: bool


ZENDESK_SELL = Api(
    key="zendesk_sell",
    title="Zendesk Sell stages",
    stream="zendesk_sell_stages",
    list_path="/v2/stages",
    allowed_requests_per_second=10,
    has_peer=True,
)
RUDDR = Api(
    key="ruddr",
    title="Ruddr opportunity stages",
    stream="ruddr_opportunity_stages",
    list_path="/api/workspace/opportunity-stages",
    allowed_requests_per_second=20,
    has_peer=False,
)
APIS = (ZENDESK_SELL, RUDDR)
