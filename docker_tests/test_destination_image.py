"""The destination's image (`--target destination-ruddr`), run as Airbyte runs it: its own labels and
entrypoint, the console script's spec, `check` against the sandbox, and `write` of what the
console script `source-stages` reads from Zendesk Sell, into Ruddr pipelines of the same names."""

import pytest

from docker_tests.conftest import (
    assert_runs_as_airbyte_runs_it,
    assert_spec_equals_the_console_scripts,
    built,
    client,
    inspect_config,
)
from integration_tests.connector_runs import DockerImage, run_connector
from integration_tests.destination_process import (
    DESTINATION,
    destination_catalog,
    destination_config,
    prepare_ruddr_pipelines,
    zendesk_pipeline_names,
)
from integration_tests.sandbox import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN
from integration_tests.sandbox_config import sandbox_config
from integration_tests.streams import sandbox_rows
from stage_apis.version import __version__

DESTINATION_IMAGE = "airbyte/destination-ruddr:dev"


@pytest.fixture
def destination_sandbox(sandbox):
    """The session's sandbox, reset after the test: these writes must not change what the source
    image's tests read."""
    yield sandbox
    sandbox.reset()


@pytest.fixture(scope="module")
def destination_image(image) -> DockerImage:
    # After the source's image (`image`): this build reuses the builder stage from the cache.
    return DockerImage(client(), built(DESTINATION_IMAGE, target="destination-ruddr"))


def test_labels_user_and_entrypoint_are_the_destinations(destination_image):
    config = inspect_config(destination_image)
    assert_runs_as_airbyte_runs_it(config, "airbyte/destination-ruddr", __version__, "destination-ruddr")


def test_spec_equals_the_console_scripts(destination_image):
    assert_spec_equals_the_console_scripts(destination_image, DESTINATION)


def test_check_succeeds(destination_image, destination_sandbox):
    run = run_connector("check", destination_config(destination_sandbox), launcher=destination_image)
    assert run.exit_code == 0, run.stderr
    assert run.connection_status == {"status": "SUCCEEDED"}
    assert DEFAULT_RUDDR_KEY not in run.output


def test_write_creates_what_source_stages_reads_then_nothing_on_a_rerun(destination_image, destination_sandbox):
    sandbox = destination_sandbox
    prepare_ruddr_pipelines(sandbox, zendesk_pipeline_names(sandbox))
    read = run_connector("read", sandbox_config(sandbox, ruddr=False), ["stages"])
    assert read.exit_code == 0, read.stderr[-3000:]
    records = read.records("stages")
    before = len(sandbox_rows(sandbox.data(), "ruddr_opportunity_stages"))

    runs = [run_connector("write", destination_config(sandbox), catalog=destination_catalog(["stages"]),
                          input_messages=read.messages, launcher=destination_image) for _ in range(2)]

    for run in runs:
        assert run.exit_code == 0, run.output[-5000:]
        assert len(run.of_type("STATE")) == 1
        assert DEFAULT_RUDDR_KEY not in run.output and DEFAULT_ZENDESK_TOKEN not in run.output
    summaries = [[line for line in run.log_messages() if line.startswith("Ruddr stages:")] for run in runs]
    assert summaries == [[f"Ruddr stages: created {len(records)}, updated 0, unchanged 0, skipped 0."],
                         [f"Ruddr stages: created 0, updated 0, unchanged {len(records)}, skipped 0."]]
    assert len(sandbox_rows(sandbox.data(), "ruddr_opportunity_stages")) == before + len(records) == before + 16
