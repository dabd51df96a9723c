"""The destination's image (`--target destination-ruddr`), run as Airbyte runs it: its own labels and
entrypoint, the console script's spec, `check` against the sandbox, and `write` of what the
console script `source-stages` reads from Zendesk Sell, into Ruddr pipelines of the same names."""

import json
import subprocess

import pytest

from docker_tests.conftest import build_image, docker_client, write_readable
from docker_tests.runners import ConsoleScript, DockerImage, assert_runs_as_airbyte_runs_it
from integration_tests.connector_process import catalog_for, sandbox_config
from integration_tests.destination_process import (
    DESTINATION_RUDDR,
    destination_catalog,
    prepare_ruddr_pipelines,
    zendesk_pipeline_names,
)
from integration_tests.sandbox import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN, Sandbox
from source_stages.version import __version__

DESTINATION_IMAGE = "airbyte/destination-ruddr:dev"


@pytest.fixture(scope="module")
def destination_sandbox():
    """A sandbox of its own: the writes must not change what the source image tests read."""
    with Sandbox.start(dataset="default") as running:
        yield running


@pytest.fixture(scope="module")
def destination_files(tmp_path_factory, destination_sandbox):
    directory = tmp_path_factory.mktemp("docker-destination-data")
    directory.chmod(0o755)
    sandbox = destination_sandbox
    write_readable(directory / "destination.json", {"api_key": DEFAULT_RUDDR_KEY, "base_url": sandbox.ruddr_base_url})
    write_readable(directory / "source.json", sandbox_config(sandbox, ruddr=False))
    write_readable(directory / "source_catalog.json", catalog_for(["stages"]))
    write_readable(directory / "destination_catalog.json", destination_catalog(["stages"]))
    return directory


@pytest.fixture(scope="module")
def destination_image(destination_files, image) -> DockerImage:
    # After the source's image (`image`): the second build reuses the builder stage's cache.
    return DockerImage(docker_client(), build_image(DESTINATION_IMAGE, target="destination-ruddr"), destination_files)


def test_labels_user_and_entrypoint_are_the_destinations(destination_image):
    config = destination_image.inspect()["Config"]
    assert_runs_as_airbyte_runs_it(config, "airbyte/destination-ruddr", __version__, "destination-ruddr")


def test_spec_equals_the_console_scripts(destination_image):
    image_run = destination_image.run("spec")
    assert image_run.returncode == 0, image_run.stderr
    assert len(image_run.of_type("SPEC")) == 1
    assert image_run.of_type("SPEC") == ConsoleScript(DESTINATION_RUDDR).run("spec").of_type("SPEC")


def test_check_succeeds(destination_image, destination_files):
    run = destination_image.run("check", config=destination_files / "destination.json")
    assert run.returncode == 0, run.stderr
    assert [m["connectionStatus"]["status"] for m in run.of_type("CONNECTION_STATUS")] == ["SUCCEEDED"]
    assert DEFAULT_RUDDR_KEY not in run.stdout + run.stderr


def test_write_creates_what_source_stages_reads_then_nothing_on_a_rerun(
    destination_image, destination_files, destination_sandbox
):
    sandbox = destination_sandbox
    prepare_ruddr_pipelines(sandbox, zendesk_pipeline_names(sandbox))
    read = subprocess.run(
        [str(DESTINATION_RUDDR.with_name("source-stages")), "read", "--config", str(destination_files / "source.json"),
         "--catalog", str(destination_files / "source_catalog.json")],
        capture_output=True, text=True, timeout=120, check=True,
    )
    records = [line for line in read.stdout.splitlines() if json.loads(line)["type"] == "RECORD"]
    before = len(sandbox.data()["ruddr"]["opportunity_stages"])

    runs = [destination_image.run("write", stdin_text=read.stdout, config=destination_files / "destination.json",
                                  catalog=destination_files / "destination_catalog.json") for _ in range(2)]

    for run in runs:
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
        assert len(run.of_type("STATE")) == 1
        output = run.stdout + run.stderr
        assert DEFAULT_RUDDR_KEY not in output and DEFAULT_ZENDESK_TOKEN not in output
    summaries = [[m["log"]["message"] for m in run.of_type("LOG") if m["log"]["message"].startswith("Ruddr stages:")]
                 for run in runs]
    assert summaries == [[f"Ruddr stages: created {len(records)}, updated 0, unchanged 0, skipped 0."],
                         [f"Ruddr stages: created 0, updated 0, unchanged {len(records)}, skipped 0."]]
    assert len(sandbox.data()["ruddr"]["opportunity_stages"]) == before + len(records) == before + 16
