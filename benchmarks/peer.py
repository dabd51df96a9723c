"""The published peer: `airbyte-source-zendesk-sell` from PyPI, its manifest run by our CDK.

The wheel is fetched at bench time into the git-ignored cache and never committed. Its
manifest hard-codes the production host and asks for 2 records per page; the patch below
changes only those two values (and, for the start-up runs, the stream `check` reads).
"""

import subprocess
import sys
import zipfile
from pathlib import Path

DISTRIBUTION = "airbyte-source-zendesk-sell"
VERSION = "0.2.14"  # the latest on PyPI
WHEEL_NAME = f"airbyte_source_zendesk_sell-{VERSION}-py3-none-any.whl"
MANIFEST_IN_WHEEL = "source_zendesk_sell/manifest.yaml"
STREAM = "stages"
OWN_PAGE_SIZE = 2

PUBLISHED_URL_BASE_LINE = 'url_base: "https://api.getbase.com/v2"'
PUBLISHED_PAGE_SIZE_LINE = f"page_size: {OWN_PAGE_SIZE}"
# `check` reads the first record of `leads`, which the sandbox does not serve; `stages` costs the same request.
PUBLISHED_CHECK_STREAM_LINE = "- leads"


def fetch_wheel(cache_dir: Path) -> Path:
    wheel = cache_dir / WHEEL_NAME
    if not wheel.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
             # Only its manifest is read, so the wheel's Requires-Python (<3.12) does not apply.
             "--no-deps", "--only-binary", ":all:", "--ignore-requires-python", "--dest", str(cache_dir),
             f"{DISTRIBUTION}=={VERSION}"],
            check=True,
        )
    return wheel


def read_manifest(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(MANIFEST_IN_WHEEL).decode("utf-8")


def _replace_line_once(text: str, old_line: str, new_line: str) -> str:
    """Replace the one line whose content is `old_line`, keeping its indentation."""
    lines = text.splitlines(keepends=True)
    hits = [i for i, line in enumerate(lines) if line.strip() == old_line]
    if len(hits) != 1:
        raise ValueError(f"expected exactly one line {old_line!r} in the peer's manifest, found {len(hits)}")
    line = lines[hits[0]]
    indent = line[: len(line) - len(line.lstrip())]
    lines[hits[0]] = indent + new_line + line[len(line.rstrip("\r\n")):]
    return "".join(lines)


def patch_manifest(manifest: str, zendesk_base_url: str, page_size: int, check_stages: bool = False) -> str:
    """Point `url_base` at `zendesk_base_url` (without /v2), set the page size and, with
    `check_stages`, make `check` read `stages` instead of `leads`."""
    patched = _replace_line_once(
        manifest, PUBLISHED_URL_BASE_LINE, f'url_base: "{zendesk_base_url.rstrip("/")}/v2"'
    )
    if page_size != OWN_PAGE_SIZE:
        patched = _replace_line_once(patched, PUBLISHED_PAGE_SIZE_LINE, f"page_size: {page_size}")
    if check_stages:
        patched = _replace_line_once(patched, PUBLISHED_CHECK_STREAM_LINE, f"- {STREAM}")
    return patched
