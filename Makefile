# The README's two commands are `make demo` and `make test`; .ci/run builds every venv at once
# (`make -j venvs`), then runs `make test`, the short pass on the other supported Pythons
# (`make test-other-pythons`), the Docker smoke test and `make lock-check` side by side. Every
# target sets up what it needs from a clean clone.

# The project's Python is the image's (Dockerfile: python:3.13-slim). setup.py supports 3.11 to 3.13.
PYTHON_VERSION := 3.13
OTHER_PYTHON_VERSIONS := 3.11 3.12
# PyAirbyte (airbyte 0.71) requires Python < 3.13, so its venv uses the newest Python it supports.
PYAIRBYTE_PYTHON_VERSION := 3.12

VENV   := .venv
PY     := $(VENV)/bin/python

# pytest-xdist workers for `make test`: more than the project's 2-core machines have cores, because
# much of the suite waits (retries backing off, answers that come late) while another worker
# computes. Measured there: 4 workers 62 s, 5 57 s, 6 58 s. The same number on a bigger machine,
# so that a run loads it as CI's does. `make test PYTEST_WORKERS=auto` uses one per core,
# `PYTEST_WORKERS=0` one process.
PYTEST_WORKERS := 5

.PHONY: venv venv-tests venv-bench venv-pyairbyte venvs demo lint format test unit integration test-other-pythons \
	docker-test bench bench-startup lock lock-upgrade lock-check clean

# uv (PyPI) makes the venvs and installs into them, many times faster than pip. It is pinned and
# installed with pip into a venv of its own, .tools/, made by the project's Python: that needs
# nothing but the interpreter every venv needs anyway (no `pip install --user` into a system
# Python, which Debian refuses), and gives every machine the same uv. `make UV=uv ...` uses
# another uv (e.g. one already on PATH) instead.
UV_VERSION := 0.13.9
TOOLS := .tools
ifeq ($(origin UV),undefined)
UV       := $(TOOLS)/bin/uv
UV_STAMP := $(TOOLS)/.uv-$(UV_VERSION)
endif
UV_INSTALL := $(UV) pip install -q
# uv leaves bytecode to the first import (pip compiles every installed file: 15-25 s of CPU per
# venv, most of it for modules no test imports). With PYTHONDONTWRITEBYTECODE set, every connector
# process would compile airbyte-cdk again (+1.3 s a start), so make's commands write it.
unexport PYTHONDONTWRITEBYTECODE

$(TOOLS)/.uv-$(UV_VERSION):
	rm -rf $(TOOLS)
	python=$$(scripts/find-python $(PYTHON_VERSION)) && "$$python" -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip --disable-pip-version-check -q install 'uv==$(UV_VERSION)'
	touch $@

# The exact versions every venv installs (uv's `-c`): resolved from setup.py for every supported
# Python at once. `make lock` updates them after a change to setup.py (keeping the other pins),
# `make lock-upgrade` moves every pin to the newest release setup.py allows, and `make lock-check`
# (run by .ci/run) fails when they no longer match setup.py.
CONSTRAINTS := constraints/dev.txt
PYAIRBYTE_CONSTRAINTS := constraints/pyairbyte.txt
LOCK_PYTHON_VERSION := $(firstword $(sort $(PYTHON_VERSION) $(OTHER_PYTHON_VERSIONS)))
# $(call compile-lock,OUTPUT,EXTRAS,FLAGS): uv pip compile of setup.py with the extras into OUTPUT,
# preferring the versions OUTPUT already pins.
define compile-lock
$(UV) pip compile -q --universal --python-version $(LOCK_PYTHON_VERSION) --custom-compile-command 'make lock' \
	$(foreach extra,$(2),--extra $(extra)) $(3) setup.py -o $(1)
endef
LOCKS = $(call compile-lock,$(1)/dev.txt,tests bench,$(2)) && $(call compile-lock,$(1)/pyairbyte.txt,pyairbyte,$(2))

lock: | $(UV_STAMP)
	$(call LOCKS,constraints)

lock-upgrade: | $(UV_STAMP)
	$(call LOCKS,constraints,--upgrade)

