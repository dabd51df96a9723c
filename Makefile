# The README's two commands are `make demo` and `make test`; .ci/run runs `make test` (and the
# Docker smoke test). Every target sets up what it needs from a clean clone.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: venv venv-tests venv-bench demo test unit integration bench clean

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

venv: $(VENV)/.installed-base
venv-tests: $(VENV)/.installed-tests
venv-bench: $(VENV)/.installed-bench

demo: venv
	$(PY) scripts/demo.py

test: venv-tests
	$(PY) -m pytest unit_tests integration_tests

unit: venv-tests
	$(PY) -m pytest unit_tests

integration: venv-tests
	$(PY) -m pytest integration_tests

# Not part of `make test`/CI: measures speed, request count, memory and rate-limit behaviour
# against the sandbox and the published peer (fetched from PyPI into benchmarks/.cache/).
bench: venv-bench
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .demo build *.egg-info
