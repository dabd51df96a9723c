"""spec and check of the destination-ruddr console script, as a real process against the sandbox
(its `write` as a real process: test_destination_input.py, test_destination_migration.py and
test_stopping.py)."""

import logging

from integration_tests.connector_runs import run_connector
from integration_tests.destination_process import DESTINATION, destination_config

from destination_ruddr import DestinationRuddr


def test_spec_prints_the_one_spec_of_the_config_model() -> None:
    run = run_connector("spec", launcher=DESTINATION)

    assert run.exit_code == 0
    (spec,) = run.of_type("SPEC")
    assert spec["spec"]["connectionSpecification"] == DestinationRuddr().spec(logging.getLogger()).connectionSpecification


def test_check_succeeds_against_the_sandbox(sandbox) -> None:
    run = run_connector("check", destination_config(sandbox), launcher=DESTINATION)

    assert run.exit_code == 0
    assert run.connection_status == {"status": "SUCCEEDED"}
