"""An API and a resource, as the generic parts of the sandbox (router, request pipeline,
datasets, data changes, control plane) see them."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from ..tables import LazyRows, Row, Table

if TYPE_CHECKING:
    from ..datasets import Dataset
    from ..request import Request
    from ..responses import Response
    from ..state import SandboxState

Handler = Callable[..., "Response"]  # handler(state, request, *path arguments)


class EmulatedApi(ABC):
    """One emulated API: ``name`` keys its token and its records in ``data()``; unknown paths
    under ``prefix`` get its error body; ``bucket`` is its rate limit (capacity, refill per
    second); records are kept in ``order_key`` order, ``descending`` or not."""

    name: str
    prefix: tuple[str, ...] = ()
    bucket: tuple[int, float]
    descending = False

    @abstractmethod
    def order_key(self, row: Row) -> Any:
        """The natural order of its records."""

    def refusal(self, request: Request, state: SandboxState) -> int | None:
        """The status refusing a request before its handler runs (a missing or wrong token: 401)."""
        token = request.bearer_token()
        return 401 if token is None or token != state.tokens[self.name] else None

    @abstractmethod
    def rate_limit_key(self, request: Request) -> str:
        """Requests with the same key share one rate-limit bucket."""

    @abstractmethod
    def error(self, status: int, request: Request, message: str | None = None,
              headers: tuple[tuple[str, str], ...] = ()) -> Response:
        """Its error body for ``status`` (``message``: the text, if not the standard one)."""


class Resource(Protocol):
    """One API resource: its routes and its data in every dataset."""

    api: ClassVar[EmulatedApi]
    key: str   # its name in data() under api.name
    path: str  # its path (a list's path), also its name in faults, mutations and the request log

    def routes(self) -> dict[str, dict[str, Handler]]:
        """Path pattern (a last segment ``{id}`` is passed to the handler) -> method -> handler."""

    def default_data(self) -> Any:
        """Its data in the ``default`` dataset."""

    def large_data(self, count: int) -> Any:
        """Its data in the ``large:count`` dataset."""

    def snapshot(self, data: Any) -> Any:
        """Its data as JSON for ``GET /_sandbox/data``."""


class TableResource(ABC):
    """The data side of a list resource: records in a ``Table`` in the API's natural order.

    A resource provides ``default_rows()`` (a list) and ``large_rows(count)`` (rows made from
    their index); its API's subclass says how records are inserted and updated.
    """

    api: ClassVar[EmulatedApi]
    default_rows: Callable[[], list[Row]]
    large_rows: Callable[[int], LazyRows]

    def default_data(self) -> Table:
        api = self.api
        return Table(sorted(self.default_rows(), key=api.order_key, reverse=api.descending), api.order_key,
                     api.descending)

    def large_data(self, count: int) -> Table:
        return Table(self.large_rows(count), self.api.order_key, self.api.descending)

    def snapshot(self, table: Table) -> list[Row]:
        return list(table.rows)

    @abstractmethod
    def new_row(self, dataset: Dataset, record: Row) -> Row:
        """A complete record to insert; ``record`` overrides the defaults (ValueError if invalid)."""

    @abstractmethod
    def changed_fields(self, dataset: Dataset, row: Row, fields: Row) -> Row:
        """The fields an update of ``row`` stores (ValueError if they are invalid)."""
