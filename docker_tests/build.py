"""Build a Docker image: with ../shared/tools/docker-local.sh where it exists (these machines have
no Docker engine or registry; it provides both), else with `docker build`. Used by the docker tests
and the benchmark."""

import fcntl
import os
import pathlib
import shutil
import subprocess
import tempfile
from typing import Optional

ROOT = pathlib.Path(__file__).resolve().parent.parent
IMAGE = "airbyte/source-stages:dev"
DOCKER_LOCAL = ROOT.parent / "shared" / "tools" / "docker-local.sh"
# docker-local.sh installs Debian's client, which has BuildKit; prefer it when present.
DEBIAN_DOCKER = pathlib.Path("/usr/bin/docker")
BUILD_TIMEOUT_SECONDS = 900
# docker-local.sh writes one shared Dockerfile.local per build, so two builds at once (pytest-xdist
# workers) would race: builds take this lock, one at a time.
BUILD_LOCK = pathlib.Path(tempfile.gettempdir()) / "source-stages-docker-build.lock"


def docker_client() -> Optional[str]:
    if DEBIAN_DOCKER.exists():
        return str(DEBIAN_DOCKER)
    return shutil.which("docker")


def build_image(
    context: pathlib.Path, tag: str, dockerfile: Optional[pathlib.Path] = None, target: Optional[str] = None
) -> subprocess.CompletedProcess:
    """`dockerfile` (default: the context's Dockerfile) built as `tag`, up to the stage `target`
    (None: the last stage)."""
    environment = dict(os.environ)
    if DOCKER_LOCAL.exists():
        command = [str(DOCKER_LOCAL), str(context), tag]
        if dockerfile is not None:
            environment["DOCKERFILE"] = str(dockerfile)
        if target is not None:
            environment["DOCKER_TARGET"] = target
    else:
        command = [docker_client() or "docker", "build", "--tag", tag, str(context)]
        if dockerfile is not None:
            command[2:2] = ["--file", str(dockerfile)]
        if target is not None:
            command[2:2] = ["--target", target]
    with open(BUILD_LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return subprocess.run(command, capture_output=True, text=True, timeout=BUILD_TIMEOUT_SECONDS,
                              check=False, env=environment)
