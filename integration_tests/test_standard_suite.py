"""The airbyte-cdk standard test suite (`SourceTestSuiteBase`), in-process, against the sandbox.

Scenarios come from acceptance-test-config.yml at the repository root. Their configs live in
.tmp/standard_tests/ and are written here, once the sandbox's port is known. A file lock keeps a
second test run in the same work tree from rewriting them while this one reads them.
"""

import fcntl
import json
from pathlib import Path

import pytest
from airbyte_cdk.test.standard_tests import SourceTestSuiteBase

from sandbox import Sandbox
from sandbox.connectors import sandbox_config
from source_stages import SourceStages

CONFIG_DIR = Path(__file__).resolve().parents[1] / ".tmp" / "standard_tests"

# The suite's advisory catalog checks (valid schemas, primary key in the schema, supported
# types) only warn by default; here they fail. The configs under .tmp/ are one set per work tree:
# the module's tests stay on one xdist worker, which holds the lock while they run.
pytestmark = [pytest.mark.filterwarnings("error::airbyte_cdk.test.standard_tests.DiscoveredCatalogWarning"),
              pytest.mark.xdist_group("standard_suite")]


@pytest.fixture(scope="module", autouse=True)
def standard_test_configs():
    CONFIG_DIR.mkdir(parents=True, exist_ok=True)
    with open(CONFIG_DIR / ".lock", "w") as lock, Sandbox.start(dataset="default") as sb:
        fcntl.flock(lock, fcntl.LOCK_EX)
        valid = sandbox_config(sb)
        invalid = sandbox_config(
            sb,
            zendesk_sell={"access_token": "refused-zendesk-sell-token-for-standard-tests-81c4"},
            ruddr={"api_key": "refused-ruddr-key-for-standard-tests-3f9e"},
        )
        (CONFIG_DIR / "config.json").write_text(json.dumps(valid))
        (CONFIG_DIR / "invalid_config.json").write_text(json.dumps(invalid))
        yield sb


class TestSourceStagesStandardSuite(SourceTestSuiteBase):
    connector = SourceStages
