"""What every request of both connectors carries: a User-Agent naming the connector, the Accept header, a timeout,
and the proxy settings of the environment.

TLS verification is left at the requests default (on); nothing in this package turns it off.
"""

import os
from urllib.parse import urlsplit

from requests.utils import get_environ_proxies

from stage_apis.config.validation import ConfigError
from stage_apis.version import __version__


def user_agent(program: str) -> str:
    """`program`: the console script, "source-stages" or "destination-ruddr"."""
    return f"{program}/{__version__}"


def headers(program: str) -> dict[str, str]:
    return {"User-Agent": user_agent(program), "Accept": "application/json"}


CONNECT_TIMEOUT_SECONDS = 10.0
READ_TIMEOUT_SECONDS = 60.0
# For tests of slow responses (the fault matrix), the read timeout can be lowered without a
# config change; it is not part of the spec because real accounts never need it.
READ_TIMEOUT_ENV = "SOURCE_STAGES_READ_TIMEOUT_SECONDS"


def request_timeout() -> tuple[float, float]:
    """(connect, read) timeout in seconds, always set: requests waits forever without one."""
    read = env_number(READ_TIMEOUT_ENV, 3600, "a number of seconds from 0 to 3600")
    if read is None:
        return CONNECT_TIMEOUT_SECONDS, READ_TIMEOUT_SECONDS
    return min(CONNECT_TIMEOUT_SECONDS, read), read


def env_number(name: str, upper: float, allowed: str) -> float | None:
    """The number in the environment variable `name` (above 0, at most `upper`), or None when it is
    unset; anything else is a config error that says what is `allowed`."""
    raw = os.environ.get(name)
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not 0 < value <= upper:
        raise ConfigError(f"the environment variable {name} must be {allowed}.")
    return value


def proxy_settings(api_url: str) -> dict[str, dict[str, str | None]]:
    """The `proxies` request argument for every request to `api_url`, read from the environment
    (HTTP_PROXY, HTTPS_PROXY, NO_PROXY, ...) once, when a stream is built.

    requests reads the environment again for every request, scanning it twice (about 150 us a
    page). When no proxy applies to the API's host, naming that host as `no_proxy` gives the same
    answer without the scan. When one applies, requests resolves it per request as usual.
    """
    if get_environ_proxies(api_url):
        return {}
    return {"proxies": {"no_proxy": urlsplit(api_url).hostname}}
