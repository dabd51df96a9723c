"""Start-up: `spec`, `check` (one request) and `discover` as fresh processes, source-stages paired
with the peer on the same machine. Console scripts on the project's Python and on the other venv's
(3.11: the Python of Airbyte's base image, which the peer's image uses), and both images under
`docker run`. Commands run interleaved, round by round; each pair's ratio is of medians."""

import json
import platform
import subprocess
import sys
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Callable, List, Optional, Sequence

from benchmarks import commands, peer
from benchmarks.measure import last_line, measure_interleaved
from benchmarks.plan import RUN_TIMEOUT_S, STARTUP_RUNS, STARTUP_WARMUPS, ZENDESK_SELL
from benchmarks.process import run_measured
from benchmarks.stats import median
from benchmarks.targets import STARTUP_PEER_FACTOR, TargetCheck, at_most_factor
from docker_tests.build import IMAGE, ROOT, build_image, docker_client
from sandbox import DEFAULT_ZENDESK_TOKEN

COMMANDS = ("spec", "check", "discover")
PEER_IMAGE = "source-stages-bench/peer-declarative-manifest:dev"
PEER_DOCKERFILE = Path(__file__).resolve().parent / "peer-image.Dockerfile"
# What each command must print (and, for check, the single request it must make).
EXPECTED_MESSAGE = {"spec": "SPEC", "check": "CONNECTION_STATUS", "discover": "CATALOG"}


@dataclass(frozen=True)
class Runner:
    key: str
    label: str
    argv: Callable[[str], List[str]]  # command -> argv
    ours: bool


def python_version(python: str) -> str:
    return subprocess.run([python, "-c", "import platform; print(platform.python_version())"],
                          capture_output=True, text=True, check=True).stdout.strip()


def minor(python: str) -> str:
    return ".".join(python.split(".")[:2])


def console_runners(bin_dir: Path, data_dir: Path, manifest: Path) -> List[Runner]:
    py = python_version(str(bin_dir / "python"))
    ours_config, peer_config = data_dir / "ours-config.json", data_dir / "peer-config.json"

    def ours(command: str) -> List[str]:
        return [str(bin_dir / "source-stages"), command] + ([] if command == "spec" else ["--config", str(ours_config)])

    def peer_argv(command: str) -> List[str]:
        config = [] if command == "spec" else ["--config", str(peer_config)]
        return [str(bin_dir / "source-declarative-manifest"), command, *config, "--manifest-path", str(manifest)]

    return [Runner(f"ours-{minor(py)}", f"source-stages, console script, Python {py}", ours, True),
            Runner(f"peer-{minor(py)}", f"peer, source-declarative-manifest, Python {py}", peer_argv, False)]


def image_runner(key: str, label: str, docker: str, image: str, data_dir: Path, config: str, ours: bool) -> Runner:
    """`docker run` of the image on the host's network, with `data_dir` mounted read-only at /data."""

    def argv(command: str) -> List[str]:
        run = [docker, "run", "--rm", "--network", "host", "--volume", f"{data_dir}:/data:ro", image, command]
        return run if command == "spec" else [*run, "--config", f"/data/{config}"]

    return Runner(key, label, argv, ours)


def image_python(docker: str, image: str) -> str:
    return subprocess.run([docker, "run", "--rm", "--entrypoint", "python", image, "-c",
                           "import platform; print(platform.python_version())"],
                          capture_output=True, text=True, check=True).stdout.strip()


def build_images(data_dir: Path, manifest_text: str, work_dir: Path) -> tuple[List[Runner], List[str]]:
    """Our image from the repository, the peer's from benchmarks/peer-image.Dockerfile; the runners
    of those that built, and the errors of those that did not."""
    context = work_dir / "peer-image"
    context.mkdir(parents=True, exist_ok=True)
    (context / "requirements.txt").write_text(f"airbyte-cdk=={version('airbyte-cdk')}\n", encoding="utf-8")
    (context / "manifest.yaml").write_text(manifest_text, encoding="utf-8")
    runners, errors = [], []
    for key, what, tag, build_context, dockerfile, config, ours in (
        ("ours-image", "source-stages image", IMAGE, ROOT, None, "ours-config.json", True),
        ("peer-image", "peer image (manifest-only, as Airbyte ships it)", PEER_IMAGE, context, PEER_DOCKERFILE,
         "peer-config.json", False),
    ):
        try:
            build = build_image(build_context, tag, dockerfile)
        except (OSError, subprocess.TimeoutExpired) as error:
            errors.append(f"{what}: not built: {error}")
            continue
        docker = docker_client()
        if build.returncode != 0 or docker is None:
            errors.append(f"{what}: build failed: {last_words(build.stderr or build.stdout)}")
            continue
        label = f"{what}, docker run, Python {image_python(docker, tag)}"
        runners.append(image_runner(key, label, docker, tag, data_dir, config, ours))
    return runners, errors


def last_words(text: str, chars: int = 300) -> str:
    lines = text.strip().splitlines()
    return lines[-1][-chars:] if lines else ""


