"""The two APIs, Zendesk Sell and Ruddr, as both connectors talk to them: their configs, their
lists (one stream class per endpoint), pagination, errors, connections and checks, and what the
console scripts share. source_stages and destination_ruddr each build on this package; it imports
neither."""
