# The README's two commands are `make demo` and `make test`; .ci/run runs `make test` (and the
# Docker smoke test). Every target sets up what it needs from a clean clone.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: venv venv-tests demo test unit integration clean

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

venv: $(VENV)/.installed-base
venv-tests: $(VENV)/.installed-tests

demo: venv
	$(PY) scripts/demo.py

test: venv-tests
	$(PY) -m pytest unit_tests integration_tests

unit: venv-tests
	$(PY) -m pytest unit_tests

integration: venv-tests
	$(PY) -m pytest integration_tests

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .demo build *.egg-info
