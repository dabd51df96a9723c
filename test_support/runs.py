"""Run one Airbyte command of a connector and read the messages it prints: the one runner of the
unit, integration and Docker tests.

The same command runs several ways, chosen by its launcher:

    run_connector("read", config, streams)                                   # MESSAGES_ONLY: in this process
    run_connector("check", config, launcher=CONSOLE_SCRIPT)                  # a real process
    run_connector("check", config, launcher=IN_PROCESS)                      # always in this process,
                                                                             # where HTTP mocks see it
    run_connector("spec", launcher=DockerImage(docker, image))               # `docker run` of the image
    run_connector("write", config, catalog=catalog, input_messages=records,
                  launcher=MESSAGES_ONLY.destination)                        # messages on stdin

A run whose messages (exit code included) are all a test checks goes through MESSAGES_ONLY: in this
process, since a connector process spends about a second importing airbyte-cdk before it does
anything. Where the process is the point (its exit code as a shell sees it, signals, pipes, stderr,
the console script's own wiring, one run of each command and each kind of error) a test asks for
CONSOLE_SCRIPT. While `make image-requirements` records what connector processes import
(EVERY_RUN_A_PROCESS_ENV set), MESSAGES_ONLY is the console scripts too, so that the recording
covers every path the tests take (docker_tests/import_recording.py).

The config, catalog and state are written to files of a fresh directory (a launcher maps their
paths), and every line the connector prints on stdout must be one Airbyte message (JSON).
"""

import contextlib
import io
import json
import logging
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, Callable, ClassVar, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Union
from unittest.mock import patch

from destination_ruddr.run import run as destination_ruddr_main
from source_stages.run import run as source_stages_main
from test_support.catalogs import configured_catalog

# JSON, or the file's exact text (str) or bytes, or a file that is not written (MISSING_FILE)
FileContent = Union[str, bytes, Mapping[str, Any], Sequence[Any], "MissingFile"]
Stdin = Union[str, bytes, None]  # bytes: exactly these bytes (invalid UTF-8 included)


class MissingFile:
    """A file argument whose file does not exist."""


MISSING_FILE = MissingFile()


@dataclass(frozen=True)
class ConnectorRun:
    args: List[str]  # after the executable, with each file's path as the connector saw it
    exit_code: int
    stdout: str
    stderr: str
    messages: List[dict]

    @property
    def output(self) -> str:
        """stdout and stderr: where no secret and no traceback may show."""
        return self.stdout + self.stderr

    def of_type(self, kind: str) -> List[dict]:
        return [message for message in self.messages if message["type"] == kind]

    def records(self, stream: Optional[str] = None) -> List[dict]:
        return [m["record"]["data"] for m in self.of_type("RECORD") if stream is None or m["record"]["stream"] == stream]

    def log_messages(self, level: Optional[str] = None) -> List[str]:
        return [m["log"]["message"] for m in self.of_type("LOG") if level is None or m["log"]["level"] == level]

    @property
    def error_traces(self) -> List[dict]:
        return [m["trace"]["error"] for m in self.of_type("TRACE") if m["trace"]["type"] == "ERROR"]

    @property
    def connection_status(self) -> dict:
        (status,) = self.of_type("CONNECTION_STATUS")
        return status["connectionStatus"]

    @property
    def catalog(self) -> dict:
        (catalog,) = self.of_type("CATALOG")
        return catalog["catalog"]


def parse_messages(finished: subprocess.CompletedProcess) -> List[dict]:
    """One message per "\\n"-terminated line of stdout; splitlines() would also split inside a
    message at characters such as U+0085 or U+2028, which JSON strings may hold unescaped."""
    lines = finished.stdout.split("\n")
    if lines[-1] == "":
        lines.pop()
    messages = []
    for line in lines:
        try:
            message = json.loads(line)
        except json.JSONDecodeError:
            message = None
        if not isinstance(message, dict) or "type" not in message:
            raise AssertionError(
                f"{finished.args}: stdout line is not an Airbyte message: {line[:300]!r}\nstderr: {finished.stderr[-2000:]}"
            )
        messages.append(message)
    return messages


class Launcher:
    """Runs a connector's command line and returns what it printed."""

    env: Mapping[str, str]  # added to the connector's environment
    timeout: float

    def path(self, file: Path) -> str:
        """The path of a file of the run's directory, as the connector sees it."""
        return str(file)

    def command(self, args: List[str], directory: Path, stdin: bool) -> List[str]:
        """The command line that runs the connector with `args` (and, if `stdin`, input on stdin)."""
        raise NotImplementedError

    def environment(self) -> Optional[Dict[str, str]]:
        """The environment of the command (None: this process's)."""
        return None

    def with_env(self, env: Mapping[str, str], timeout: Optional[float] = None) -> "Launcher":
        """The same launcher, with `env` added to the connector's environment (and another timeout)."""
        # `replace` takes a dataclass: every launcher that has an env is one (mypy sees only Launcher)
        return replace(self, env={**self.env, **env}, timeout=timeout or self.timeout)  # type: ignore[type-var]

    def launch(self, args: List[str], directory: Path, stdin: Stdin) -> subprocess.CompletedProcess:
        return run_process(self.command(args, directory, stdin is not None), stdin, self.timeout, self.environment())


@dataclass(frozen=True)
class ConsoleScript(Launcher):
    """A console script installed beside this Python (in .venv/bin), run as a real process."""

    name: str = "source-stages"
    env: Mapping[str, str] = field(default_factory=dict)
    timeout: float = 300

    def command(self, args: List[str], directory: Path, stdin: bool) -> List[str]:
        return [str(Path(sys.executable).with_name(self.name)), *args]

    def environment(self) -> Optional[Dict[str, str]]:
        return {**os.environ, **self.env}


