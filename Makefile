# Two commands do the whole setup: `make demo` and `make test`.
# uv is bootstrapped from PyPI into .tools/ when it is not on PATH.

SHELL := /bin/bash
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo $(CURDIR)/.tools/bin/uv)
PYTEST_ARGS ?=

.PHONY: install demo test fuzz lint ui

$(CURDIR)/.tools/bin/uv:
	$(PYTHON) -m venv $(CURDIR)/.tools
	$(CURDIR)/.tools/bin/pip install --quiet --disable-pip-version-check uv

# --compile-bytecode: with no .pyc files (or PYTHONDONTWRITEBYTECODE=1) every process compiles
# GX, Dagster and spaCy from source again, 3-4 s per run.
install: $(UV)
	$(UV) sync --frozen --compile-bytecode

demo: install
	$(UV) run eventetl demo

test: install
	$(UV) run ruff check .
	$(UV) run pytest $(PYTEST_ARGS)

# The random search: hypothesis draws new cases, ten times the examples `make test` runs.
# Run it before resolving work on readers and importers; make each case it finds an @example.
fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(UV) run pytest tests/fuzz $(PYTEST_ARGS)

lint: install
	$(UV) run ruff check .
	$(UV) run ruff format --check .

ui: install
	$(UV) run eventetl ui
