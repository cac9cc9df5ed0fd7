# Orderdesk — the two commands are `make run` and `make test`; the rest are helpers.
SHELL := /bin/bash
.DEFAULT_GOAL := run

VENV := .venv
BIN := $(VENV)/bin
# First interpreter that is Python 3.12 or newer; pyenv shims of versions not selected fail the check.
PYTHON := $(shell for p in python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 \
	&& { echo $$p; break; }; done)
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# make bench: the issue #7 benchmark (see bench/README.md). PostgreSQL when DATABASE_URL is set.
ORDERS ?= 1000000
SEED ?= 7
BENCH_ARGS ?=

.PHONY: run test install install-test lint format messages bench bench-quick chromium clean

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then echo "Orderdesk needs Python 3.12 or newer: install python3.12 (apt install python3.12-venv, or pyenv install 3.12)." >&2; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## make run: install, prepare the embedded database (admin + demo data on first run), serve.
run: install
	$(BIN)/orderdesk setup
	$(BIN)/orderdesk serve --host $(HOST) --port $(PORT)

## make test: install what the tests need (Chromium included) and run the whole suite.
## With DATABASE_URL=postgres://… the same suite runs on PostgreSQL.
test: install-test chromium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## make bench [ORDERS=N] [SEED=S]: generate (or reuse) N orders, serve, measure, write
## bench/results/latest.json. Not part of `make test`; timings are information, not a pass/fail.
bench: install
	$(BIN)/python -m bench --orders $(ORDERS) --seed $(SEED) $(BENCH_ARGS)

## make bench-quick: the same at 20,000 orders with fewer repetitions, in under 3 minutes.
bench-quick: install
	$(BIN)/python -m bench --quick --orders 20000 --seed $(SEED) $(BENCH_ARGS)

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests…"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| { echo "Could not install chromium with apt (run as root, or: sudo apt-get install chromium)." >&2; exit 1; }; }

## make messages: after changing user-facing text, update the .po catalogues (needs GNU gettext's
## xgettext: apt-get install gettext), translate the new entries, then compile them with Babel.
## The product itself never needs gettext: the compiled .mo files are committed.
messages: install
	cd src/orderdesk && ../../$(BIN)/python -m django makemessages --settings=orderdesk.settings \
		-l vi -l en --ignore 'migrations/*' --ignore 'demo/*' --no-obsolete --add-location file
	$(BIN)/orderdesk compile-catalogues

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache
