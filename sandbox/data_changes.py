"""Changing a dataset from outside the APIs: insert, delete or update a record of a list resource,
named by its path (``/v2/stages``, ``/api/workspace/opportunity-pipelines``, ...).

Used by scripted mutations (a change between two page requests) and by the control plane (a change
now). A change is checked when it is made (bad path, action or record: ValueError); an insert's
record is complete from then on (the resource fills in legal defaults, see its ``new_row``).
"""

from dataclasses import dataclass
from typing import Any

from .apis.base import TableResource
from .datasets import Dataset
from .faults import normalize_path
from .resources import RESOURCES
from .tables import Row

ACTIONS = ("insert", "delete", "update")
LISTS = {resource.path: resource for resource in RESOURCES if isinstance(resource, TableResource)}


@dataclass
class Change:
    resource: TableResource
    action: str
    record: Row | None = None  # insert: the complete record; update: the fields to change
    id: Any = None             # delete: None means the first record in the list's natural order

    def apply(self, dataset: Dataset) -> Row:
        """Carry it out; return the record inserted, deleted or updated. KeyError: no record with
        that id; ValueError: an update the resource refuses."""
        table = dataset[self.resource]
        if self.action == "insert":
            return table.insert(self.record)
        if self.action == "delete":
            if self.id is None:
                self.id = (table.first() or {}).get("id")
            return table.delete(self.id)
        current = table.get(self.id)
        if current is None:
            raise KeyError(self.id)
        fields = {key: value for key, value in self.record.items() if key != "id"}
        return table.update(self.id, self.resource.changed_fields(dataset, current, fields))


def make(dataset: Dataset, path: str, action: str, record: Row | None = None, id: Any = None) -> Change:
    """A checked change (ValueError if it cannot be one)."""
    resource = LISTS.get(normalize_path(path))
    if resource is None:
        raise ValueError(f"no data behind {path!r}; paths with data: {', '.join(LISTS)}")
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; actions: {', '.join(ACTIONS)}")
    if action == "update" and (id is None or not record):
        raise ValueError("an update needs id and record (the fields to change)")
    if action == "insert":
        record = resource.new_row(dataset, dict(record or {}))
    return Change(resource, action, record, id)
