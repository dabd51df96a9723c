"""Config validation: good configs become typed objects; each bad config has its exact message."""

import pytest

from source_stages.source import PROGRAM
from source_stages.source_config import parse_config
from stage_apis.config.validation import ConfigError
from stage_apis.connection import connect
from stage_apis.ruddr.api import RUDDR
from stage_apis.ruddr.config import RuddrConfig
from stage_apis.zendesk_sell.api import ZENDESK_SELL
from stage_apis.zendesk_sell.config import ZendeskSellConfig

TOKEN = "unit-test-zendesk-sell-token-9c1e7a3b5d2f"
KEY = "unit-test-ruddr-api-key-2f6b8d0e4a1c"
ZS = {"access_token": TOKEN}
RD = {"api_key": KEY}


def set_filters(options) -> dict:
    """The filters of an endpoint's options that are set, by field."""
    return options.model_dump(exclude={"sort_by"}, exclude_none=True)


def test_a_minimal_zendesk_sell_config_gets_the_documented_defaults() -> None:
    config = parse_config({"zendesk_sell": ZS})

    assert config.page_size == 100
    (zendesk_sell,) = config.apis
    assert isinstance(zendesk_sell, ZendeskSellConfig)
    assert zendesk_sell.credential == TOKEN
    assert zendesk_sell.base_url == "https://api.getbase.com"
    assert connect(ZENDESK_SELL, zendesk_sell, PROGRAM).api_url == "https://api.getbase.com/v2/"
    assert zendesk_sell.max_requests_per_second == 10
    assert set_filters(zendesk_sell.stages) == {}
    assert zendesk_sell.stages.sort_items == ("id",)
    assert zendesk_sell.pipelines.sort_items == ("id",)


def test_a_config_with_every_field_set_parses_completely() -> None:
    config = parse_config(
        {
            "zendesk_sell": {
                "access_token": TOKEN,
                "base_url": "https://api.getbase.com/",
                "max_requests_per_second": 10,
                "stages": {"pipeline_id": 1, "ids": [1, 2], "name": "Won", "active": True, "sort_by": ["position:desc", "id"]},
                "pipelines": {"ids": [1], "name": "Sales", "disabled": False, "sort_by": ["name"]},
            },
            "ruddr": {
                "api_key": KEY,
                "base_url": "https://www.ruddr.io/api/workspace",
                "max_requests_per_second": 20,
                "opportunity_stages": {
                    "name": "Won",
                    "opportunity_pipeline_id": "B9C85AC3-1A1D-4F31-A0C5-6E7D3D8EE0B2",
                    "status_id": "won",
                    "is_active": True,
                },
                "opportunity_pipelines": {"name": "Sales", "is_active": True},
            },
            "page_size": 100,
        }
    )

    zendesk_sell, ruddr = config.apis
    assert zendesk_sell.base_url == "https://api.getbase.com"
    assert set_filters(zendesk_sell.stages) == {"pipeline_id": 1, "ids": [1, 2], "name": "Won", "active": True}
    assert zendesk_sell.stages.sort_items == ("position:desc", "id")
    assert zendesk_sell.pipelines.sort_items == ("name", "id")
    assert isinstance(ruddr, RuddrConfig)
    assert connect(RUDDR, ruddr, PROGRAM).api_url == "https://www.ruddr.io/api/workspace/"
    assert ruddr.max_requests_per_second == 20
    assert set_filters(ruddr.opportunity_stages) == {
        "name": "Won",
        "opportunity_pipeline_id": "b9c85ac3-1a1d-4f31-a0c5-6e7d3d8ee0b2",
        "status_id": "won",
        "is_active": True,
    }
    assert ruddr.opportunity_stages.sort_items == ()


@pytest.mark.parametrize(
    "base_url",
    ["http://127.0.0.1:8000", "http://127.8.9.10", "http://localhost:8000/", "http://[::1]:8000/api/workspace", "https://proxy.example.com:8443/base"],
)
def test_https_and_loopback_http_base_urls_are_accepted(base_url: str) -> None:
    (ruddr,) = parse_config({"ruddr": {**RD, "base_url": base_url}}).apis
    assert ruddr.base_url == base_url.rstrip("/")


