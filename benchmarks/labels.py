"""Names of the runners, as they appear in the table, the JSON and the chart."""

OURS = "source-stages"
PEER_100 = "peer, page size 100"
PEER_2 = "peer, page size 2"
CDK_FLOOR = "minimal CDK HttpStream source"
REQUESTS_LOOP = "requests loop"
CDK_IMPORT = "import airbyte_cdk"
STACK_LIMIT = "limit: requests loop + import airbyte_cdk"

ORDER = (OURS, PEER_100, PEER_2, CDK_FLOOR, REQUESTS_LOOP, CDK_IMPORT, STACK_LIMIT)
