# The README's two commands are `make demo` and `make test`; .ci/run runs `make test`, the short
# pass on the other supported Pythons (`make test-other-pythons`) and the Docker smoke test. Every
# target sets up what it needs from a clean clone.

# The project's Python is the image's (Dockerfile: python:3.13-slim). setup.py supports 3.11 to 3.13.
PYTHON_VERSION := 3.13
OTHER_PYTHON_VERSIONS := 3.11 3.12
# PyAirbyte (airbyte 0.71) requires Python < 3.13, so its venv uses the newest Python it supports.
PYAIRBYTE_PYTHON_VERSION := 3.12

VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: venv venv-tests venv-bench venv-pyairbyte demo test unit integration test-other-pythons \
	docker-test bench bench-startup clean

# $(call new-venv,DIR,X.Y): DIR made afresh on Python X.Y (scripts/find-python fails with a message
# naming a missing one), marked DIR/.python-X.Y so that a venv left on another Python is replaced.
define new-venv
rm -rf $(1)
python=$$(scripts/find-python $(2)) && "$$python" -m venv $(1)
$(1)/bin/python -m pip --disable-pip-version-check -q install --upgrade pip wheel
touch $(1)/.python-$(2)
endef

$(VENV)/.python-$(PYTHON_VERSION):
	$(call new-venv,$(VENV),$(PYTHON_VERSION))

# Stamps are rebuilt when setup.py changes, so a new dependency is installed by the next run.
$(VENV)/.installed-base: $(VENV)/.python-$(PYTHON_VERSION) setup.py
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-tests: $(VENV)/.python-$(PYTHON_VERSION) setup.py
	$(PIP) install -e '.[tests]'
	touch $@

$(VENV)/.installed-bench: $(VENV)/.python-$(PYTHON_VERSION) setup.py
	$(PIP) install -e '.[bench]'
	touch $@

# PyAirbyte (the `pyairbyte` extra) gets a venv of its own: in .venv it would downgrade packages
# that airbyte-cdk uses. integration_tests/test_pyairbyte.py runs in it.
PYAIRBYTE_VENV := .venv-pyairbyte
PYAIRBYTE_PIP  := $(PYAIRBYTE_VENV)/bin/python -m pip --disable-pip-version-check -q

$(PYAIRBYTE_VENV)/.python-$(PYAIRBYTE_PYTHON_VERSION):
	$(call new-venv,$(PYAIRBYTE_VENV),$(PYAIRBYTE_PYTHON_VERSION))

$(PYAIRBYTE_VENV)/.installed: $(PYAIRBYTE_VENV)/.python-$(PYAIRBYTE_PYTHON_VERSION) setup.py
	$(PYAIRBYTE_PIP) install -e '.[pyairbyte]'
	touch $@

venv: $(VENV)/.installed-base
venv-tests: $(VENV)/.installed-tests
venv-bench: $(VENV)/.installed-bench
venv-pyairbyte: $(PYAIRBYTE_VENV)/.installed

demo: venv
	$(PY) scripts/demo.py

# deptry first: the product's imports and setup.py's install_requires agree (pyproject.toml).
test: venv-tests venv-pyairbyte
	$(PY) scripts/check_dependencies.py
	$(PY) -m pytest unit_tests integration_tests benchmarks/tests

unit: venv-tests
	$(PY) -m pytest unit_tests

integration: venv-tests venv-pyairbyte
	$(PY) -m pytest integration_tests

# The short pass on each other supported Python, in its own venv (.venv-3.11, .venv-3.12): the
# unit tests, and the real-process spec/check/discover/read of integration_tests marked
# `every_python`, against a sandbox the tests start.
.venv-%/bin/python:
	$(call new-venv,.venv-$*,$*)

.venv-%/.installed-tests: .venv-%/bin/python setup.py
	.venv-$*/bin/python -m pip --disable-pip-version-check -q install -e '.[tests]'
	touch $@

test-python-%: .venv-%/.installed-tests
	.venv-$*/bin/python -m pytest -q unit_tests
	.venv-$*/bin/python -m pytest -q integration_tests -m every_python

test-other-pythons: $(OTHER_PYTHON_VERSIONS:%=test-python-%)

# Made by pattern rules, so make would otherwise delete them as intermediate files.
.PRECIOUS: .venv-%/bin/python .venv-%/.installed-tests

# Lints the Dockerfile, builds the image (with ../shared/tools/docker-local.sh where there is no
# Docker engine or registry) and runs spec/check/discover/read in it against the sandbox.
docker-test: venv-tests
	$(VENV)/bin/hadolint Dockerfile
	$(PY) -m pytest docker_tests

# Not part of `make test`/CI: measures start-up, speed, request count, memory and rate-limit
# behaviour against the sandbox and the published peer (fetched from PyPI into benchmarks/.cache/).
# The start-up runs pair ours with the peer on the Python of its image (Airbyte's base image: 3.11)
# and build both images; `make bench-startup` runs only them.
PEER_PYTHON_VERSION := 3.11
BENCH_ARGS := --other-python-bin .venv-$(PEER_PYTHON_VERSION)/bin

bench: venv-bench .venv-$(PEER_PYTHON_VERSION)/.installed-tests
	$(PY) -m benchmarks $(BENCH_ARGS)

bench-startup: venv-bench .venv-$(PEER_PYTHON_VERSION)/.installed-tests
	$(PY) -m benchmarks $(BENCH_ARGS) --startup-only

clean:
	rm -rf $(VENV) $(PYAIRBYTE_VENV) $(OTHER_PYTHON_VERSIONS:%=.venv-%) .pytest_cache .hypothesis .demo build *.egg-info