@pytest.mark.parametrize("name", [None, ""])
@pytest.mark.parametrize("ids", [None, []])
def test_null_or_the_empty_value_of_the_filters_type_means_no_filter(name, ids) -> None:
    stages = {"name": name, "ids": ids, "pipeline_id": None, "active": None, "sort_by": None}
    (zendesk_sell,) = parse_config({"zendesk_sell": {**ZS, "stages": stages}}).apis
    assert set_filters(zendesk_sell.stages) == {}
    assert zendesk_sell.stages.sort_items == ("id",)


def test_an_integer_may_be_written_as_a_json_number_with_a_zero_fraction() -> None:
    # JSON Schema (the spec) counts 50.0 as an integer; the validation agrees, and keeps the integer.
    config = parse_config({"zendesk_sell": {**ZS, "stages": {"pipeline_id": 2.0, "ids": [1.0, 3]}}, "page_size": 50.0})
    assert config.page_size == 50 and type(config.page_size) is int
    (zendesk_sell,) = config.apis
    assert zendesk_sell.stages.query_params() == {"pipeline_id": "2", "ids": "1,3"}


def test_airbyte_internal_keys_are_tolerated() -> None:
    assert parse_config({"zendesk_sell": ZS, "_limit": 5}).page_size == 100


NO_PROVIDER = (
    "Invalid config: configure at least one provider: a `zendesk_sell` block with an `access_token`, a `ruddr` "
    "block with an `api_key`, or both."
)
BAD_CONFIGS = [
    ("not an object", ["zendesk_sell"], "Invalid config: the config must be a JSON object."),
    ("neither provider", {"page_size": 100}, NO_PROVIDER),
    # A block is left out, not null: the spec's "type": "object" (which the Airbyte form needs) refuses null.
    ("a provider null", {"zendesk_sell": None, "ruddr": RD}, "Invalid config: `zendesk_sell` must be an object."),
    ("filters null", {"ruddr": {**RD, "opportunity_stages": None}}, "Invalid config: `ruddr.opportunity_stages` must be an object."),
    ("provider not an object", {"ruddr": "key"}, "Invalid config: `ruddr` must be an object."),
    ("unknown top-level field", {"zendesk_sell": ZS, "pagesize": 5}, "Invalid config: unknown field `pagesize`; allowed here: zendesk_sell, ruddr, page_size."),
    (
        "missing token",
        {"zendesk_sell": {}},
        "Invalid config: `zendesk_sell.access_token` is required: create a personal access token in Zendesk Sell "
        "under Settings > Integrations > OAuth > Access Tokens (it is shown only once) and paste it into "
        "`zendesk_sell.access_token`.",
    ),
    (
        "empty token",
        {"zendesk_sell": {"access_token": ""}},
        "Invalid config: `zendesk_sell.access_token` is empty: create a personal access token in Zendesk Sell under "
        "Settings > Integrations > OAuth > Access Tokens (it is shown only once) and paste it into "
        "`zendesk_sell.access_token`.",
    ),
    (
        "blank key",
        {"ruddr": {"api_key": "   "}},
        "Invalid config: `ruddr.api_key` is empty: create an API key in Ruddr under Settings > API Keys (it is shown "
        "only once) and paste it into `ruddr.api_key`.",
    ),
    ("key not a string", {"ruddr": {"api_key": 12345678901}}, "Invalid config: `ruddr.api_key` must be a string."),
    (
        "key with a line break",
        {"ruddr": {"api_key": KEY + "\n"}},
        "Invalid config: `ruddr.api_key` contains spaces, line breaks or control characters; paste it without them.",
    ),
    ("page size 0", {"zendesk_sell": ZS, "page_size": 0}, "Invalid config: `page_size` must be an integer from 1 to 100 (got 0)."),
    ("page size 101", {"zendesk_sell": ZS, "page_size": 101}, "Invalid config: `page_size` must be an integer from 1 to 100 (got 101)."),
    ("page size abc", {"zendesk_sell": ZS, "page_size": "abc"}, 'Invalid config: `page_size` must be an integer from 1 to 100 (got "abc").'),
    ("page size true", {"zendesk_sell": ZS, "page_size": True}, "Invalid config: `page_size` must be an integer from 1 to 100 (got true)."),
    ("page size 50.5", {"zendesk_sell": ZS, "page_size": 50.5}, "Invalid config: `page_size` must be an integer from 1 to 100 (got 50.5)."),
    (
        "rate 0",
        {"ruddr": {**RD, "max_requests_per_second": 0}},
        "Invalid config: `ruddr.max_requests_per_second` must be an integer from 1 to 1000 (got 0).",
    ),
    (
        "non-loopback http",
        {"zendesk_sell": {**ZS, "base_url": "http://api.getbase.com"}},
        'Invalid config: `zendesk_sell.base_url` uses http:// for the host "api.getbase.com"; plain http is allowed '
        "only for a loopback host (127.0.0.0/8, ::1, localhost), so that a credential never travels in clear. Use https://.",
    ),
    (
        "http to a name that only starts like localhost",
        {"ruddr": {**RD, "base_url": "http://localhost.example.com/api/workspace"}},
        'Invalid config: `ruddr.base_url` uses http:// for the host "localhost.example.com"; plain http is allowed '
        "only for a loopback host (127.0.0.0/8, ::1, localhost), so that a credential never travels in clear. Use https://.",
    ),
    (
        "file scheme",
        {"zendesk_sell": {**ZS, "base_url": "file:///etc/passwd"}},
        'Invalid config: `zendesk_sell.base_url` must start with https:// (got "file:"), e.g. https://api.getbase.com.',
    ),
    (
        "user and password in the URL",
        {"ruddr": {**RD, "base_url": "https://admin:hunter2-secret@www.ruddr.io/api/workspace"}},
        "Invalid config: `ruddr.base_url` must not contain a user name or password; the credential belongs in "
        "`ruddr.api_key`.",
    ),
    ("no host", {"zendesk_sell": {**ZS, "base_url": "https://"}}, "Invalid config: `zendesk_sell.base_url` has no host name; use a URL such as https://api.getbase.com."),
    (
        "query string",
        {"zendesk_sell": {**ZS, "base_url": "https://api.getbase.com?x=1"}},
        "Invalid config: `zendesk_sell.base_url` must not contain a query string or fragment; use a URL such as "
        "https://api.getbase.com.",
    ),
    ("base url not a string", {"zendesk_sell": {**ZS, "base_url": 42}}, "Invalid config: `zendesk_sell.base_url` must be a URL such as https://api.getbase.com."),
    (
        "unknown sort field",
        {"zendesk_sell": {**ZS, "stages": {"sort_by": ["position:desc", "color"]}}},
        'Invalid config: `zendesk_sell.stages.sort_by[1]` "color" is not a sort field of Zendesk Sell stages; use one '
        "of pipeline_id, id, name, category, position, likelihood, optionally followed by :asc or :desc.",
    ),
    (
        "unknown sort direction",
        {"zendesk_sell": {**ZS, "pipelines": {"sort_by": ["name:up"]}}},
        'Invalid config: `zendesk_sell.pipelines.sort_by[0]` "name:up" is not a sort field of Zendesk Sell pipelines; '
        "use one of id, name, optionally followed by :asc or :desc.",
    ),
    (
        "stage field on pipelines",
        {"zendesk_sell": {**ZS, "pipelines": {"sort_by": ["position"]}}},
        'Invalid config: `zendesk_sell.pipelines.sort_by[0]` "position" is not a sort field of Zendesk Sell pipelines; '
        "use one of id, name, optionally followed by :asc or :desc.",
    ),
    (
        "sort field twice",
        {"zendesk_sell": {**ZS, "stages": {"sort_by": ["id", "id:desc"]}}},
        'Invalid config: `zendesk_sell.stages.sort_by` names the field "id" more than once.',
    ),
    (
        "sort not a list",
        {"zendesk_sell": {**ZS, "stages": {"sort_by": "position"}}},
        'Invalid config: `zendesk_sell.stages.sort_by` must be a list of sort fields such as ["position:desc", "id"] (got "position").',
    ),
    (
        "sort asked of ruddr",
        {"ruddr": {**RD, "opportunity_stages": {"sort_by": ["name"]}}},
        "Invalid config: `ruddr.opportunity_stages.sort_by` is not supported: Ruddr cannot sort this list (it always "
        "returns the newest first). Remove `sort_by`.",
    ),
    (
        "unknown filter",
        {"zendesk_sell": {**ZS, "stages": {"pipeline": 1}}},
        "Invalid config: unknown field `zendesk_sell.stages.pipeline`; allowed here: pipeline_id, ids, name, active, sort_by.",
    ),
    ("pipeline id as a string", {"zendesk_sell": {**ZS, "stages": {"pipeline_id": "1"}}}, 'Invalid config: `zendesk_sell.stages.pipeline_id` must be a positive integer id (got "1").'),
    ("ids not a list", {"zendesk_sell": {**ZS, "pipelines": {"ids": 1}}}, "Invalid config: `zendesk_sell.pipelines.ids` must be a list of positive integer ids such as [1, 2] (got 1)."),
    # "" is "no filter" for a text, [] for a list: not the other way round.
    ("ids as an empty string", {"zendesk_sell": {**ZS, "pipelines": {"ids": ""}}}, 'Invalid config: `zendesk_sell.pipelines.ids` must be a list of positive integer ids such as [1, 2] (got "").'),
    ("name as an empty list", {"zendesk_sell": {**ZS, "stages": {"name": []}}}, "Invalid config: `zendesk_sell.stages.name` must be a string (got [])."),
    ("pipeline id as an empty string", {"zendesk_sell": {**ZS, "stages": {"pipeline_id": ""}}}, 'Invalid config: `zendesk_sell.stages.pipeline_id` must be a positive integer id (got "").'),
    ("active as a string", {"zendesk_sell": {**ZS, "stages": {"active": "yes"}}}, 'Invalid config: `zendesk_sell.stages.active` must be true or false (got "yes").'),
    (
        "pipeline uuid without hyphens",
        {"ruddr": {**RD, "opportunity_stages": {"opportunity_pipeline_id": "b9c85ac31a1d4f31a0c56e7d3d8ee0b2"}}},
        "Invalid config: `ruddr.opportunity_stages.opportunity_pipeline_id` must be a UUID such as "
        '3f2b1c9e-8d7a-4e6f-9b1a-2c3d4e5f6a7b (got "b9c85ac31a1d4f31a0c56e7d3d8ee0b2").',
    ),
    (
        "key with a character outside printable ASCII",
        {"ruddr": {"api_key": "ключ-" + KEY}},
        "Invalid config: `ruddr.api_key` contains characters other than printable ASCII, which no credential of the "
        "API holds; paste it as shown.",
    ),
    (
        "base url with a port out of range",
        {"zendesk_sell": {**ZS, "base_url": "https://api.getbase.com:99999"}},
        "Invalid config: `zendesk_sell.base_url` is not a valid URL; use a URL such as https://api.getbase.com.",
    ),
    (
        "base url with a space",
        {"zendesk_sell": {**ZS, "base_url": "https://api.getbase.com/v2 x"}},
        "Invalid config: `zendesk_sell.base_url` is not a URL this connector can use: https:// and a host name (or "
        "http:// and localhost, 127.x.x.x or [::1]), an optional port and path, no spaces; e.g. https://api.getbase.com.",
    ),
    (
        "pipeline uuid invalid",
        {"ruddr": {**RD, "opportunity_stages": {"opportunity_pipeline_id": "pipeline-1"}}},
        "Invalid config: `ruddr.opportunity_stages.opportunity_pipeline_id` must be a UUID such as "
        '3f2b1c9e-8d7a-4e6f-9b1a-2c3d4e5f6a7b (got "pipeline-1").',
    ),
    ("status unknown", {"ruddr": {**RD, "opportunity_stages": {"status_id": "closed"}}}, 'Invalid config: `ruddr.opportunity_stages.status_id` must be one of open, won, lost (got "closed").'),
    ("filters not an object", {"ruddr": {**RD, "opportunity_pipelines": ["Sales"]}}, "Invalid config: `ruddr.opportunity_pipelines` must be an object."),
]


@pytest.mark.parametrize("raw, message", [(raw, message) for _, raw, message in BAD_CONFIGS], ids=[name for name, _, _ in BAD_CONFIGS])
def test_each_bad_config_has_its_exact_message(raw, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config(raw)

    assert raised.value.message == message
    assert raised.value.failure_type.value == "config_error"


@pytest.mark.parametrize("raw", [raw for _, raw, _ in BAD_CONFIGS], ids=[name for name, _, _ in BAD_CONFIGS])
def test_no_message_quotes_a_credential_or_a_url_password(raw) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config(raw)

    for secret in (TOKEN, KEY, "hunter2-secret", "12345678901"):
        assert secret not in raised.value.message
