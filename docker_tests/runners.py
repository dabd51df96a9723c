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


def run_process(command: list[str], stdin_text: str | None = None) -> Run:
    finished = subprocess.run(
        command, input=stdin_text, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_SECONDS, check=False
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

    def run(self, verb: str, stdin_text: str | None = None, **files: pathlib.Path) -> Run:
        """`stdin_text`: what the command reads on stdin (`docker run -i`), e.g. a destination's input."""
        in_container = {option: self.mount_point / path.name for option, path in files.items()}
        interactive = ["--interactive"] if stdin_text is not None else []
        return run_process(
            [
                self.docker, "run", "--rm", *interactive, "--network", "host",
                "--volume", f"{self.data_dir}:{self.mount_point}:ro",
                self.image, *command_arguments(verb, in_container),
            ],
            stdin_text,
        )

    def inspect(self) -> dict:
        output = subprocess.run(
            [self.docker, "image", "inspect", self.image],
            capture_output=True, text=True, check=True,
        ).stdout
        return json.loads(output)[0]


def assert_runs_as_airbyte_runs_it(image_config: dict, name: str, version: str, entrypoint: str) -> None:
    """An image's `docker image inspect` Config: its Airbyte labels, a non-root user, and the
    console script both as ENTRYPOINT and as AIRBYTE_ENTRYPOINT."""
    assert image_config["Labels"]["io.airbyte.name"] == name
    assert image_config["Labels"]["io.airbyte.version"] == version
    assert image_config["User"].split(":")[0] not in ("", "0", "root")
    environment = dict(variable.split("=", 1) for variable in image_config["Env"])
    assert environment["AIRBYTE_ENTRYPOINT"] == " ".join(image_config["Entrypoint"]) == entrypoint
