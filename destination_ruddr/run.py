"""The console script `destination-ruddr` (`spec`, `check`, `write`): the CDK's `Destination.run`
with its messages printed by stage_apis/console.py, as the source's are: one write per message,
and an error the connector names ends the process with its TRACE message and exit code 1 but no
traceback.

The CDK's destination parser has no `--debug` (its sources' has): it is taken off the arguments
here and turns on debug logs, as LOG_LEVEL=debug does. Secrets stay masked in them.
"""

import logging
import sys

from airbyte_cdk.entrypoint import AirbyteEntrypoint
from airbyte_cdk.exception_handler import init_uncaught_exception_handler
from airbyte_cdk.logger import is_platform_debug_log_enabled

from destination_ruddr.destination import DestinationRuddr
from stage_apis.console import freeze_imports, print_messages
from stage_apis.stopping import stop_when_a_log_line_finds_stdout_closed

freeze_imports()

DEBUG_FLAG = "--debug"


def run(args: list[str] | None = None) -> None:
    args = sys.argv[1:] if args is None else args
    logger = logging.getLogger("airbyte")
    init_uncaught_exception_handler(logger)
    if DEBUG_FLAG in args or is_platform_debug_log_enabled():
        logger.setLevel(logging.DEBUG)
    with stop_when_a_log_line_finds_stdout_closed():
        destination = DestinationRuddr()
        parsed_args = destination.parse_args([arg for arg in args if arg != DEBUG_FLAG])
        print_messages(map(AirbyteEntrypoint.airbyte_message_to_string, destination.run_cmd(parsed_args)))
