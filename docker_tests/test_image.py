"""The image, run as Airbyte runs it, behaves exactly like the console script: same spec, same
catalog, same records (and those are the sandbox's), check succeeds, no secret in any output."""

import json
import subprocess

from docker_tests.conftest import assert_runs_as_airbyte_runs_it, assert_spec_equals_the_console_scripts
from sandbox import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN
from sandbox.connectors import RAW_STREAMS, sandbox_rows
from stage_apis.version import __version__
from test_support.runs import CONSOLE_SCRIPT, ConnectorRun, run_connector

WRONG_ZENDESK_TOKEN = "wrong-zendesk-sell-token-2b9e71c4d0"


def assert_no_secret(run: ConnectorRun) -> None:
    for secret in (DEFAULT_ZENDESK_TOKEN, DEFAULT_RUDDR_KEY, WRONG_ZENDESK_TOKEN):
        assert secret not in run.output


def test_image_labels_user_and_entrypoint(image_config):
    assert_runs_as_airbyte_runs_it(image_config, "airbyte/source-stages", __version__, "source-stages")


def test_spec_equals_the_console_scripts(in_image):
    assert_spec_equals_the_console_scripts(in_image, CONSOLE_SCRIPT)


def test_no_command_compiles_bytecode_at_container_start(in_image, config, catalog, tmp_path):
    """Everything the commands import was compiled when the image was built. As root, Python can
    write each .pyc it has to compile, so any it compiles shows up newer than the container's start."""
    for name, content in (("config.json", config), ("catalog.json", catalog)):
        (tmp_path / name).write_text(json.dumps(content), encoding="utf-8")
    script = (
        "touch /tmp/started"
        " && source-stages spec >/dev/null"
        " && source-stages check --config /data/config.json >/dev/null"
        " && source-stages read --config /data/config.json --catalog /data/catalog.json >/dev/null"
        " && find / -xdev -name '*.pyc' -newer /tmp/started"
    )
    finished = subprocess.run(
        [in_image.docker, "run", "--rm", "--network", "host", "--volume", f"{tmp_path}:/data:ro",
         "--user", "0", "--entrypoint", "sh", in_image.image, "-c", script],
        capture_output=True, text=True, timeout=in_image.timeout, check=False,
    )
    assert finished.returncode == 0, finished.stderr[-4000:]
    assert finished.stdout.split() == []


def test_check_succeeds(in_image, config):
    run = run_connector("check", config, launcher=in_image)
    assert run.exit_code == 0, run.stderr
    assert run.connection_status["status"] == "SUCCEEDED", run.stdout[-2000:]
    assert_no_secret(run)


def test_check_with_a_wrong_token_fails_without_showing_it(in_image, config):
    wrong_token = {**config, "zendesk_sell": {**config["zendesk_sell"], "access_token": WRONG_ZENDESK_TOKEN}}
    run = run_connector("check", wrong_token, launcher=in_image)
    assert run.connection_status["status"] == "FAILED", run.output[-4000:]
    assert_no_secret(run)


def test_discover_equals_the_console_scripts(in_image, config):
    image_run = run_connector("discover", config, launcher=in_image)
    assert image_run.exit_code == 0, image_run.stderr
    catalogs = image_run.of_type("CATALOG")
    assert len(catalogs) == 1
    assert set(RAW_STREAMS) <= {stream["name"] for stream in catalogs[0]["catalog"]["streams"]}
    assert catalogs == run_connector("discover", config, launcher=CONSOLE_SCRIPT).of_type("CATALOG")


def test_read_records_equal_the_console_scripts_and_the_sandboxs(in_image, config, catalog, sandbox):
    image_run = run_connector("read", config, catalog=catalog, launcher=in_image)
    assert image_run.exit_code == 0, image_run.stderr[-4000:]
    assert image_run.error_traces == []
    assert_no_secret(image_run)

    console_run = run_connector("read", config, catalog=catalog, launcher=CONSOLE_SCRIPT)
    assert console_run.exit_code == 0, console_run.stderr[-4000:]
    streams = {message["record"]["stream"] for message in image_run.of_type("RECORD") + console_run.of_type("RECORD")}
    assert {stream: image_run.records(stream) for stream in streams} == {stream: console_run.records(stream) for stream in streams}

    data = sandbox.data()
    for stream in RAW_STREAMS:
        expected_ids = sorted(row["id"] for row in sandbox_rows(data, stream))
        assert expected_ids, f"the sandbox has no {stream} rows"
        assert sorted(record["id"] for record in image_run.records(stream)) == expected_ids, stream
