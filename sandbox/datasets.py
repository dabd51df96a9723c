"""The datasets a sandbox can serve, ``default`` and ``large:N``: every registered resource's
data, as the resource makes it (``default_data()``, ``large_data(N)``)."""

from .resources import RESOURCES
from .tables import Table


class Dataset(dict):
    """Resource -> its data (a Table for a list). Resources hash by identity: a lookup is cheap."""

    @property
    def changed(self) -> bool:
        return any(isinstance(data, Table) and data.version for data in self.values())

    def snapshot(self) -> dict:
        """Every record, by API and resource, lists in their natural order."""
        snapshot: dict[str, dict] = {}
        for resource in RESOURCES:
            snapshot.setdefault(resource.api.name, {})[resource.key] = resource.snapshot(self[resource])
        return snapshot


def load(name: str) -> Dataset:
    """Build the named dataset; raise ValueError (with the accepted names) for anything else."""
    if name == "default":
        return Dataset({resource: resource.default_data() for resource in RESOURCES})
    kind, _, count = name.partition(":")
    if kind == "large" and count.isdigit():
        return Dataset({resource: resource.large_data(int(count)) for resource in RESOURCES})
    raise ValueError(f"unknown dataset {name!r}: use 'default' or 'large:N' (N a whole number, e.g. large:100000)")
