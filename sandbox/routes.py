"""Which API and handler a path belongs to, from the resources' routes. Paths are matched
segment by segment; a last segment ``{id}`` in a route stands for any one segment, passed to the
handler. An unknown path belongs to the API with the longest prefix it starts with (its 404 body)."""

from dataclasses import dataclass

from .apis.base import EmulatedApi, Handler, Resource


@dataclass(frozen=True)
class Route:
    api: EmulatedApi                 # decides the shape of error bodies
    handler: Handler | None          # None: no such path (404) or no such method on it (405)
    args: tuple = ()
    path_known: bool = False


class Router:
    def __init__(self, resources: tuple[Resource, ...]):
        self._fixed: dict[tuple[str, ...], tuple[EmulatedApi, dict[str, Handler]]] = {}
        self._with_id: dict[tuple[str, ...], tuple[EmulatedApi, dict[str, Handler]]] = {}
        for resource in resources:
            for pattern, methods in resource.routes().items():
                segments = tuple(segment for segment in pattern.split("/") if segment)
                if segments[-1:] == ("{id}",):
                    self._with_id[segments[:-1]] = (resource.api, methods)
                else:
                    self._fixed[segments] = (resource.api, methods)
        apis = {resource.api for resource in resources}
        self._apis_by_prefix = sorted(apis, key=lambda api: len(api.prefix), reverse=True)

    def resolve(self, method: str, segments: list[str]) -> Route:
        path = tuple(segments)
        found, args = self._fixed.get(path), ()
        if found is None and path:
            found, args = self._with_id.get(path[:-1]), path[-1:]
        if found is None:
            return Route(next(api for api in self._apis_by_prefix if path[:len(api.prefix)] == api.prefix), None)
        api, methods = found
        return Route(api, methods.get(method), args, path_known=True)
