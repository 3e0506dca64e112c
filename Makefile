# The two commands: `make demo` and `make test`. Each sets up .venv when needed.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: demo test lint setup clean eval bench

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "Python 3.11 is needed (set PY=... to another python3.11)"; exit 1; }
	$(PY) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q --upgrade pip >/dev/null
	$(BIN)/pip install -q -e ".[dev,analysis,dask]"
	@touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m sitrep.demo --shared $(SHARED)

test: $(STAMP)
	$(BIN)/ruff check sitrep tests benchmarks
	$(BIN)/mypy sitrep
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check sitrep tests benchmarks
	$(BIN)/mypy sitrep

eval: $(STAMP)
	$(BIN)/sitrep eval --gold-dir $(SHARED)/gold --report eval-report.json

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_coder.py --corpora $(SHARED)/corpora

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache .mypy_cache
