import pytest

# Helpers of test_support/ get pytest's assertion messages, as tests do.
pytest.register_assert_rewrite("test_support")

# The CDK's standard-test hooks: the --connector-image/--read-from-streams options, and the
# image_tests/requires_creds markers (pytest.ini runs with --strict-markers). Ours: the sandbox and
# connector fixtures of every test tree (test_support/), the images as fixtures, and the import
# recording of every connector process a test starts (docker_tests/).
pytest_plugins = [
    "airbyte_cdk.test.standard_tests.pytest_hooks",
    "test_support.fixtures",
    "docker_tests.images",
    "docker_tests.import_recording",
]


def pytest_collection_modifyitems(items) -> None:
    """The tests marked `slow(seconds=N)` first, the longest first, so that pytest-xdist hands them
    out first: one started last would keep the run going long after the other workers are done."""
    def seconds(item: pytest.Item) -> float:
        slow = item.get_closest_marker("slow")
        return slow.kwargs.get("seconds", 1) if slow is not None else 0

    items.sort(key=seconds, reverse=True)  # stable: in collection order otherwise
