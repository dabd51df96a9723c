"""The datasets a sandbox can serve: ``default`` and ``large:N``."""

from .dataset import Dataset
from .default import build_default
from .large import build_large


def load(name: str) -> Dataset:
    """Build the named dataset; raise ValueError (with the accepted names) for anything else."""
    if name == "default":
        return build_default()
    kind, _, count = name.partition(":")
    if kind == "large" and count.isdigit():
        return build_large(int(count))
    raise ValueError(f"unknown dataset {name!r}: use 'default' or 'large:N' (N a whole number, e.g. large:100000)")


__all__ = ["Dataset", "load"]