class StartupCell:
    """One runner's one command, run once per round (the interface of measure.measure_interleaved)."""

    def __init__(self, runner: Runner, command: str):
        self.runner, self.command = runner, command
        self.walls_s: List[float] = []
        self.requests: List[int] = []
        self.errors: List[str] = []

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def run_once(self, sandbox, work_dir: Path, counted: bool) -> None:
        stdout, stderr = work_dir / "stdout", work_dir / "stderr"
        sandbox.clear_requests()
        run = run_measured(self.runner.argv(self.command), stdout, stderr, RUN_TIMEOUT_S)
        requests = len(sandbox.requests())
        types = [json.loads(line).get("type") for line in stdout.read_text(encoding="utf-8").splitlines()
                 if line.startswith("{")]
        if run.timed_out or run.returncode != 0:
            self.errors.append(f"exit {run.returncode}: {last_line(stderr) or last_line(stdout)}")
        elif types.count(EXPECTED_MESSAGE[self.command]) != 1:
            self.errors.append(f"printed {types.count(EXPECTED_MESSAGE[self.command])} {EXPECTED_MESSAGE[self.command]}")
        elif self.command == "check" and (requests != 1 or '"SUCCEEDED"' not in stdout.read_text(encoding="utf-8")):
            self.errors.append(f"check did not succeed with one request ({requests} requests): {last_line(stdout)}")
        elif counted:
            self.walls_s.append(run.wall_s)
            self.requests.append(requests)

    def finish(self) -> "StartupCell":
        return self

    def to_json(self) -> dict:
        return {"command": self.command, "runner": self.runner.key, "label": self.runner.label,
                "ours": self.runner.ours, "wall_s_median": median(self.walls_s) if self.walls_s else None,
                "walls_s": self.walls_s, "requests": max(self.requests) if self.requests else None,
                "errors": self.errors}


# (ours, peer, what the pair shows), {default}: the project's Python, {other}: the peer image's; the
# first is the target's.
PAIRS = (
    ("ours-{default}", "peer-{other}", "console scripts: ours on Python {default}, the peer on {other} (target)"),
    ("ours-{other}", "peer-{other}", "console scripts, both on Python {other}"),
    ("ours-{default}", "peer-{default}", "console scripts, both on Python {default}"),
    ("ours-image", "peer-image", "the two images, `docker run`"),
)


def pairs(default: str, other: str) -> List[tuple]:
    return [tuple(part.format(default=default, other=other) for part in pair) for pair in PAIRS]


def ratio_rows(rows: Sequence[dict], default: str, other: str) -> List[dict]:
    by_key = {(r["command"], r["runner"]): r for r in rows}
    out = []
    for ours, peer_key, what in pairs(default, other):
        for command in COMMANDS:
            a, b = by_key.get((command, ours)), by_key.get((command, peer_key))
            ok = a and b and not a["errors"] and not b["errors"] and a["wall_s_median"] and b["wall_s_median"]
            out.append({"command": command, "ours": ours, "peer": peer_key, "pair": what,
                        "ratio": a["wall_s_median"] / b["wall_s_median"] if ok else None})
    return out


def checks(rows: Sequence[dict], default: str, other: str) -> List[TargetCheck]:
    by_key = {(r["command"], r["runner"]): r for r in rows}
    ours, peer_key, _ = pairs(default, other)[0]

    def wall(command: str, runner: str) -> Optional[float]:
        row = by_key.get((command, runner))
        return None if row is None or row["errors"] else row["wall_s_median"]

    return [at_most_factor(f"start-up, `{command}`: console script on Python {default} <= {STARTUP_PEER_FACTOR} x "
                           f"the peer's on Python {other}", wall(command, ours), wall(command, peer_key),
                           STARTUP_PEER_FACTOR)
            for command in COMMANDS]


def write_inputs(sandbox, manifest: str, work_dir: Path) -> tuple[Path, Path, str]:
    """Config files readable by the images' non-root users, and the patched manifest."""
    data_dir = work_dir / "startup-data"
    data_dir.mkdir(parents=True, exist_ok=True)
    data_dir.chmod(0o755)
    files = {
        "ours-config.json": json.dumps(commands.ours_config(ZENDESK_SELL, sandbox, None)),
        "peer-config.json": json.dumps({"api_token": DEFAULT_ZENDESK_TOKEN}),
        "peer-manifest.yaml": peer.patch_manifest(manifest, sandbox.zendesk_base_url, peer.OWN_PAGE_SIZE,
                                                  check_stages=True),
    }
    for name, text in files.items():
        (data_dir / name).write_text(text, encoding="utf-8")
        (data_dir / name).chmod(0o644)
    return data_dir, data_dir / "peer-manifest.yaml", files["peer-manifest.yaml"]


def measure_startup(sandbox, manifest: str, work_dir: Path, other_bin: Path, log) -> dict:
    """Every runner, every command; returns the JSON of the start-up results."""
    other_bin = other_bin.absolute()
    default, other = minor(platform.python_version()), minor(python_version(str(other_bin / "python")))
    data_dir, manifest_path, manifest_text = write_inputs(sandbox, manifest, work_dir)
    runners = console_runners(Path(sys.executable).parent, data_dir, manifest_path)
    runners += console_runners(other_bin, data_dir, manifest_path)
    log("building the two images for the start-up runs")
    image_runners, image_errors = build_images(data_dir, manifest_text, work_dir)
    runners += image_runners
    rows = []
    for command in COMMANDS:
        cells = [StartupCell(runner, command) for runner in runners]
        for cell in measure_interleaved(cells, sandbox, work_dir, runs=STARTUP_RUNS, warmups=STARTUP_WARMUPS):
            row = cell.to_json()
            log(f"start-up {command} {row['label']}: "
                + (f"failed: {row['errors']}" if row["errors"] else f"{row['wall_s_median']:.3f} s median"))
            rows.append(row)
    return {"python": default, "other_python": other, "runs": STARTUP_RUNS, "warmups": STARTUP_WARMUPS,
            "rows": rows, "ratios": ratio_rows(rows, default, other), "image_errors": image_errors,
            "targets": [c.to_json() for c in checks(rows, default, other)]}
