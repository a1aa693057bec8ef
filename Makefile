# Set-up and everyday commands. All targets are idempotent: they (re)install only what changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SOURCES := pyproject.toml cli.py $(shell find extract models -type f ! -path '*/__pycache__/*' 2>/dev/null)
CORPUS ?=

.PHONY: install run test bench lint clean

install: $(VENV)/.installed

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Dependencies first (a no-op once satisfied), then this package rebuilt from the sources.
$(VENV)/.installed: $(BIN)/python $(SOURCES)
	$(BIN)/pip install -q .
	$(BIN)/pip install -q --no-deps --force-reinstall .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install -q ".[dev]"
	touch $@

run: install
	$(BIN)/extract run samples/ --format table

test: $(VENV)/.installed-dev
	$(BIN)/pytest

# Throughput against the bare model (a measurement, not a test): make bench
# CORPUS=../shared/data/news/gigaword_2452.jsonl BENCH_ARGS="--n 500 --json"
bench: install
	$(BIN)/extract benchmark $(or $(CORPUS),samples/) $(BENCH_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check extract cli.py tests

clean:
	rm -rf $(VENV) build dist *.egg-info
