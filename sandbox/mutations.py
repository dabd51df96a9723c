"""Data that changes between two page requests.

A mutation watches one list path (``/v2/stages``, ``/api/workspace/opportunity-stages``, ...: any
path ``data_changes`` knows). Requests to it that reach the data (not refused by auth, a fault or a
rate limit) are counted; just before the request after the first ``after`` of them is answered,
the change is applied, once.

Actions: ``insert`` (``record`` overrides complete defaults; a Zendesk Sell id defaults to the
largest + 1, a Ruddr record is created now, so it is the newest); ``delete`` (``id``, default: the
first record in the list's natural order); ``update`` (``id`` and ``record`` = the fields).
"""

import sys
import threading
from dataclasses import dataclass
from typing import Any

from . import data_changes
from .datasets import Dataset
from .faults import normalize_path


@dataclass
class Mutation:
    path: str
    after: int
    change: data_changes.Change
    seen: int = 0
    applied: bool = False
    error: str | None = None

    def to_dict(self) -> dict:
        change = self.change
        return {"path": self.path, "action": change.action, "after": self.after, "record": change.record,
                "id": change.id, "seen": self.seen, "applied": self.applied, "error": self.error}


class MutationBook:
    def __init__(self, data_lock: threading.RLock):
        self._pending: list[Mutation] = []
        self._done: list[Mutation] = []
        self._lock = data_lock  # the state's lock: every data change is serialised by it

    def add(self, dataset: Dataset, path: str, action: str, after: int = 1, record: dict | None = None,
            id: Any = None) -> Mutation:
        """Check the mutation now (bad path, action or record: ValueError), apply it later."""
        if not isinstance(after, int) or after < 0:
            raise ValueError("after must be a whole number >= 0")
        with self._lock:
            mutation = Mutation(normalize_path(path), after, data_changes.make(dataset, path, action, record, id))
            self._pending.append(mutation)
        return mutation

    def clear(self) -> None:
        with self._lock:
            self._pending, self._done = [], []

    def list(self) -> list[dict]:
        with self._lock:
            return [m.to_dict() for m in self._done + self._pending]

    def apply_due(self, dataset: Dataset, path: str) -> None:
        """Count a data-reaching request to ``path`` and apply the mutations now due."""
        if not self._pending:
            return
        with self._lock:
            due = []
            for mutation in self._pending:
                if mutation.path == path:
                    mutation.seen += 1
                    if mutation.seen > mutation.after:
                        due.append(mutation)
            for mutation in due:
                self._pending.remove(mutation)
                self._done.append(mutation)
                self._apply(dataset, mutation)

    @staticmethod
    def _apply(dataset: Dataset, mutation: Mutation) -> None:
        try:
            mutation.change.apply(dataset)
            mutation.applied = True
        except (KeyError, ValueError) as error:
            # Reported through GET /_sandbox/mutations (and stderr), never silently dropped.
            mutation.error = f"{type(error).__name__}: {error}"
            print(f"sandbox: mutation {mutation.to_dict()} failed: {mutation.error}", file=sys.stderr)
