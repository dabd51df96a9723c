"""proxy_settings: what requests would read from the environment on each request, read once (the
proxy behaviour itself is tested through a real proxy in integration_tests/test_connector_proxy.py)."""

import pytest
import requests

from stage_apis.http_settings import proxy_settings

API_URL = "https://api.getbase.com/v2/"
VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def proxies_per_request(settings: dict) -> dict:
    """The proxies requests uses for a request given `settings` as its request arguments."""
    session = requests.Session()
    merged = session.merge_environment_settings(API_URL + "stages?page=2", settings.get("proxies", {}), None, None, None)
    return {key: value for key, value in merged["proxies"].items() if key != "no_proxy"}


def test_without_a_proxy_the_api_host_is_named_no_proxy_and_no_request_uses_one() -> None:
    settings = proxy_settings(API_URL)
    assert settings == {"proxies": {"no_proxy": "api.getbase.com"}}
    assert proxies_per_request(settings) == {}


def test_with_a_proxy_for_the_api_nothing_is_fixed_and_requests_resolves_it(monkeypatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.internal:3128")
    settings = proxy_settings(API_URL)
    assert settings == {}
    assert proxies_per_request(settings)["https"] == "http://proxy.internal:3128"


@pytest.mark.parametrize("no_proxy", ["api.getbase.com", ".getbase.com", "localhost,api.getbase.com"])
def test_no_proxy_for_the_api_host_wins_over_a_proxy(monkeypatch, no_proxy: str) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.internal:3128")
    monkeypatch.setenv("NO_PROXY", no_proxy)
    assert proxies_per_request(proxy_settings(API_URL)) == {}


@pytest.mark.parametrize("variable", ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"])
def test_a_ca_bundle_variable_still_sets_verification(monkeypatch, variable: str) -> None:
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    monkeypatch.setenv(variable, "/etc/company/ca.pem")
    settings = proxy_settings(API_URL)
    merged = requests.Session().merge_environment_settings(
        API_URL, settings.get("proxies", {}), settings.get("stream"), settings.get("verify"), settings.get("cert")
    )
    assert merged["verify"] == "/etc/company/ca.pem"
