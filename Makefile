# Projektbanken Assistant: `make run` and `make test` are all a fresh machine needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?= data
CSV := ../shared/corpora/tillvaxtverket-2007-2013.csv
PORT ?= 8501
# the app binds to this machine only; to serve a network, set ADDRESS=0.0.0.0 and configure
# login ([auth] in .streamlit/secrets.toml) or ASSISTANT_ADMIN_TOKEN (without either, a
# network-bound app cannot change the index; README, "Who may change the index")
ADDRESS ?= localhost
# `make run DATABASE_URL=postgresql://user:pass@host/db` builds into and serves from PostgreSQL
DATABASE_URL ?=
ifneq ($(DATABASE_URL),)
export ASSISTANT_DATABASE_URL := $(DATABASE_URL)
endif

.PHONY: setup run index test test-full test-fast lint bench browser-deps clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev,local-llm]'
	touch $(STAMP)

browser-deps:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

index: setup
	$(BIN)/assistant index --if-stale $(CORPUS)

# The index is brought up to date in the background while the app starts: a first build
# publishes the records and keyword search within seconds (the app answers from them and
# shows the progress) and the meaning vectors when they are done. Stopping the app stops the
# build too (the index stays usable; the next `make run` builds the rest again).
run: setup
	$(BIN)/assistant index --if-stale --quiet $(CORPUS) & indexer=$$!; \
	trap 'kill $$indexer 2>/dev/null' EXIT; \
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.address $(ADDRESS) --server.headless true --browser.gatherUsageStats false

lint: setup
	$(BIN)/ruff check assistant tests app.py benchmarks
	$(BIN)/ruff format --check assistant tests app.py benchmarks
	$(BIN)/mypy

# Lint, unit tests, the real model on the seeds and on a sample of the CSV, the app, the
# browser: a few minutes. The whole-CSV checks (tests marked slow) are `make test-full`.
test: setup browser-deps lint
	$(BIN)/pytest -q -m "not slow"

# The tests marked slow: the whole CSV with the real model and long subprocess tests. The
# whole-CSV index is built once (about 20 minutes on 2 cores) into .cache/index-<key>/ and
# reused while the corpus, the embedder and the indexing code stay the same.
test-full: setup
	$(BIN)/pytest -q -m slow

test-fast: setup
	$(BIN)/pytest -q -m "not integration and not browser and not slow"

bench: setup
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf index .pytest_cache .mypy_cache .ruff_cache .cache
