"""Which API and handler a path belongs to. Paths are matched segment by segment; ``{id}``
stands for one segment, passed to the handler."""

from collections.abc import Callable
from dataclasses import dataclass

from .ruddr import RuddrApi
from .zendesk_sell import ZendeskSellApi

RUDDR_PREFIX = ("api", "workspace")


@dataclass(frozen=True)
class Route:
    api: str                         # "zendesk_sell" | "ruddr": decides the shape of error bodies
    handler: Callable | None         # None: no such path (404) or no such method on it (405)
    args: tuple = ()
    path_known: bool = False


class Router:
    def __init__(self, zendesk: ZendeskSellApi, ruddr: RuddrApi):
        self._zendesk_routes = {
            ("v2", "stages"): {"GET": zendesk.list_stages},
            ("v2", "pipelines"): {"GET": zendesk.list_pipelines},
        }
        self._ruddr_routes = {
            (): {"GET": ruddr.workspace},
            ("opportunity-stages",): {"GET": ruddr.list_stages, "POST": ruddr.create_stage},
            ("opportunity-stages", "{id}"): {"GET": ruddr.get_stage, "PATCH": ruddr.update_stage,
                                             "DELETE": ruddr.delete_stage},
            ("opportunity-pipelines",): {"GET": ruddr.list_pipelines},
            ("opportunity-pipelines", "{id}"): {"GET": ruddr.get_pipeline},
        }

    def resolve(self, method: str, segments: list[str]) -> Route:
        if tuple(segments[:2]) == RUDDR_PREFIX:
            rest = tuple(segments[2:])
            args = rest[1:] if len(rest) == 2 else ()
            methods = self._ruddr_routes.get(rest[:1] + ("{id}",) if args else rest)
            return self._route("ruddr", methods, method, args)
        return self._route("zendesk_sell", self._zendesk_routes.get(tuple(segments)), method, ())

    @staticmethod
    def _route(api: str, methods: dict | None, method: str, args: tuple) -> Route:
        if methods is None:
            return Route(api, None)
        return Route(api, methods.get(method), args, path_known=True)
