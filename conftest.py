# The CDK's standard-test hooks: the --connector-image/--read-from-streams options, and the
# image_tests/requires_creds markers (pytest.ini runs with --strict-markers).
pytest_plugins = ["airbyte_cdk.test.standard_tests.pytest_hooks"]
