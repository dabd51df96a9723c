"""What both console scripts (`source-stages`, `destination-ruddr`) do with the messages a command
yields:

- print them, one a line, one locked write per message (through the CDK's print buffer);
- an error the connector or the CDK named (an AirbyteTracedException: a bad config, a refused
  credential, an API that keeps failing) ends the process with its TRACE message and exit code 1,
  without a Python traceback printed beside it: it is reported, not a crash;
- a closed stdout (exit 141), SIGINT (130) and SIGTERM (143) end it at once, with one line on
  stderr (stopping.py).
"""

import gc
import os
import sys
from collections.abc import Iterable

from airbyte_cdk.models import FailureType
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from stage_apis.cdk_internals import print_buffer
from stage_apis.stopping import stop_at_once, stop_on_broken_pipe


def freeze_imports() -> None:
    """What the imports made (airbyte-cdk's ~1,100 modules) lives as long as the process. Frozen,
    it is no longer walked by the garbage collector, which took about 0.1 s of every command at exit."""
    gc.freeze()


def print_messages(messages: Iterable[str], program: str | None = None) -> None:
    """Print serialised Airbyte messages, one a line (other exceptions than AirbyteTracedException
    go to the CDK's exception hook)."""
    program = program or os.path.basename(sys.argv[0])
    try:
        with stop_at_once(program), print_buffer():
            write = sys.stdout.write  # the CDK's print buffer while it is open: one locked write per message
            for message in messages:
                write(f"{message}\n")
    except BrokenPipeError:
        stop_on_broken_pipe(program)
    except AirbyteTracedException as error:
        # A system_error's TRACE keeps its stack trace for a bug report.
        if error.failure_type != FailureType.system_error:
            error = error.with_traceback(None)  # the TRACE's stack_trace is then one line
        error.emit_message()
        sys.exit(1)
