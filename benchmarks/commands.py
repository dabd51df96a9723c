"""The command lines of the things measured, with the config and catalog files they read."""

import json
import sys
from pathlib import Path
from typing import List, Mapping, Optional, Sequence, Tuple

from benchmarks import peer
from benchmarks.plan import PAGE_SIZE, BenchedApi
from sandbox import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN

BIN = Path(sys.executable).parent
REQUESTS_LOOP = Path(__file__).resolve().parent / "requests_loop.py"
MINIMAL_CDK_SOURCE = Path(__file__).resolve().parent / "minimal_cdk_source.py"


def write_json(path: Path, value) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def catalog_of(streams: Sequence[str]) -> dict:
    """Each stream full refresh."""
    return {
        "streams": [
            {
                "stream": {"name": stream, "json_schema": {}, "supported_sync_modes": ["full_refresh"]},
                "sync_mode": "full_refresh",
                "destination_sync_mode": "overwrite",
            }
            for stream in streams
        ]
    }


def ours_config(api: BenchedApi, sandbox, max_requests_per_second: Optional[int]) -> dict:
    """Only the measured API's block; `None` keeps the connector's default rate budget."""
    if api.key == "zendesk_sell":
        block = {"access_token": DEFAULT_ZENDESK_TOKEN, "base_url": sandbox.zendesk_base_url}
    else:
        block = {"api_key": DEFAULT_RUDDR_KEY, "base_url": sandbox.ruddr_base_url}
    if max_requests_per_second is not None:
        block["max_requests_per_second"] = max_requests_per_second
    return {api.key: block, "page_size": PAGE_SIZE}


def ours(api: BenchedApi, sandbox, work_dir: Path, max_requests_per_second: Optional[int]) -> List[str]:
    config = write_json(work_dir / f"ours-{api.key}-config.json", ours_config(api, sandbox, max_requests_per_second))
    catalog = write_json(work_dir / f"ours-{api.key}-catalog.json", catalog_of([api.stream]))
    return [str(BIN / "source-stages"), "read", "--config", str(config), "--catalog", str(catalog)]


def peer_read(manifest: str, sandbox, work_dir: Path, page_size: int, bin_dir: Path) -> List[str]:
    """The peer's read with `source-declarative-manifest` of the venv `bin_dir`."""
    manifest_path = work_dir / f"peer-manifest-page-{page_size}.yaml"
    work_dir.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(peer.patch_manifest(manifest, sandbox.zendesk_base_url, page_size), encoding="utf-8")
    config = write_json(work_dir / "peer-config.json", {"api_token": DEFAULT_ZENDESK_TOKEN})
    catalog = write_json(work_dir / "peer-catalog.json", catalog_of([peer.STREAM]))
    return [
        str(bin_dir / "source-declarative-manifest"), "read", "--config", str(config),
        "--catalog", str(catalog), "--manifest-path", str(manifest_path),
    ]


def _api_endpoint(api: BenchedApi, sandbox) -> Tuple[str, str]:
    if api.key == "zendesk_sell":
        return sandbox.zendesk_base_url, DEFAULT_ZENDESK_TOKEN
    return sandbox.ruddr_base_url, DEFAULT_RUDDR_KEY


def minimal_cdk(api: BenchedApi, sandbox, work_dir: Path, extra_query: Mapping[str, str]) -> List[str]:
    base_url, secret = _api_endpoint(api, sandbox)
    config = write_json(work_dir / f"minimal-{api.key}-config.json",
                         {"api": api.key, "base_url": base_url, "secret": secret, "query": dict(extra_query)})
    catalog = write_json(work_dir / f"minimal-{api.key}-catalog.json", catalog_of([api.stream]))
    return [sys.executable, str(MINIMAL_CDK_SOURCE), "read", "--config", str(config), "--catalog", str(catalog)]


def requests_loop(api: BenchedApi, sandbox, extra_query: Mapping[str, str]) -> List[str]:
    base_url, secret = _api_endpoint(api, sandbox)
    argv = [sys.executable, str(REQUESTS_LOOP), api.key, base_url, secret, str(PAGE_SIZE)]
    return argv + [f"{key}={value}" for key, value in extra_query.items()]


def cdk_import() -> List[str]:
    return [sys.executable, "-c", "import airbyte_cdk"]
