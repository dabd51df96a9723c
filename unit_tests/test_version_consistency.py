"""The version is written once (stage_apis/version.py); every other place that states it
must agree: setup.py's metadata, metadata.yaml, the Dockerfile's labels and CHANGELOG.md.
Likewise the supported Pythons: the ones the Makefile tests are the ones setup.py declares, and
the image's is the project's default."""

import pathlib
import runpy
import shlex
from typing import Optional
from unittest import mock

import pytest
import yaml
from packaging.specifiers import SpecifierSet

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCKER_REPOSITORY = "airbyte/source-stages"


@pytest.fixture(scope="module")
def version() -> str:
    return runpy.run_path(str(ROOT / "stage_apis" / "version.py"))["__version__"]


def setup_py_arguments() -> dict:
    """The keyword arguments setup.py passes to setuptools.setup(), read without installing."""
    with mock.patch("setuptools.setup") as fake_setup:
        runpy.run_path(str(ROOT / "setup.py"), run_name="__main__")
    return fake_setup.call_args.kwargs


def dockerfile_labels(stage: Optional[str] = None) -> dict[str, str]:
    """The LABELs of one stage of the Dockerfile: `FROM ... AS <stage>`, or the last stage (the
    source's image, `docker build` without a target) when `stage` is None."""
    stages: list[tuple[Optional[str], dict[str, str]]] = []
    for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines():
        instruction, _, arguments = line.partition(" ")
        if instruction.upper() == "FROM":
            words = arguments.split()
            stages.append((words[-1] if len(words) >= 3 and words[-2].upper() == "AS" else None, {}))
        elif instruction.upper() == "LABEL":
            stages[-1][1].update(word.split("=", 1) for word in shlex.split(arguments))
    if stage is None:
        return stages[-1][1]
    return next(labels for name, labels in stages if name == stage)


def dockerfile_base_images() -> list[str]:
    """The images the Dockerfile's stages start from, less its own stages (`FROM runtime AS ...`)."""
    froms = [line.split() for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
             if line.split()[:1] == ["FROM"]]
    stages = {words[3] for words in froms if len(words) == 4 and words[2].upper() == "AS"}
    return [words[1] for words in froms if words[1] not in stages]


def makefile_variable(name: str) -> str:
    for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines():
        variable, _, value = line.partition(":=")
        if variable.strip() == name:
            return value.strip()
    raise AssertionError(f"the Makefile sets no {name}")


def supported_pythons() -> set[str]:
    """`make test` runs on PYTHON_VERSION, `make test-other-pythons` on the others."""
    return {makefile_variable("PYTHON_VERSION"), *makefile_variable("OTHER_PYTHON_VERSIONS").split()}


def metadata() -> dict:
    return yaml.safe_load((ROOT / "metadata.yaml").read_text(encoding="utf-8"))["data"]


def changelog_top_version() -> str:
    """The first versioned entry; an "## Unreleased" entry above it (changes not yet in a version,
    as in Keep a Changelog) is skipped."""
    for line in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## ") and line != "## Unreleased":
            return line.removeprefix("## ").split()[0]
    raise AssertionError("CHANGELOG.md has no '## <version>' entry")


def test_version_is_semver(version):
    major, minor, patch = version.split(".")
    assert all(part.isdigit() for part in (major, minor, patch)), version


def test_setup_py_uses_the_version(version):
    assert setup_py_arguments()["version"] == version


def test_metadata_yaml_image_tag_is_the_version(version):
    assert metadata()["dockerImageTag"] == version


def test_dockerfile_version_label_is_the_version(version):
    assert dockerfile_labels()["io.airbyte.version"] == version


def test_changelog_top_entry_is_the_version(version):
    assert changelog_top_version() == version


def test_image_name_agrees_between_metadata_and_dockerfile():
    assert metadata()["dockerRepository"] == DOCKER_REPOSITORY
    assert dockerfile_labels()["io.airbyte.name"] == DOCKER_REPOSITORY


def test_setup_py_classifiers_name_the_tested_pythons():
    prefix = "Programming Language :: Python :: 3."
    declared = {c.removeprefix("Programming Language :: Python :: ") for c in setup_py_arguments()["classifiers"]
                if c.startswith(prefix)}
    assert declared == supported_pythons()


def test_python_requires_admits_the_supported_pythons_and_no_other():
    specifier = SpecifierSet(setup_py_arguments()["python_requires"])
    for minor in range(8, 16):
        assert specifier.contains(f"3.{minor}.0") == (f"3.{minor}" in supported_pythons()), f"3.{minor}"


def test_the_image_runs_the_projects_default_python():
    assert set(dockerfile_base_images()) == {f"python:{makefile_variable('PYTHON_VERSION')}-slim"}
