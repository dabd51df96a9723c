"""Run an Airbyte command (spec/check/discover/read) through the console script or in the image,
and return the protocol messages it printed. Every stdout line must be a JSON message."""

import json
import pathlib
import subprocess
from dataclasses import dataclass

COMMAND_TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class Run:
    messages: list[dict]
    stdout: str
    stderr: str
    returncode: int

    def of_type(self, message_type: str) -> list[dict]:
        return [message for message in self.messages if message["type"] == message_type]


def run_process(command: list[str]) -> Run:
    finished = subprocess.run(
        command, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_SECONDS, check=False
    )
    messages = []
    for line in finished.stdout.splitlines():
        try:
            messages.append(json.loads(line))
        except json.JSONDecodeError:
            raise AssertionError(
                f"{command}: stdout line is not an Airbyte message: {line[:300]!r}\n"
                f"stderr: {finished.stderr[-2000:]}"
            ) from None
    return Run(messages, finished.stdout, finished.stderr, finished.returncode)


def command_arguments(verb: str, files: dict[str, pathlib.Path]) -> list[str]:
    """`read --config C --catalog K`: each file given as `--<option> <path>`."""
    arguments = [verb]
    for option, path in files.items():
        arguments += [f"--{option}", str(path)]
    return arguments


@dataclass(frozen=True)
class ConsoleScript:
    executable: pathlib.Path

    def run(self, verb: str, **files: pathlib.Path) -> Run:
        return run_process([str(self.executable), *command_arguments(verb, files)])


@dataclass(frozen=True)
class DockerImage:
    """`docker run` of the image, host network (the sandbox listens on the host's loopback) and
    the directory holding config and catalog mounted read-only at /data."""

    docker: str
    image: str
    data_dir: pathlib.Path
    mount_point = pathlib.PurePosixPath("/data")

    def _docker_run(self, *options: str) -> list[str]:
        return [self.docker, "run", "--rm", "--network", "host",
                "--volume", f"{self.data_dir}:{self.mount_point}:ro", *options, self.image]

    def command(self, verb: str, **files: pathlib.Path) -> list[str]:
        in_container = {option: self.mount_point / path.name for option, path in files.items()}
        return [*self._docker_run(), *command_arguments(verb, in_container)]

    def run(self, verb: str, **files: pathlib.Path) -> Run:
        return run_process(self.command(verb, **files))

    def shell_as_root(self, script: str) -> subprocess.CompletedProcess:
        """`sh -c script` in a container of the image, as root instead of the image's user."""
        return subprocess.run(
            [*self._docker_run("--user", "0", "--entrypoint", "sh"), "-c", script],
            capture_output=True, text=True, timeout=COMMAND_TIMEOUT_SECONDS, check=False,
        )

    def inspect(self) -> dict:
        output = subprocess.run(
            [self.docker, "image", "inspect", self.image],
            capture_output=True, text=True, check=True,
        ).stdout
        return json.loads(output)[0]
