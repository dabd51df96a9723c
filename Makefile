# The README's two commands are `make demo` and `make test`; .ci/run runs `make test` (and the
# Docker smoke test). Every target sets up what it needs from a clean clone.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: venv venv-tests venv-bench venv-pyairbyte demo test unit integration docker-test bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip wheel

# Stamps are rebuilt when setup.py changes, so a new dependency is installed by the next run.
$(VENV)/.installed-base: $(VENV)/bin/python setup.py
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-tests: $(VENV)/bin/python setup.py
	$(PIP) install -e '.[tests]'
	touch $@

$(VENV)/.installed-bench: $(VENV)/bin/python setup.py
	$(PIP) install -e '.[bench]'
	touch $@

# PyAirbyte (the `pyairbyte` extra) gets a venv of its own: in .venv it would downgrade packages
# that airbyte-cdk uses. integration_tests/test_pyairbyte.py runs in it.
PYAIRBYTE_VENV := .venv-pyairbyte
PYAIRBYTE_PIP  := $(PYAIRBYTE_VENV)/bin/python -m pip --disable-pip-version-check -q

$(PYAIRBYTE_VENV)/bin/python:
	$(PYTHON) -m venv $(PYAIRBYTE_VENV)
	$(PYAIRBYTE_PIP) install --upgrade pip wheel

$(PYAIRBYTE_VENV)/.installed: $(PYAIRBYTE_VENV)/bin/python setup.py
	$(PYAIRBYTE_PIP) install -e '.[pyairbyte]'
	touch $@

venv: $(VENV)/.installed-base
venv-tests: $(VENV)/.installed-tests
venv-bench: $(VENV)/.installed-bench
venv-pyairbyte: $(PYAIRBYTE_VENV)/.installed

demo: venv
	$(PY) scripts/demo.py

test: venv-tests venv-pyairbyte
	$(PY) -m pytest unit_tests integration_tests benchmarks/tests

unit: venv-tests
	$(PY) -m pytest unit_tests

integration: venv-tests venv-pyairbyte
	$(PY) -m pytest integration_tests

# Lints the Dockerfile, builds the image (with ../shared/tools/docker-local.sh where there is no
# Docker engine or registry) and runs spec/check/discover/read in it against the sandbox.
docker-test: venv-tests
	$(VENV)/bin/hadolint Dockerfile
	$(PY) -m pytest docker_tests

# Not part of `make test`/CI: measures speed, request count, memory and rate-limit behaviour
# against the sandbox and the published peer (fetched from PyPI into benchmarks/.cache/).
bench: venv-bench
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) $(PYAIRBYTE_VENV) .pytest_cache .hypothesis .demo build *.egg-info
