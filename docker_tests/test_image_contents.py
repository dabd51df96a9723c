"""What the images hold (issue 18): every module the connectors import, at start-up, on every
command, on the fault matrix's error paths and the destination's write path
(docker_tests/connector-imports.json, recorded by `make image-requirements`) imports in each
image, and so does every module of the project; no packaging toolchain; and the size targets.
One container per image answers all of it."""

import json
import re
import subprocess
from importlib.metadata import packages_distributions
from pathlib import Path
from typing import Dict, List

import pytest

from docker_tests.build import ROOT
from test_support.runs import DockerImage

IMPORTS_FILE = ROOT / "docker_tests" / "connector-imports.json"
# The project's own top-level packages, as the installed distribution lists them (setup.py's `packages`).
PROJECT_PACKAGES = sorted(name for name, owners in packages_distributions().items() if "source-stages" in owners)
VENV = "/opt/venv"
MAX_VENV_BYTES = 110_000_000
MAX_BYTES_OVER_BASE = 130_000_000
MAX_DISTRIBUTIONS = 50
TOOLCHAIN = ("pip", "setuptools", "wheel", "pkg_resources", "_distutils_hack")

# Run by the image's Python (/opt/venv/bin/python), the module names on stdin.
PROBE = f"""
import glob, importlib, json, os, re, sys
from importlib import metadata
failed = {{}}
names = sys.stdin.read().split()
for name in names:
    try:
        importlib.import_module(name)
    except BaseException as error:
        failed[name] = f"{{type(error).__name__}}: {{error}}"
venv_bytes = sum(os.lstat(os.path.join(top, name)).st_blocks * 512
                 for top, directories, files in os.walk({VENV!r}) for name in [*directories, *files])
places = ["/usr/local/lib/python3*/site-packages/*", "{VENV}/lib/python3*/site-packages/*",
          "/usr/lib/python3/dist-packages/*", "/usr/local/bin/*", "{VENV}/bin/*"]
toolchain = sorted(path for place in places for path in glob.glob(place)
                   if re.match(r"({"|".join(TOOLCHAIN)})([-.0-9]|$)", os.path.basename(path).lower()))
print(json.dumps({{"imported": len(names) - len(failed), "failed": failed, "venv_bytes": venv_bytes,
                  "distributions": sorted(d.metadata["Name"] for d in metadata.distributions()),
                  "toolchain": toolchain}}))
"""


def modules_to_check() -> List[str]:
    """The recorded modules, and every module of the project (installed whole, so not recorded)."""
    recorded = json.loads(IMPORTS_FILE.read_text(encoding="utf-8"))["modules"]
    project = []
    for package in PROJECT_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            if parts[-1] != "__main__":
                project.append(".".join(parts))
    return [*recorded, *project]


def base_image() -> str:
    """The image the runtime stage is built FROM (Dockerfile)."""
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    match = re.search(r"^FROM\s+(\S+)\s+AS\s+runtime\s*$", dockerfile, re.MULTILINE | re.IGNORECASE)
    assert match, "Dockerfile: no `FROM ... AS runtime` stage"
    return match.group(1)


def image_bytes(docker: str, image: str) -> int:
    output = subprocess.run([docker, "image", "inspect", "--format", "{{.Size}}", image],
                            capture_output=True, text=True, check=True).stdout
    return int(output)


@pytest.fixture(scope="module", params=["source", "destination"])
def image(request, images) -> DockerImage:
    return images.source if request.param == "source" else images.destination


@pytest.fixture(scope="module")
def modules() -> List[str]:
    return modules_to_check()


@pytest.fixture(scope="module")
def probe(image, modules) -> Dict:
    finished = subprocess.run(
        [image.docker, "run", "--rm", "--interactive", "--entrypoint", "python", image.image, "-c", PROBE],
        input="\n".join(modules), capture_output=True, text=True, timeout=image.timeout, check=False,
    )
    assert finished.returncode == 0, finished.stderr[-4000:]
    return json.loads(finished.stdout)


def test_every_module_the_connectors_import_imports_in_the_image(probe, modules):
    assert probe["failed"] == {}
    assert probe["imported"] == len(modules) > 1000


def test_no_packaging_toolchain_in_the_image(probe):
    assert probe["toolchain"] == []


def test_the_venv_and_the_distributions_are_within_the_targets(probe):
    assert probe["venv_bytes"] <= MAX_VENV_BYTES, f"{VENV}: {probe['venv_bytes'] / 1e6:.0f} MB"
    assert len(probe["distributions"]) <= MAX_DISTRIBUTIONS, probe["distributions"]
    assert "source-stages" in probe["distributions"]


def test_the_image_is_within_the_target_over_its_base(image):
    base = base_image()
    over = image_bytes(image.docker, image.image) - image_bytes(image.docker, base)
    assert over <= MAX_BYTES_OVER_BASE, f"{image.image}: {over / 1e6:.0f} MB over {base}"
