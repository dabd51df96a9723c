"""The destination states the distribution's one version (stage_apis/version.py) too: its
metadata.yaml, the labels of the Dockerfile's destination-ruddr stage and its docs page's image tag
(CHANGELOG.md, the one changelog of both connectors, is checked with the source's); and the
documentation URL agrees between the spec and the metadata."""

import logging
import pathlib

import yaml

from stage_apis.version import __version__
from unit_tests.test_version_consistency import dockerfile_labels

from destination_ruddr import DestinationRuddr

ROOT = pathlib.Path(__file__).resolve().parents[2]
STAGE = "destination-ruddr"
DOCKER_REPOSITORY = "airbyte/destination-ruddr"


def metadata() -> dict:
    return yaml.safe_load((ROOT / "destination_ruddr" / "metadata.yaml").read_text(encoding="utf-8"))["data"]


def test_metadata_is_a_destination_tagged_with_the_version():
    data = metadata()
    assert data["connectorType"] == "destination"
    assert data["dockerImageTag"] == __version__
    assert data["dockerRepository"] == DOCKER_REPOSITORY


def test_the_dockerfile_stage_labels_name_the_image_and_the_version():
    assert dockerfile_labels(STAGE) == {"io.airbyte.name": DOCKER_REPOSITORY, "io.airbyte.version": __version__}


def test_the_docs_name_the_versions_image_and_keep_no_changelog_of_their_own():
    docs = (ROOT / "docs" / "destination-ruddr.md").read_text(encoding="utf-8")
    assert f"`airbyte/destination-ruddr:{__version__}`" in docs
    for page in (ROOT / "docs").glob("*.md"):
        assert "## Changelog" not in page.read_text(encoding="utf-8"), f"{page.name}: CHANGELOG.md is the one changelog"


def test_the_spec_and_the_metadata_give_the_same_documentation_url():
    assert DestinationRuddr().spec(logging.getLogger()).documentationUrl == metadata()["documentationUrl"]
