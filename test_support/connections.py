"""Connections as the connectors make them, for tests of what is built on one (error maps, retries):
each API's block of a valid source config, and the destination's top-level config."""

from destination_ruddr.config import parse_config as parse_destination_config
from destination_ruddr.ruddr_writer import NAME
from source_stages.source import PROGRAM
from source_stages.source_config import parse_config
from stage_apis.connection import connect
from stage_apis.ruddr.api import RUDDR
from stage_apis.zendesk_sell.api import ZENDESK_SELL
from test_support.mock_http.config import RUDDR_KEY, ZENDESK_TOKEN

_SOURCE_CONFIG = parse_config({"zendesk_sell": {"access_token": ZENDESK_TOKEN}, "ruddr": {"api_key": RUDDR_KEY}})
ZENDESK_SELL_CONNECTION = connect(ZENDESK_SELL, _SOURCE_CONFIG.zendesk_sell, PROGRAM)
RUDDR_CONNECTION = connect(RUDDR, _SOURCE_CONFIG.ruddr, PROGRAM)
DESTINATION_CONNECTION = connect(RUDDR, parse_destination_config({"api_key": RUDDR_KEY}), NAME, stream_status=False)
