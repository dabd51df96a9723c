"""read_environment_once: the session ends up with what requests would have read from the
environment on each request (the proxy behaviour itself is tested through a real proxy in
integration_tests/test_connector_proxy.py)."""

import pytest
import requests

from source_stages.http_settings import read_environment_once

API_URL = "https://api.getbase.com/"
VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def settings_after(api_url: str = API_URL) -> tuple:
    session = requests.Session()
    read_environment_once(session, api_url)
    per_request = session.merge_environment_settings(api_url + "v2/stages?page=2", {}, None, None, None)
    return session.trust_env, per_request["proxies"], per_request["verify"]


def test_without_variables_no_proxy_and_default_verification() -> None:
    assert settings_after() == (False, {}, True)


def test_https_proxy_applies_to_every_request(monkeypatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.internal:3128")
    trust_env, proxies, _ = settings_after()
    assert proxies.get("https") == "http://proxy.internal:3128"


def test_no_proxy_for_the_api_host_wins(monkeypatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.internal:3128")
    monkeypatch.setenv("NO_PROXY", "api.getbase.com")
    assert settings_after()[1] == {}


@pytest.mark.parametrize("variable", ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"])
def test_a_ca_bundle_variable_sets_verification(monkeypatch, variable: str) -> None:
    monkeypatch.setenv(variable, "/etc/company/ca.pem")
    assert settings_after()[2] == "/etc/company/ca.pem"
