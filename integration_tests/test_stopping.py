"""Stopping mid-read, as real processes: a stdout that the reader closes (`source-stages read | head -1`)
and SIGINT (Ctrl-C) or SIGTERM (how platforms cancel). Each ends the process within a few seconds
with the conventional exit code and one line on stderr, no traceback, on both read paths (one
stream: the CDK's read; several: the concurrent framework, whose workers block on its full queue or
on a slow answer and must not keep the process alive). Also the destination's `write`.

The reads that must stay busy wait on a `slow` answer of the sandbox; the closed-pipe reads use a
large dataset, so that the connector is still writing when the reader goes away."""

import json
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from sandbox import Sandbox
from sandbox.connectors import ALL_STREAMS, destination_config, list_path, sandbox_config, sandbox_rows
from stage_apis.ruddr.streams import RuddrOpportunityPipelines, RuddrOpportunityStages
from test_support.catalogs import configured_catalog, destination_catalog

RUDDR_STAGES = RuddrOpportunityStages.name
EXIT_SECONDS = 5  # the issue allows 10
PATIENCE_SECONDS = 30  # for the process to reach the point where it is stopped
EXIT_CODES = {signal.SIGINT: 130, signal.SIGTERM: 143}
BROKEN_PIPE_EXIT_CODE = 141
READS = {"one stream": [RUDDR_STAGES], "every stream": list(ALL_STREAMS)}


class Process:
    """A console script as a real process; its stderr in a file, its stdout read by this test."""

    def __init__(self, script: str, args: list, files: dict, folder: Path, stdin=subprocess.DEVNULL):
        paths = []
        for option, content in files.items():
            path = folder / f"{option}.json"
            path.write_text(json.dumps(content))
            paths += [f"--{option}", str(path)]
        self.stderr_file = tempfile.TemporaryFile()
        executable = Path(sys.executable).with_name(script)
        self.popen = subprocess.Popen([str(executable), *args, *paths], stdin=stdin, stdout=subprocess.PIPE,
                                      stderr=self.stderr_file)

    def drain_stdout(self) -> None:
        """Read stdout in the background, as a reader that keeps up does."""
        threading.Thread(target=self.popen.stdout.read, daemon=True).start()

    def wait_for_exit(self) -> float:
        """Seconds until the process exited (killed after EXIT_SECONDS, and the test fails)."""
        started = time.monotonic()
        try:
            self.popen.wait(EXIT_SECONDS)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()
            pytest.fail(f"still running {EXIT_SECONDS} s later; stderr:\n{self.stderr()[-3000:]}")
        return time.monotonic() - started

    def stderr(self) -> str:
        self.stderr_file.seek(0)
        return self.stderr_file.read().decode(errors="replace")

    def close(self) -> None:
        if self.popen.poll() is None:
            self.popen.kill()
            self.popen.wait()
        self.stderr_file.close()


@pytest.fixture
def processes():
    started = []
    yield lambda *args, **kwargs: started.append(Process(*args, **kwargs)) or started[-1]
    for process in started:
        process.close()


@pytest.fixture
def slow_sandbox(sandbox_factory):
    # Its own process, stopped after the test: the slow answers these tests leave pending would
    # otherwise arrive later, in the request log of another test on the shared sandbox.
    return sandbox_factory(dataset="default")


@pytest.fixture(scope="module")
def large_sandbox():
    # 3,000 stages per API: megabytes of output, and more records than the framework's queue holds.
    with Sandbox.start(dataset="large:3000") as sb:
        yield sb


def wait_until_answered(sandbox, path: str, query: str) -> None:
    """Until the sandbox answered a GET of `path` with exactly this query (a slow answer that an
    earlier test's process left behind has another query)."""
    deadline = time.monotonic() + PATIENCE_SECONDS
    while not any(request["query"] == query for request in sandbox.requests(method="GET", path=path)):
        assert time.monotonic() < deadline, f"no GET {path}?{query} within {PATIENCE_SECONDS} s"
        time.sleep(0.05)


def assert_one_line_on_stderr(process: Process, start: str) -> None:
    lines = [line for line in process.stderr().splitlines() if line]
    assert "Traceback" not in process.stderr() and "Exception ignored" not in process.stderr()
    assert len(lines) == 1 and lines[0].startswith(start), process.stderr()[-3000:]


@pytest.mark.parametrize("streams", READS.values(), ids=list(READS))
def test_a_read_whose_stdout_is_closed_exits_at_once(large_sandbox, processes, tmp_path, streams) -> None:
    files = {"config": sandbox_config(large_sandbox), "catalog": configured_catalog(streams)}
    process = processes("source-stages", ["read"], files, tmp_path)

    assert process.popen.stdout.readline().startswith(b"{")
    process.popen.stdout.close()  # as `| head -1` does after its line
    seconds = process.wait_for_exit()

    assert process.popen.returncode == BROKEN_PIPE_EXIT_CODE
    assert_one_line_on_stderr(process, "source-stages: stdout was closed (broken pipe); stopped.")
    assert seconds < EXIT_SECONDS


