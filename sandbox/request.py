"""An incoming request, as the handlers see it."""

from dataclasses import dataclass, field
from email.message import Message


@dataclass(slots=True)
class Request:
    method: str
    path: str          # as received, without the query
    query: str         # raw query string, without '?'
    headers: Message
    body: bytes
    host: str          # Host header (or the server's address): links are built on it
    request_id: str    # also sent as X-Request-Id
    segments: list[str] = field(init=False)

    def __post_init__(self):
        self.segments = [segment for segment in self.path.split("/") if segment]

    @property
    def normalized_path(self) -> str:
        return "/" + "/".join(self.segments)

    def bearer_token(self) -> str | None:
        scheme, _, token = (self.headers.get("Authorization") or "").partition(" ")
        return token.strip() if scheme.lower() == "bearer" and token.strip() else None
