"""`discover` lists the streams of the configured APIs only, each with the unified `stages`
stream (the catalog of both APIs, stream by stream: integration_tests/test_connector_commands.py)."""

from source_stages.providers import RUDDR_PROVIDER, ZENDESK_SELL_PROVIDER
from stage_apis.unified_stage import UNIFIED_STREAM
from test_support.mock_http.config import ConfigBuilder
from test_support.runs import IN_PROCESS, run_connector


def stream_names(config: dict) -> list:
    return [stream["name"] for stream in run_connector("discover", config, launcher=IN_PROCESS).catalog["streams"]]


def test_discover_lists_only_the_configured_apis_streams() -> None:
    assert stream_names(ConfigBuilder().with_zendesk_sell().build()) == [
        *(stream.name for stream in ZENDESK_SELL_PROVIDER.streams), UNIFIED_STREAM
    ]
    assert stream_names(ConfigBuilder().with_ruddr().build()) == [*(stream.name for stream in RUDDR_PROVIDER.streams), UNIFIED_STREAM]
