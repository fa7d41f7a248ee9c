# Two commands: `make run` starts the dashboard, `make test` runs the whole suite.
# `make test-fast` (core + pages, no browser) and `make lint` are for development.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501

.PHONY: run test test-fast lint bench

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime-installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $(VENV)/.runtime-installed $@

run: $(VENV)/.runtime-installed
	$(PY) -m streamlit run streamlit_app.py --server.port $(PORT)

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: lint
	scripts/ensure_chromium.sh
	$(PY) -m pytest

test-fast: $(VENV)/.dev-installed
	$(PY) -m pytest -m "not e2e and not robustness and not bench"

# Each bench prints one JSON object. The transfer bench needs the book's data beside the
# project (../shared/data/book-ch05), as in CI.
BOOK := ../shared/data/book-ch05/catanddog
bench: $(VENV)/.dev-installed
	$(PY) -m bench.augment
	$(PY) -m bench.transfer --data $(BOOK) --train-split train --test-split test --mode head --epochs 13 --res 160 --json
	$(PY) -m bench.transfer --data $(BOOK) --train-split train --test-split test --mode last --epochs 5 --res 160 --json
	$(PY) -m bench.strategy --close $(BOOK) --far shapes
	$(PY) -m bench.decode --data $(BOOK) --res 160
	$(PY) -m bench.engines --data $(BOOK) --res 160
	$(PY) -m bench.explain
	$(PY) -m bench.graph
	$(PY) -m bench.gcn
	$(PY) -m bench.mistakes
	$(PY) -m bench.memory
	$(PY) -m bench.load --sessions 20
	$(PY) -m bench.load --scenario class
	$(PY) -m bench.cold_start
	$(PY) -m bench.notebooks
	$(PY) -m bench.room --students 40
	$(PY) -m bench.browser
