# Two commands: `make run` starts the dashboard, `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501

.PHONY: run test bench

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

test: $(VENV)/.dev-installed
	scripts/ensure_chromium.sh
	$(PY) -m pytest

bench: $(VENV)/.dev-installed
	$(PY) -m bench.augment
	$(PY) -m bench.transfer --data ../shared/data/book-ch05/catanddog --mode head --json
	$(PY) -m bench.explain
