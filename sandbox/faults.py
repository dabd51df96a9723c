"""Scripted faults: what goes wrong, on which path, after how many requests, how often.

Kinds: ``status`` (any code, with the API's own error body; 502/504 are a gateway's HTML page;
``retry_after`` adds a Retry-After header), ``malformed_json`` (200, complete by HTTP, half a JSON
document), ``truncated`` (Content-Length of the whole body, half of it sent, connection closed),
``drop`` (connection closed without an answer), ``slow`` (the normal answer after ``delay`` s;
the request is carried out after the delay too, even if the client has given up by then, unless
the sandbox was reset meanwhile: app.py).

``serve_first``: the request is carried out first (a write is stored), then the fault takes its
answer: ``status`` answers with that error instead, ``drop`` hangs up, ``slow`` waits ``delay`` s
before answering. This is how a client's write whose answer is lost looks. ``malformed_json`` and
``truncated`` always serve first (they mangle the real answer).

``path`` is compared without a trailing slash; a ``*`` at its end matches any path with that
prefix. Every fault counts every request whose path (and ``method``, if set) matches; a fault
fires once ``after`` matching requests have passed, ``times`` times (None: for ever). When several
faults could fire, the first added wins.

Command-line form: ``[METHOD ]PATH,key=value,...``, e.g. ``/v2/stages,status=429,times=2``,
``/api/workspace/opportunity-stages,kind=slow,delay=5`` (``times=inf`` for ever) or
``POST /api/workspace/opportunity-stages,kind=drop,serve_first=true``.
"""

import threading
from dataclasses import asdict, dataclass, fields

KINDS = ("status", "malformed_json", "truncated", "drop", "slow")
ALWAYS_SERVE_FIRST = ("malformed_json", "truncated")


def normalize_path(path: str) -> str:
    stripped = path.rstrip("/")
    return stripped or "/"


@dataclass
class Fault:
    path: str
    kind: str = "status"
    status: int | None = None
    times: int | None = 1
    retry_after: str | None = None
    after: int = 0
    delay: float = 0.0
    method: str | None = None
    serve_first: bool = False
    seen: int = 0
    fired: int = 0

    def __post_init__(self):
        if not isinstance(self.path, str) or not self.path.startswith("/"):
            raise ValueError(f"fault path must start with '/': {self.path!r}")
        self.path = normalize_path(self.path)
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; kinds: {', '.join(KINDS)}")
        if self.kind == "status" and not (isinstance(self.status, int) and 100 <= self.status <= 599):
            raise ValueError("a 'status' fault needs status=<100..599>")
        if self.times is not None and (not isinstance(self.times, int) or self.times < 1):
            raise ValueError("times must be a positive whole number, or None for ever")
        if not isinstance(self.after, int) or self.after < 0:
            raise ValueError("after must be a whole number >= 0")
        if not isinstance(self.delay, (int, float)) or self.delay < 0:
            raise ValueError("delay must be a number of seconds >= 0")
        if self.kind == "slow" and not self.delay:
            raise ValueError("a 'slow' fault needs delay=<seconds>")
        if self.retry_after is not None:
            self.retry_after = str(self.retry_after)
        if self.method is not None:
            self.method = self.method.upper()
        if not isinstance(self.serve_first, bool):
            raise ValueError("serve_first must be true or false")
        if self.kind in ALWAYS_SERVE_FIRST:
            self.serve_first = True

    @classmethod
    def from_dict(cls, values: dict) -> "Fault":
        known = {f.name for f in fields(cls)} - {"seen", "fired"}
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"unknown fault option(s): {', '.join(sorted(unknown))}")
        if "status" in values and "kind" not in values:
            values = {**values, "kind": "status"}
        return cls(**values)

    @classmethod
    def from_spec(cls, spec: str) -> "Fault":
        target, *options = spec.split(",")
        method, _, path = target.strip().rpartition(" ")
        values: dict = {"path": path, **({"method": method.strip()} if method else {})}
        for option in options:
            key, sep, raw = option.partition("=")
            if not sep:
                raise ValueError(f"fault option {option!r} is not key=value (spec: {spec!r})")
            if key.strip() in values:
                raise ValueError(f"fault option {key.strip()!r} is given twice (spec: {spec!r})")
            values[key.strip()] = _parse_option(key.strip(), raw.strip())
        return cls.from_dict(values)

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method:
            return False
        if self.path.endswith("*"):
            return path.startswith(self.path[:-1])
        return path == self.path

    def to_dict(self) -> dict:
        return asdict(self)


def _parse_option(key: str, raw: str):
    if key in ("status", "after"):
        return int(raw)
    if key == "times":
        return None if raw in ("inf", "always", "") else int(raw)
    if key == "delay":
        return float(raw)
    if key == "serve_first":
        if raw.lower() not in ("true", "false"):
            raise ValueError(f"serve_first must be true or false, not {raw!r}")
        return raw.lower() == "true"
    return raw


class FaultBook:
    """The active faults, in the order they were added."""

    def __init__(self):
        self._faults: list[Fault] = []
        self._lock = threading.Lock()

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def clear(self) -> None:
        with self._lock:
            self._faults = []

    def list(self) -> list[dict]:
        with self._lock:
            return [fault.to_dict() for fault in self._faults]

    def take(self, method: str, path: str) -> Fault | None:
        """Count this request against every matching fault; return the one that fires, if any."""
        if not self._faults:
            return None
        firing = None
        with self._lock:
            for fault in self._faults:
                if not fault.matches(method, path):
                    continue
                fault.seen += 1
                exhausted = fault.times is not None and fault.fired >= fault.times
                if firing is None and fault.seen > fault.after and not exhausted:
                    fault.fired += 1
                    firing = fault
        return firing
