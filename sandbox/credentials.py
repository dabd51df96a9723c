"""The credentials the sandbox accepts unless told otherwise (also the demo's).

They are long and unique on purpose: the CDK masks secrets by substring, so a short token
would blank out unrelated text in the connector's logs.
"""

import uuid

DEFAULT_ZENDESK_TOKEN = "sandbox-zendesk-sell-token-7f3a9c2e5b"
DEFAULT_RUDDR_KEY = "sandbox-ruddr-api-key-41d8e6b0c3"


def unique_credentials() -> tuple[str, str]:
    """A Zendesk Sell token and a Ruddr key to start a sandbox with, long and unique, so that the
    CDK's substring masking and a leak check that searches for them both work."""
    return f"zendesk-sell-token-{uuid.uuid4().hex}{uuid.uuid4().hex}", f"ruddr-api-key-{uuid.uuid4().hex}{uuid.uuid4().hex}"