@dataclass(frozen=True)
class InProcess(Launcher):
    """A console script's function (`main(args)`) called in this process, so that in-process HTTP
    mocks see its requests. An exception it lets through fails the test where a process would
    print a traceback."""

    main: Callable[[List[str]], None] = source_stages_main
    env: Mapping[str, str] = field(default_factory=dict)  # set in os.environ during the call
    timeout: float = 300  # not enforced: a hang fails through the test's own timeout

    def launch(self, args: List[str], directory: Path, stdin: Stdin) -> subprocess.CompletedProcess:
        stdout, stderr = io.StringIO(), io.StringIO()
        exit_code = 0
        raw = stdin if isinstance(stdin, bytes) else (stdin or "").encode()
        stdin_text = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")  # with the `.buffer` a real stdin has
        # The CDK's print buffer writes to sys.__stdout__, so that is replaced too.
        with patch.object(sys, "__stdout__", stdout), patch.object(sys, "stdin", stdin_text), \
                patch.dict(os.environ, self.env), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr), \
                _process_wide_settings_restored():
            try:
                self.main(args)
            except SystemExit as exit_:
                exit_code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
        return subprocess.CompletedProcess(args, exit_code, stdout.getvalue(), stderr.getvalue())


@contextlib.contextmanager
def _process_wide_settings_restored() -> Iterator[None]:
    """What a connector sets for its whole process and a later run in this one must not inherit:
    logger levels (`--debug` sets DEBUG, and only the source sets INFO again) and the exception hook."""
    loggers = [logging.getLogger(), *(logger for logger in logging.Logger.manager.loggerDict.values()
                                      if isinstance(logger, logging.Logger))]
    levels = [(logger, logger.level) for logger in loggers]
    excepthook = sys.excepthook
    try:
        yield
    finally:
        sys.excepthook = excepthook
        for logger, level in levels:
            logger.setLevel(level)


@dataclass(frozen=True)
class DockerImage(Launcher):
    """`docker run` of an image, on the host's network (the sandbox listens on the host's loopback),
    with the run's directory mounted read-only and readable by the image's non-root user."""

    docker: str  # the client's executable
    image: str
    env: Mapping[str, str] = field(default_factory=dict)
    timeout: float = 120
    mount_point: ClassVar[PurePosixPath] = PurePosixPath("/data")

    def path(self, file: Path) -> str:
        return str(self.mount_point / file.name)

    def command(self, args: List[str], directory: Path, stdin: bool) -> List[str]:
        directory.chmod(0o755)
        for file in directory.iterdir():
            file.chmod(0o644)
        interactive = ["--interactive"] if stdin else []
        environment = [option for name, value in self.env.items() for option in ("--env", f"{name}={value}")]
        return [self.docker, "run", "--rm", *interactive, "--network", "host",
                "--volume", f"{directory}:{self.mount_point}:ro", *environment, self.image, *args]


@dataclass(frozen=True)
class Connectors:
    """The source and the destination, launched the same way: as console scripts or as images."""

    source: Launcher
    destination: Launcher


def run_process(command: List[str], stdin: Stdin, timeout: float,
                env: Optional[Mapping[str, str]] = None) -> subprocess.CompletedProcess:
    """The process's stdout and stderr as text; `stdin` given as bytes goes in exactly as it is."""
    if not isinstance(stdin, bytes):
        return subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=timeout, env=env)
    finished = subprocess.run(command, input=stdin, capture_output=True, timeout=timeout, env=env)
    return subprocess.CompletedProcess(finished.args, finished.returncode, finished.stdout.decode(),
                                       finished.stderr.decode(errors="replace"))


CONSOLE_SCRIPT = ConsoleScript()
CONSOLE_SCRIPTS = Connectors(CONSOLE_SCRIPT, ConsoleScript("destination-ruddr"))
IN_PROCESS = InProcess()
DESTINATION_IN_PROCESS = InProcess(main=destination_ruddr_main)
EVERY_RUN_A_PROCESS_ENV = "CONNECTOR_TESTS_EVERY_RUN_A_PROCESS"
MESSAGES_ONLY = CONSOLE_SCRIPTS if os.environ.get(EVERY_RUN_A_PROCESS_ENV) else Connectors(IN_PROCESS, DESTINATION_IN_PROCESS)


def run_connector(command: str, config: Optional[FileContent] = None, streams: Iterable[str] = (), *,
                  catalog: Optional[FileContent] = None, state: Optional[FileContent] = None,
                  input_messages: Optional[Iterable[Mapping[str, Any]]] = None, stdin: Optional[bytes] = None,
                  debug: bool = False, launcher: Launcher = MESSAGES_ONLY.source) -> ConnectorRun:
    """`command --config ... --catalog ... --state ... [--debug]`, with the files that are given;
    a `read` without a catalog gets `configured_catalog(streams)`. `input_messages` go to stdin,
    one JSON line each; or `stdin`, these exact bytes."""
    if command == "read" and catalog is None:
        catalog = configured_catalog(streams)
    text = None if input_messages is None else "".join(json.dumps(message) + "\n" for message in input_messages)
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        args = [command]
        for option, content in (("config", config), ("catalog", catalog), ("state", state)):
            if content is not None:
                file = directory / f"{option}.json"
                if isinstance(content, bytes):
                    file.write_bytes(content)
                elif not isinstance(content, MissingFile):
                    file.write_text(content if isinstance(content, str) else json.dumps(content))
                args += [f"--{option}", launcher.path(file)]
        if debug:
            args.append("--debug")
        finished = launcher.launch(args, directory, stdin if stdin is not None else text)
    return ConnectorRun(args, finished.returncode, finished.stdout, finished.stderr, parse_messages(finished))
