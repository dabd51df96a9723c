"""The destination's image (`--target destination-ruddr`), run as Airbyte runs it: its own labels and
entrypoint, the console script's spec, and `check` against the sandbox. Its writes are the
integration tests' (integration_tests/test_destination_*.py), run in the images by `make docker-test`."""

from docker_tests.conftest import assert_runs_as_airbyte_runs_it, assert_spec_equals_the_console_scripts, inspect_config
from sandbox import DEFAULT_RUDDR_KEY
from sandbox.connectors import destination_config
from stage_apis.version import __version__
from test_support.destination_runs import DESTINATION
from test_support.runs import run_connector


def test_labels_user_and_entrypoint_are_the_destinations(destination_image):
    config = inspect_config(destination_image)
    assert_runs_as_airbyte_runs_it(config, "airbyte/destination-ruddr", __version__, "destination-ruddr")


def test_spec_equals_the_console_scripts(destination_image):
    assert_spec_equals_the_console_scripts(destination_image, DESTINATION)


def test_check_succeeds(destination_image, sandbox):
    run = run_connector("check", destination_config(sandbox), launcher=destination_image)
    assert run.exit_code == 0, run.stderr
    assert run.connection_status == {"status": "SUCCEEDED"}
    assert DEFAULT_RUDDR_KEY not in run.output
