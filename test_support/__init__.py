"""The tests' helpers, written once and imported by every test tree (unit_tests, integration_tests,
docker_tests, sandbox/tests, benchmarks/tests). Product code (the connectors, scripts/, benchmarks/)
never imports it; what the demo and the benchmark share with the tests lives in the sandbox package
(sandbox/connectors.py).

    runs.py               run_connector and its launchers: a real process, this process, an image
    destination_runs.py   destination-ruddr's write, and source-stages read | destination-ruddr write
    catalogs.py           configured catalogs, as JSON or as the CDK's model
    fixtures.py           the pytest fixtures: the sandbox per worker, the connectors, the images' twin
    sandbox_effects.py    what a run left in the sandbox (writes, late requests)
    streams.py            the stage streams and the schema each stream announces
    fault_matrix.py       the fault matrix's scenarios and outcomes (`python -m test_support.fault_matrix`)
    pyairbyte.py          PyAirbyte's venv, for the tests of the PyAirbyte examples
    connections.py        connections as the connectors make them (error maps, retries)
    destination_messages.py  destination-ruddr's input and output as its unit tests build them
    mock_http/            the HTTP-mock tests' configs, exact requests, responses and reads
"""
