"""Plain HTTP clients for talking to the sandbox in tests (no connector code), and reading a
whole list the way each API pages."""

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


def read_zendesk(client: ApiClient, path: str, **params) -> tuple[list[dict], list[requests.Response]]:
    """Follow next_page links from page 1; return (records, responses), every response a 200."""
    responses = [client.get(path, params=params)]
    while "next_page" in responses[-1].json()["meta"]["links"]:
        responses.append(client.session.get(responses[-1].json()["meta"]["links"]["next_page"], timeout=10))
    assert all(r.status_code == 200 for r in responses)
    return [item["data"] for r in responses for item in r.json()["items"]], responses


def read_ruddr(client: ApiClient, path: str, **params) -> tuple[list[dict], list[requests.Response]]:
    """Follow startingAfter cursors while hasMore; return (records, responses), every response a 200."""
    pages = [client.get(path, params=params)]
    while pages[-1].json()["hasMore"]:
        pages.append(client.get(path, params={**params, "startingAfter": pages[-1].json()["results"][-1]["id"]}))
    assert all(page.status_code == 200 for page in pages)
    return [row for page in pages for row in page.json()["results"]], pages
