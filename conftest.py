# The CDK's standard-test hooks: the --connector-image/--read-from-streams options, and the
# image_tests/requires_creds markers (pytest.ini runs with --strict-markers). Ours: the images as
# fixtures, and the import recording of every connector process a test starts (docker_tests/).
pytest_plugins = [
    "airbyte_cdk.test.standard_tests.pytest_hooks",
    "docker_tests.images",
    "docker_tests.import_recording",
]
