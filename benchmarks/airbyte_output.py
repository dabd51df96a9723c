"""Read what a connector wrote to stdout: how many records, how many distinct ids, and errors."""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import List


@dataclass
class ReadOutput:
    records: int = 0
    unique_ids: int = 0
    errors: List[str] = field(default_factory=list)  # TRACE error messages

    @property
    def exactly_once(self) -> bool:
        return self.records == self.unique_ids


def read_output(path: Path, stream: str) -> ReadOutput:
    result = ReadOutput()
    ids = set()
    with open(path, "rb") as lines:
        for line in lines:
            if not line.startswith(b"{"):
                continue
            message = json.loads(line)
            kind = message.get("type")
            if kind == "RECORD" and message["record"]["stream"] == stream:
                result.records += 1
                ids.add(message["record"]["data"]["id"])
            elif kind == "TRACE" and message["trace"].get("type") == "ERROR":
                error = message["trace"]["error"]
                result.errors.append(f'{error.get("failure_type")}: {error.get("message")}')
    result.unique_ids = len(ids)
    return result
