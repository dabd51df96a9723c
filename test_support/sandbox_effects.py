"""What a run left in the sandbox, as the tests look at it: the writes it logged, the Ruddr stages
by pipeline name, and a wait for the requests a fault delayed."""

import time
from collections import defaultdict
from typing import Dict, List

from sandbox import Sandbox
from sandbox.connectors import sandbox_rows

WRITES = ("POST", "PATCH", "DELETE")


def ruddr_stages_by_pipeline_name(sb: Sandbox) -> Dict[str, List[dict]]:
    data = sb.data()
    names = {pipeline["id"]: pipeline["name"] for pipeline in sandbox_rows(data, "ruddr_opportunity_pipelines")}
    by_name: Dict[str, List[dict]] = defaultdict(list)
    for stage in sandbox_rows(data, "ruddr_opportunity_stages"):
        by_name[names[stage["opportunityPipelineId"]]].append(stage)
    return by_name


def let_faulted_requests_land(sb: Sandbox, timeout: float = 30) -> None:
    """Wait until every request a fault (of an exact path) counted has been carried out and logged: a
    `slow` one is logged only when its delay is over, even after the client gave up (and after a
    reset, when it would land in the next test)."""
    deadline = time.monotonic() + timeout
    for fault in sb.faults():
        while (len(sb.requests(method=fault["method"], path=fault["path"])) < fault["seen"]
               and time.monotonic() < deadline):
            time.sleep(0.1)


def writes(sb: Sandbox) -> List[dict]:
    """The sandbox's logged POST, PATCH and DELETE requests (method, path, query, status, body)."""
    return [entry for entry in sb.requests() if entry["method"] in WRITES]
