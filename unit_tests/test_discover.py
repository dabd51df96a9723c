"""`discover` lists the streams of the configured APIs only, each with the unified `stages`
stream (the catalog of both APIs, stream by stream: integration_tests/test_connector_commands.py)."""

from integration_tests.connector_runs import IN_PROCESS, run_connector
from source_stages.apis import RUDDR, ZENDESK_SELL
from source_stages.streams.unified_stages import UNIFIED_STREAM
from unit_tests.mock_http.config import ConfigBuilder


def stream_names(config: dict) -> list:
    return [stream["name"] for stream in run_connector("discover", config, launcher=IN_PROCESS).catalog["streams"]]


def test_discover_lists_only_the_configured_apis_streams() -> None:
    assert stream_names(ConfigBuilder().with_zendesk_sell().build()) == [
        ZENDESK_SELL.stages.stream_name, ZENDESK_SELL.pipelines.stream_name, UNIFIED_STREAM
    ]
    assert stream_names(ConfigBuilder().with_ruddr().build()) == [RUDDR.stages.stream_name, RUDDR.pipelines.stream_name, UNIFIED_STREAM]
