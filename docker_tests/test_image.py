"""The image, run as Airbyte runs it, behaves exactly like the console script: same spec, same
catalog, same records (and those are the sandbox's), check succeeds, no secret in any output."""

from collections import defaultdict

from docker_tests.conftest import WRONG_ZENDESK_TOKEN
from docker_tests.runners import Run
from integration_tests.sandbox import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN
from source_stages.version import __version__

# stream -> (provider, table) in Sandbox.data()
SANDBOX_TABLES = {
    "zendesk_sell_stages": ("zendesk_sell", "stages"),
    "zendesk_sell_pipelines": ("zendesk_sell", "pipelines"),
    "ruddr_opportunity_stages": ("ruddr", "opportunity_stages"),
    "ruddr_opportunity_pipelines": ("ruddr", "opportunity_pipelines"),
}


def assert_no_secret(run: Run) -> None:
    output = run.stdout + run.stderr
    for secret in (DEFAULT_ZENDESK_TOKEN, DEFAULT_RUDDR_KEY, WRONG_ZENDESK_TOKEN):
        assert secret not in output


def statuses(run: Run) -> list[str]:
    return [message["connectionStatus"]["status"] for message in run.of_type("CONNECTION_STATUS")]


def records_by_stream(run: Run) -> dict[str, list[dict]]:
    records = defaultdict(list)
    for message in run.of_type("RECORD"):
        records[message["record"]["stream"]].append(message["record"]["data"])
    return dict(records)


def test_image_labels_user_and_entrypoint(in_image):
    config = in_image.inspect()["Config"]
    assert config["Labels"]["io.airbyte.name"] == "airbyte/source-stages"
    assert config["Labels"]["io.airbyte.version"] == __version__
    assert config["User"].split(":")[0] not in ("", "0", "root")
    environment = dict(variable.split("=", 1) for variable in config["Env"])
    assert environment["AIRBYTE_ENTRYPOINT"] == " ".join(config["Entrypoint"]) == "source-stages"


def test_no_command_compiles_bytecode_at_container_start(in_image, data_dir, catalog):
    """Everything the commands import was compiled when the image was built. As root, Python can
    write each .pyc it has to compile, so any it compiles shows up newer than the container's start."""
    script = (
        "touch /tmp/started"
        " && source-stages spec >/dev/null"
        " && source-stages check --config /data/config.json >/dev/null"
        " && source-stages read --config /data/config.json --catalog /data/catalog.json >/dev/null"
        " && find / -xdev -name '*.pyc' -newer /tmp/started"
    )
    finished = in_image.shell_as_root(script)
    assert finished.returncode == 0, finished.stderr[-4000:]
    assert finished.stdout.split() == []


def test_spec_equals_the_console_scripts(in_image, console_script):
    image_run = in_image.run("spec")
    assert image_run.returncode == 0, image_run.stderr
    assert len(image_run.of_type("SPEC")) == 1
    assert image_run.of_type("SPEC") == console_script.run("spec").of_type("SPEC")


def test_check_succeeds(in_image, data_dir):
    run = in_image.run("check", config=data_dir / "config.json")
    assert run.returncode == 0, run.stderr
    assert statuses(run) == ["SUCCEEDED"], run.stdout[-2000:]
    assert_no_secret(run)


def test_check_with_a_wrong_token_fails_without_showing_it(in_image, data_dir):
    run = in_image.run("check", config=data_dir / "wrong_token_config.json")
    assert statuses(run) == ["FAILED"], run.stdout[-2000:] + run.stderr[-2000:]
    assert_no_secret(run)


def test_discover_equals_the_console_scripts(in_image, console_script, data_dir):
    image_run = in_image.run("discover", config=data_dir / "config.json")
    assert image_run.returncode == 0, image_run.stderr
    catalogs = image_run.of_type("CATALOG")
    assert len(catalogs) == 1
    assert set(SANDBOX_TABLES) <= {stream["name"] for stream in catalogs[0]["catalog"]["streams"]}
    assert catalogs == console_script.run("discover", config=data_dir / "config.json").of_type("CATALOG")


def test_read_records_equal_the_console_scripts_and_the_sandboxs(
    in_image, console_script, data_dir, catalog, sandbox
):
    image_run = in_image.run("read", config=data_dir / "config.json", catalog=catalog)
    assert image_run.returncode == 0, image_run.stderr[-4000:]
    errors = [trace for trace in image_run.of_type("TRACE") if trace["trace"]["type"] == "ERROR"]
    assert errors == []
    assert_no_secret(image_run)

    image_records = records_by_stream(image_run)
    console_run = console_script.run("read", config=data_dir / "config.json", catalog=catalog)
    assert console_run.returncode == 0, console_run.stderr[-4000:]
    assert image_records == records_by_stream(console_run)

    data = sandbox.data()
    for stream, (provider, table) in SANDBOX_TABLES.items():
        expected_ids = sorted(row["id"] for row in data[provider][table])
        assert expected_ids, f"the sandbox has no {provider} {table}"
        assert sorted(record["id"] for record in image_records[stream]) == expected_ids, stream
