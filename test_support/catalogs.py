"""Configured catalogs, as a `--catalog` file holds them (JSON) or as the CDK's model, for every kind
of test: the source's (full refresh, or incremental where asked), the destination's (its sync mode),
and one of every stream a `discover` announced."""

from typing import Any, Dict, Iterable, Mapping

from airbyte_cdk.models import ConfiguredAirbyteCatalog, ConfiguredAirbyteCatalogSerializer, SyncMode
from airbyte_cdk.test.catalog_builder import CatalogBuilder


def configured_catalog(streams: Iterable[str], incremental: Iterable[str] = (),
                       destination_sync_mode: str = "overwrite") -> Dict[str, Any]:
    """Each stream full refresh, or incremental if it is in `incremental` (the source defines the
    cursor), with this destination sync mode."""
    incremental = set(incremental)
    builder = CatalogBuilder()
    for stream in streams:
        builder.with_stream(stream, SyncMode.incremental if stream in incremental else SyncMode.full_refresh)
    catalog = ConfiguredAirbyteCatalogSerializer.dump(builder.build())
    for configured in catalog["streams"]:
        configured["destination_sync_mode"] = destination_sync_mode
    return catalog


def destination_catalog(streams: Iterable[str], mode: str = "append") -> Dict[str, Any]:
    """destination-ruddr's catalog: each stream with this destination sync mode (it accepts `append`)."""
    return configured_catalog(streams, destination_sync_mode=mode)


def as_model(catalog: Mapping[str, Any]) -> ConfiguredAirbyteCatalog:
    """The catalog as the CDK passes it to a connector's `read` or `write`."""
    return ConfiguredAirbyteCatalogSerializer.load(dict(catalog))


def every_discovered_stream(discovered: Mapping[str, Any]) -> Dict[str, Any]:
    """Every stream of a CATALOG message's catalog, as discover announced it, full refresh."""
    return {"streams": [{"stream": stream, "sync_mode": "full_refresh", "destination_sync_mode": "overwrite"}
                        for stream in discovered["streams"]]}
