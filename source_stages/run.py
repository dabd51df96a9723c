"""The console script `source-stages` (and `main.py`): the CDK's entrypoint, with three changes.

- The config is validated by `source_stages.source_config`, whose messages name the field, instead of
  the CDK's bare JSON-schema check (which says "0 is less than the minimum of 1" but not where).
- An error the connector names (an AirbyteTracedException) ends the process with its TRACE message
  and exit code 1, without a Python traceback printed beside it: a bad config, a rejected
  credential or an API that keeps failing is reported, not a crash.
- A closed stdout (exit 141), SIGINT (130) and SIGTERM (143) end the process at once, with one
  line on stderr (stopping.py).
"""

import gc
import os
import sys
from typing import Iterable, List, Mapping, Optional

from airbyte_cdk.entrypoint import AirbyteEntrypoint
from airbyte_cdk.logger import PRINT_BUFFER
from airbyte_cdk.models import ConnectorSpecification, FailureType
from airbyte_cdk.sources.utils.schema_helpers import split_config
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from source_stages.source_config import parse_config
from source_stages.source import SourceStages
from source_stages.stopping import stop_at_once, stop_on_broken_pipe

# What the imports above made (airbyte-cdk's ~1,100 modules) lives as long as the process. Frozen,
# it is no longer walked by the garbage collector, which took about 0.1 s of every command at exit.
gc.freeze()


class StagesEntrypoint(AirbyteEntrypoint):
    @staticmethod
    def validate_connection(source_spec: ConnectorSpecification, config: Mapping) -> None:
        connector_config, _ = split_config(config)
        parse_config(connector_config)


def run(args: Optional[List[str]] = None) -> None:
    entrypoint = StagesEntrypoint(SourceStages())
    print_messages(entrypoint.run(entrypoint.parse_args(sys.argv[1:] if args is None else args)))


def print_messages(messages: Iterable[str], program: Optional[str] = None) -> None:
    """Print serialised Airbyte messages, one a line; an AirbyteTracedException ends the process with
    its TRACE message and exit code 1 (other exceptions go to the CDK's exception hook). A closed
    stdout, SIGINT and SIGTERM end it at once (stopping.py)."""
    program = program or os.path.basename(sys.argv[0])
    try:
        with stop_at_once(program), PRINT_BUFFER:
            write = sys.stdout.write  # the CDK's print buffer while it is open: one locked write per message
            for message in messages:
                write(f"{message}\n")
    except BrokenPipeError:
        stop_on_broken_pipe(program)
    except AirbyteTracedException as error:
        # An error the connector or the CDK named (a bad config, a refused credential, an API that
        # keeps failing) is reported, not a crash: its TRACE, exit 1, no traceback. A system_error's
        # TRACE keeps its stack trace for a bug report; other exceptions go to the CDK's hook.
        if error.failure_type != FailureType.system_error:
            error = error.with_traceback(None)  # the TRACE's stack_trace is then one line
        error.emit_message()
        sys.exit(1)