def test_a_read_backing_off_stops_at_its_next_log_line_once_stdout_is_closed(slow_sandbox, processes, tmp_path) -> None:
    """A read that waits between retries prints only LOG lines: the first that meets the closed
    stdout stops it (the logging handler would only report the broken pipe, and the read would go
    on through 31 s of backoff)."""
    sandbox = slow_sandbox
    sandbox.add_fault(list_path(sandbox, RUDDR_STAGES), kind="status", status=500, times=None, after=1)
    files = {"config": sandbox_config(sandbox, page_size=5), "catalog": configured_catalog([RUDDR_STAGES])}
    process = processes("source-stages", ["read"], files, tmp_path)
    while b"Retryable" not in process.popen.stdout.readline():
        pass  # until the first retry's LOG line: the read now backs off
    process.popen.stdout.close()
    seconds = process.wait_for_exit()

    assert process.popen.returncode == BROKEN_PIPE_EXIT_CODE
    assert_one_line_on_stderr(process, "source-stages: stdout was closed (broken pipe); stopped.")
    assert seconds < EXIT_SECONDS


def test_a_pipe_into_a_destination_that_fails_at_once_ends_both(large_sandbox, processes, tmp_path) -> None:
    """`source-stages read | destination-ruddr write` whose destination stops at once (a config it
    refuses): the source, blocked on the full pipe, exits as soon as the destination has gone."""
    (tmp_path / "source").mkdir(), (tmp_path / "destination").mkdir()
    read_files = {"config": sandbox_config(large_sandbox), "catalog": configured_catalog(ALL_STREAMS)}
    source = processes("source-stages", ["read"], read_files, tmp_path / "source")
    write_files = {"config": destination_config(large_sandbox, api_key=""),
                   "catalog": destination_catalog([RUDDR_STAGES])}
    destination = processes("destination-ruddr", ["write"], write_files, tmp_path / "destination",
                            stdin=source.popen.stdout)
    source.popen.stdout.close()  # the destination holds the pipe's only reading end

    destination.popen.wait(PATIENCE_SECONDS)
    seconds = source.wait_for_exit()

    errors = [json.loads(line)["trace"]["error"] for line in destination.popen.stdout.read().splitlines()
              if json.loads(line)["type"] == "TRACE"]
    assert destination.popen.returncode == 1 and [error["failure_type"] for error in errors] == ["config_error"]
    assert source.popen.returncode == BROKEN_PIPE_EXIT_CODE
    assert_one_line_on_stderr(source, "source-stages: stdout was closed (broken pipe); stopped.")
    assert seconds < EXIT_SECONDS


SIGNALLED_READS = [(signal.SIGINT, "every stream"), (signal.SIGTERM, "every stream"), (signal.SIGTERM, "one stream")]


@pytest.mark.parametrize("signal_number, read", SIGNALLED_READS, ids=[f"{s.name}, {r}" for s, r in SIGNALLED_READS])
def test_a_signal_mid_read_ends_the_read_at_once(slow_sandbox, processes, tmp_path, signal_number, read) -> None:
    sandbox = slow_sandbox
    # The second page of Ruddr stages comes only after 30 s: a worker waits for it.
    sandbox.add_fault(list_path(sandbox, RUDDR_STAGES), kind="slow", delay=30, after=1)
    files = {"config": sandbox_config(sandbox, page_size=5), "catalog": configured_catalog(READS[read])}
    process = processes("source-stages", ["read"], files, tmp_path)
    process.drain_stdout()
    wait_until_answered(sandbox, list_path(sandbox, RUDDR_STAGES), "limit=5")  # the read now waits for page 2

    process.popen.send_signal(signal_number)
    seconds = process.wait_for_exit()

    assert process.popen.returncode == EXIT_CODES[signal_number]
    assert_one_line_on_stderr(process, f"source-stages: stopped by {signal_number.name};")
    assert seconds < EXIT_SECONDS


def test_a_signal_ends_a_destination_write_at_once(slow_sandbox, processes, tmp_path) -> None:
    sandbox = slow_sandbox
    # The POST that creates the stage is answered only after 30 s.
    sandbox.add_fault(list_path(sandbox, RUDDR_STAGES), kind="slow", delay=30, method="POST")
    pipeline = sandbox_rows(sandbox.data(), RuddrOpportunityPipelines.name)[0]
    record = {"name": "Created while the write is stopped", "opportunityPipelineId": pipeline["id"], "statusId": "open",
              "probability": 0.5, "isActive": True}
    files = {"config": destination_config(sandbox), "catalog": destination_catalog([RUDDR_STAGES])}
    process = processes("destination-ruddr", ["write"], files, tmp_path, stdin=subprocess.PIPE)
    process.popen.stdin.write(json.dumps({"type": "RECORD", "record": {"stream": RUDDR_STAGES, "data": record,
                                                                        "emitted_at": 0}}).encode() + b"\n")
    process.popen.stdin.close()
    wait_until_answered(sandbox, list_path(sandbox, RuddrOpportunityPipelines.name), "limit=100")  # it lists, then POSTs

    process.popen.send_signal(signal.SIGINT)
    seconds = process.wait_for_exit()

    assert process.popen.returncode == EXIT_CODES[signal.SIGINT]
    assert_one_line_on_stderr(process, "destination-ruddr: stopped by SIGINT;")
    assert seconds < EXIT_SECONDS
