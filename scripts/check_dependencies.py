"""deptry over the product's packages (not its tests, benchmarks or scripts), against the runtime
dependencies setup.py declares: install_requires as the installed distribution's metadata states
it, since deptry cannot read setup.py. Its settings are in pyproject.toml. Exits with deptry's
status."""

import subprocess
import sys
import tempfile
from importlib.metadata import requires
from pathlib import Path

DISTRIBUTION = "source-stages"
PACKAGES = ("stage_apis", "source_stages", "destination_ruddr")
ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    runtime = [requirement for requirement in requires(DISTRIBUTION) or [] if "extra ==" not in requirement]
    with tempfile.TemporaryDirectory() as work:
        requirements = Path(work) / "requirements.txt"
        requirements.write_text("\n".join(runtime) + "\n")
        deptry = Path(sys.executable).parent / "deptry"
        command = [str(deptry), *PACKAGES, "--requirements-files", str(requirements)]
        return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main())
