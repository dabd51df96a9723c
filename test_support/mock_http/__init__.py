"""Zendesk Sell and Ruddr without a server, for airbyte-cdk's HttpMocker (and code handed a `requests.Response`)."""
