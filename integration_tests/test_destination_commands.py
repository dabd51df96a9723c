"""spec and check of the destination-ruddr console script, as a real process against the sandbox
(its `write` as a real process: test_destination_input.py, test_destination_migration.py and
test_stopping.py)."""

import logging

from destination_ruddr import DestinationRuddr
from sandbox.connectors import destination_config
from test_support.destination_runs import DESTINATION
from test_support.runs import run_connector


def test_spec_prints_the_one_spec_of_the_config_model() -> None:
    run = run_connector("spec", launcher=DESTINATION)

    assert run.exit_code == 0
    (spec,) = run.of_type("SPEC")
    assert spec["spec"]["connectionSpecification"] == DestinationRuddr().spec(logging.getLogger()).connectionSpecification


def test_check_succeeds_against_the_sandbox(sandbox) -> None:
    run = run_connector("check", destination_config(sandbox), launcher=DESTINATION)

    assert run.exit_code == 0
    assert run.connection_status == {"status": "SUCCEEDED"}
