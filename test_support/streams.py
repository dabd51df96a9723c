"""source-stages' streams as only the tests need them (the lists of streams and where each shows in
the sandbox: sandbox/connectors.py): the stage streams, and the schema each stream must announce."""

import json
from pathlib import Path

import source_stages
import stage_apis
from sandbox.connectors import LIST_STREAMS
from source_stages.providers import PROVIDERS

STAGE_STREAMS = tuple(provider.stages.name for provider in PROVIDERS)


def schema_file(stream: str) -> dict:
    """The JSON schema the package ships for the stream (what discover must announce): a list's
    beside its stream class, the unified `stages` beside the source."""
    package = stage_apis if stream in LIST_STREAMS else source_stages
    return json.loads((Path(package.__file__).parent / "schemas" / f"{stream}.json").read_text())
