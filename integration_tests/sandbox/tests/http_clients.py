"""Plain HTTP clients for talking to the sandbox in tests (no connector code)."""

import requests


class ApiClient:
    """A plain HTTP client for one API of a sandbox: base URL plus bearer token."""

    def __init__(self, base_url: str, token: str):
        self.base_url = base_url
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 10)
        return self.session.request(method, self.base_url + path, **kwargs)

    def get(self, path: str, params=None, **kwargs) -> requests.Response:
        return self.request("GET", path, params=params, **kwargs)
