"""The destination states the distribution's one version (source_stages/version.py) too: its
metadata.yaml, the labels of the Dockerfile's destination-ruddr stage, its docs' changelog; and the
documentation URL agrees between the spec and the metadata."""

import logging
import pathlib
import shlex

import yaml

from source_stages.version import __version__
from unit_tests.test_version_consistency import changelog_top_version

from destination_ruddr import DestinationRuddr

ROOT = pathlib.Path(__file__).resolve().parents[2]
STAGE = "destination-ruddr"
DOCKER_REPOSITORY = "airbyte/destination-ruddr"


def metadata() -> dict:
    return yaml.safe_load((ROOT / "destination_ruddr" / "metadata.yaml").read_text(encoding="utf-8"))["data"]


def stage_labels(stage: str) -> dict:
    """The LABELs of one `FROM ... AS <stage>` stage of the Dockerfile."""
    labels, current = {}, None
    for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines():
        instruction, _, arguments = line.partition(" ")
        if instruction.upper() == "FROM":
            words = arguments.split()
            current = words[-1] if len(words) >= 3 and words[-2].upper() == "AS" else None
        elif instruction.upper() == "LABEL" and current == stage:
            labels.update(word.split("=", 1) for word in shlex.split(arguments))
    return labels


def test_metadata_is_a_destination_tagged_with_the_version():
    data = metadata()
    assert data["connectorType"] == "destination"
    assert data["dockerImageTag"] == __version__
    assert data["dockerRepository"] == DOCKER_REPOSITORY


def test_the_dockerfile_stage_labels_name_the_image_and_the_version():
    assert stage_labels(STAGE) == {"io.airbyte.name": DOCKER_REPOSITORY, "io.airbyte.version": __version__}


def test_the_changelogs_top_entries_are_the_version():
    assert changelog_top_version() == __version__
    docs = (ROOT / "docs" / "destination-ruddr.md").read_text(encoding="utf-8")
    assert f"| {__version__} |" in docs.split("## Changelog", 1)[1]
    assert f"`airbyte/destination-ruddr:{__version__}`" in docs


def test_the_spec_and_the_metadata_give_the_same_documentation_url():
    assert DestinationRuddr().spec(logging.getLogger()).documentationUrl == metadata()["documentationUrl"]
