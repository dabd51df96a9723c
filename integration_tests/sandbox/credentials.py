"""The credentials the sandbox accepts unless told otherwise (also the demo's).

They are long and unique on purpose: the CDK masks secrets by substring, so a short token
would blank out unrelated text in the connector's logs.
"""

DEFAULT_ZENDESK_TOKEN = "sandbox-zendesk-sell-token-7f3a9c2e5b"
DEFAULT_RUDDR_KEY = "sandbox-ruddr-api-key-41d8e6b0c3"