lock-check: | $(UV_STAMP)
	@fresh=$$(mktemp -d) && trap 'rm -rf "$$fresh"' EXIT && cp constraints/*.txt "$$fresh" \
	&& $(call LOCKS,$$fresh) \
	&& stale=0 && for file in constraints/*.txt; do diff -u "$$file" "$$fresh/$${file#constraints/}" || stale=1; done \
	&& [ $$stale = 0 ] \
	|| { echo "constraints/ does not match setup.py: run \`make lock\` and commit the result" >&2; exit 1; }
	@echo "constraints/ matches setup.py"

# $(call new-venv,DIR,X.Y): DIR made afresh by uv on Python X.Y (scripts/find-python fails with a
# message naming a missing one), with pip in it for whoever activates it, marked DIR/.python-X.Y so
# that a venv left on another Python is replaced.
define new-venv
rm -rf $(1)
python=$$(scripts/find-python $(2)) && $(UV) venv -q --seed --python "$$python" $(1)
touch $(1)/.python-$(2)
endef

$(VENV)/.python-$(PYTHON_VERSION): | $(UV_STAMP)
	$(call new-venv,$(VENV),$(PYTHON_VERSION))

# Stamps are rebuilt when setup.py or its constraints change, so the next run installs the change.
$(VENV)/.installed-base: $(VENV)/.python-$(PYTHON_VERSION) setup.py $(CONSTRAINTS) | $(UV_STAMP)
	$(UV_INSTALL) --python $(PY) -c $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.installed-tests: $(VENV)/.python-$(PYTHON_VERSION) setup.py $(CONSTRAINTS) | $(UV_STAMP)
	$(UV_INSTALL) --python $(PY) -c $(CONSTRAINTS) -e '.[tests]'
	touch $@

$(VENV)/.installed-bench: $(VENV)/.python-$(PYTHON_VERSION) setup.py $(CONSTRAINTS) | $(UV_STAMP)
	$(UV_INSTALL) --python $(PY) -c $(CONSTRAINTS) -e '.[bench]'
	touch $@

# PyAirbyte (the `pyairbyte` extra) gets a venv of its own: in .venv it would downgrade packages
# that airbyte-cdk uses. integration_tests/test_pyairbyte.py runs in it.
PYAIRBYTE_VENV := .venv-pyairbyte

$(PYAIRBYTE_VENV)/.python-$(PYAIRBYTE_PYTHON_VERSION): | $(UV_STAMP)
	$(call new-venv,$(PYAIRBYTE_VENV),$(PYAIRBYTE_PYTHON_VERSION))

$(PYAIRBYTE_VENV)/.installed: $(PYAIRBYTE_VENV)/.python-$(PYAIRBYTE_PYTHON_VERSION) setup.py $(PYAIRBYTE_CONSTRAINTS) | $(UV_STAMP)
	$(UV_INSTALL) --python $(PYAIRBYTE_VENV)/bin/python -c $(PYAIRBYTE_CONSTRAINTS) -e '.[pyairbyte]'
	touch $@

venv: $(VENV)/.installed-base
venv-tests: $(VENV)/.installed-tests
venv-bench: $(VENV)/.installed-bench
venv-pyairbyte: $(PYAIRBYTE_VENV)/.installed
# Every venv CI uses; `make -j venvs` builds them side by side.
venvs: venv-tests venv-pyairbyte $(OTHER_PYTHON_VERSIONS:%=.venv-%/.installed-tests)

demo: venv
	$(PY) scripts/demo.py

# The product's format, lint and types (pyproject.toml), in seconds: `make test` runs them first.
# Every `type: ignore[code]` and `noqa: CODE` says why on its own line. `make format` applies the
# formatter and ruff's safe fixes.
LINT_PATHS := stage_apis source_stages destination_ruddr main.py
UNEXPLAINED_IGNORE := \#[[:space:]]*(type:[[:space:]]*ignore\[[^]]*\]|noqa(:[[:space:]]*[A-Z]+[0-9]+(,[[:space:]]*[A-Z]+[0-9]+)*)?)[[:space:]]*$$

lint: venv-tests
	$(VENV)/bin/ruff format --check $(LINT_PATHS)
	$(VENV)/bin/ruff check $(LINT_PATHS)
	@if grep -rnE '$(UNEXPLAINED_IGNORE)' --include='*.py' $(LINT_PATHS); then \
		echo 'each type: ignore and noqa above needs its reason on the same line' >&2; exit 1; fi
	$(PY) -m mypy

format: venv-tests
	$(VENV)/bin/ruff format $(LINT_PATHS)
	$(VENV)/bin/ruff check --fix $(LINT_PATHS)

# lint first, then deptry: the product's imports and setup.py's install_requires agree (pyproject.toml).
test: lint venv-tests venv-pyairbyte
	$(PY) scripts/check_dependencies.py
	$(PY) -m pytest -n $(PYTEST_WORKERS) unit_tests integration_tests sandbox/tests benchmarks/tests

unit: venv-tests
	$(PY) -m pytest unit_tests

integration: venv-tests venv-pyairbyte
	$(PY) -m pytest -n $(PYTEST_WORKERS) integration_tests

# The short pass on each other supported Python, in its own venv (.venv-3.11, .venv-3.12): the
# unit tests, and the real-process spec/check/discover/read of integration_tests marked
# `every_python`, against a sandbox the tests start.
.venv-%/bin/python: | $(UV_STAMP)
	$(call new-venv,.venv-$*,$*)

.venv-%/.installed-tests: .venv-%/bin/python setup.py $(CONSTRAINTS) | $(UV_STAMP)
	$(UV_INSTALL) --python .venv-$*/bin/python -c $(CONSTRAINTS) -e '.[tests]'
	touch $@

test-python-%: .venv-%/.installed-tests
	.venv-$*/bin/python -m pytest -q unit_tests
	.venv-$*/bin/python -m pytest -q integration_tests -m every_python

test-other-pythons: $(OTHER_PYTHON_VERSIONS:%=test-python-%)

# Made by pattern rules, so make would otherwise delete them as intermediate files.
.PRECIOUS: .venv-%/bin/python .venv-%/.installed-tests

# Lints the Dockerfile, builds both images (with ../shared/tools/docker-local.sh where there is no
# Docker engine or registry) and runs the `in_image` tests against the sandbox: their size and
# contents (every module the connectors import), spec/check/discover/read, and the fault matrix and
# the destination's scenarios of integration_tests/ in the images, on two workers (each builds
# the images once, one build at a time: docker_tests/build.py).
docker-test: venv-tests
	$(VENV)/bin/hadolint Dockerfile
	$(PY) -m pytest -m in_image -n 2 docker_tests integration_tests

# What the images install (image-requirements.txt): the distributions the connector processes of the
# integration tests imported, recorded into docker_tests/connector-imports.json. `make test` checks both.
.PHONY: image-requirements
image-requirements: venv-tests
	$(PY) scripts/image-requirements

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
	rm -rf $(VENV) $(PYAIRBYTE_VENV) $(OTHER_PYTHON_VERSIONS:%=.venv-%) $(TOOLS) .pytest_cache .hypothesis .demo build *.egg-info
