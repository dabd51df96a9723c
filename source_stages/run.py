"""The console script `source-stages` (and `main.py`): the CDK's entrypoint, with two changes.

- The config is validated by `source_stages.source_config`, whose messages name the field, instead of
  the CDK's bare JSON-schema check (which says "0 is less than the minimum of 1" but not where).
- Its messages are printed by stage_apis/console.py: an error the connector names ends with its
  TRACE and exit code 1, no traceback; a closed stdout, SIGINT and SIGTERM stop it at once.
"""

import sys
from collections.abc import Mapping

from airbyte_cdk.entrypoint import AirbyteEntrypoint
from airbyte_cdk.models import ConnectorSpecification
from airbyte_cdk.sources.utils.schema_helpers import split_config

from source_stages.source import SourceStages
from source_stages.source_config import parse_config
from stage_apis.console import freeze_imports, print_messages
from stage_apis.stopping import stop_when_a_log_line_finds_stdout_closed

freeze_imports()


class StagesEntrypoint(AirbyteEntrypoint):
    @staticmethod
    def validate_connection(source_spec: ConnectorSpecification, config: Mapping[str, object]) -> None:
        connector_config, _ = split_config(config)
        parse_config(connector_config)


def run(args: list[str] | None = None) -> None:
    with stop_when_a_log_line_finds_stdout_closed():
        entrypoint = StagesEntrypoint(SourceStages())
        print_messages(entrypoint.run(entrypoint.parse_args(sys.argv[1:] if args is None else args)))
