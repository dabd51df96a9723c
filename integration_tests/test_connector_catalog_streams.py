"""The streams a configured catalog selects, checked once before anything is read, whichever read
path the number of streams takes (one stream: the CDK's read; several: concurrent_read.py):
unknown streams, no stream and a stream selected twice are a config_error; a full-refresh-only
stream selected as incremental is read whole, with a warning that says so."""

import pytest

from sandbox.connectors import ALL_STREAMS, sandbox_config, sandbox_rows
from stage_apis.ruddr.streams import RuddrOpportunityStages
from stage_apis.unified_stage import UNIFIED_STREAM
from stage_apis.zendesk_sell.streams import ZendeskSellStages
from test_support.catalogs import configured_catalog
from test_support.runs import run_connector

RUDDR_STAGES, ZS_STAGES = RuddrOpportunityStages.name, ZendeskSellStages.name
AVAILABLE = ", ".join(f"`{name}`" for name in ALL_STREAMS)


def read(sandbox, catalog, **config):
    return run_connector("read", sandbox_config(sandbox, **config), catalog=catalog)


def only_error(run) -> str:
    assert run.exit_code == 1
    assert "Traceback" not in run.output
    ((failure_type, message),) = [(error["failure_type"], error["message"]) for error in run.error_traces]
    assert failure_type == "config_error"
    return message


CATALOGS = {
    "one unknown stream": (["opportunities"], "`opportunities`"),
    "two unknown streams": (["opportunities", "deals"], "`opportunities`, `deals`"),
    "an unknown stream beside a known one": ([RUDDR_STAGES, "deals"], "`deals`"),
}


@pytest.mark.parametrize("streams, unknown", CATALOGS.values(), ids=list(CATALOGS))
def test_unknown_streams_are_a_config_error_before_anything_is_read(sandbox, streams, unknown) -> None:
    message = only_error(read(sandbox, configured_catalog(streams)))

    assert message == (
        f"The configured catalog selects stream(s) this source does not have: {unknown}. With this config it has "
        f"{AVAILABLE} (a provider's streams exist only when its block is configured). Refresh the source schema "
        "(discover) and select only those."
    )
    assert sandbox.requests() == []


def test_the_other_providers_streams_are_unknown_when_its_block_is_left_out(sandbox) -> None:
    message = only_error(read(sandbox, configured_catalog([ZS_STAGES]), zendesk_sell=False))

    assert message.startswith(f"The configured catalog selects stream(s) this source does not have: `{ZS_STAGES}`. With ")
    assert sandbox.requests() == []


def test_a_catalog_without_streams_is_a_config_error(sandbox) -> None:
    message = only_error(read(sandbox, {"streams": []}))

    assert message == f"The configured catalog selects no stream; select at least one of {AVAILABLE}."
    assert sandbox.requests() == []


def test_a_stream_selected_twice_is_a_config_error(sandbox) -> None:
    catalog = configured_catalog([RUDDR_STAGES])
    catalog["streams"] *= 2

    message = only_error(read(sandbox, catalog))

    assert message == f"The configured catalog selects the stream(s) `{RUDDR_STAGES}` more than once; select each once."
    assert sandbox.requests() == []


@pytest.mark.parametrize("streams", [[RUDDR_STAGES], [RUDDR_STAGES, UNIFIED_STREAM, ZS_STAGES]], ids=["one stream", "three streams"])
def test_a_full_refresh_only_stream_asked_incrementally_is_read_whole_with_a_warning(sandbox, streams) -> None:
    run = read(sandbox, configured_catalog(streams, incremental=streams))

    assert run.exit_code == 0, run.output[-2000:]
    assert len(run.records(RUDDR_STAGES)) == len(sandbox_rows(sandbox.data(), RUDDR_STAGES))
    warnings = [line for line in run.log_messages("WARN") if "full refresh only" in line]
    expected = [name for name in streams if name != ZS_STAGES]  # Zendesk Sell's streams are incremental
    assert warnings == [
        f"{name}: the catalog asks for an incremental sync, but this stream supports full refresh only; every "
        "sync reads it whole (an append destination then holds each record once per sync; dedupe on the "
        "primary key)." for name in expected
    ]
