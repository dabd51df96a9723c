"""A destination-ruddr write stopped halfway, as a real process, then run again: every stage of the
input exactly once in Ruddr. The stop: its reader closes stdout (`... | head`, or a platform that
goes away) while a POST is on its way (the sandbox answers it late), so the write ends at its
next message. (SIGINT during a write: test_stopping.py.)"""

import json
import subprocess

import pytest

from sandbox.connectors import destination_config, list_path, sandbox_rows
from stage_apis.ruddr.streams import RuddrOpportunityPipelines, RuddrOpportunityStages
from test_support.catalogs import destination_catalog
from test_support.destination_runs import DESTINATION, write

pytestmark = pytest.mark.slow(seconds=5)

STREAM = RuddrOpportunityStages.name
NAMES = [f"Stopped write {number}" for number in range(1, 6)]
BROKEN_PIPE_EXIT_CODE = 141
POST_DELAY = 1  # seconds: the second POST's answer (and each after it) comes after the reader is gone


def stored(sandbox) -> list:
    return [stage["name"] for stage in sandbox_rows(sandbox.data(), STREAM) if stage["name"] in NAMES]


def test_a_write_stopped_by_a_closed_stdout_and_its_rerun_create_each_stage_once(sandbox, tmp_path):
    pipeline = sandbox_rows(sandbox.data(), RuddrOpportunityPipelines.name)[0]["id"]
    messages = [{"type": "RECORD", "record": {"stream": STREAM, "emitted_at": 0, "data": {
        "name": name, "probability": 0.5, "statusId": "open", "opportunityPipelineId": pipeline}}} for name in NAMES]
    messages.append({"type": "STATE", "state": {"type": "STREAM", "stream": {"stream_descriptor": {"name": STREAM},
                                                                            "stream_state": {"n": 1}}}})
    files = {"config": destination_config(sandbox), "catalog": destination_catalog([STREAM])}
    args = ["write"]
    for option, content in files.items():
        (tmp_path / f"{option}.json").write_text(json.dumps(content))
        args += [f"--{option}", str(tmp_path / f"{option}.json")]
    sandbox.add_fault(path=list_path(sandbox, STREAM), method="POST", kind="slow", delay=POST_DELAY, after=1, times=None)
    process = subprocess.Popen(DESTINATION.command(args, tmp_path, stdin=True), stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=DESTINATION.environment())
    try:
        process.stdin.write("".join(json.dumps(message) + "\n" for message in messages).encode())
        process.stdin.close()
        while not process.stdout.readline().startswith(b'{"type":"LOG","log":{"level":"INFO","message":"Created '):
            pass  # until the first stage is written: the second POST is now waiting for its answer
        process.stdout.close()
        stderr = process.stderr.read().decode()
        process.wait(POST_DELAY + 10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    first = stored(sandbox)
    sandbox.clear_faults()

    rerun = write(destination_config(sandbox), messages, [STREAM])

    assert process.returncode == BROKEN_PIPE_EXIT_CODE, stderr
    assert stderr == "destination-ruddr: stdout was closed (broken pipe); stopped.\n"
    assert 1 <= len(first) < len(NAMES)
    assert rerun.exit_code == 0, rerun.output[-3000:]
    assert (f"Ruddr stages: created {len(NAMES) - len(first)}, updated 0, unchanged {len(first)}, skipped 0."
            in rerun.log_messages())
    assert sorted(stored(sandbox)) == sorted(NAMES)
    assert len(rerun.of_type("STATE")) == 1
