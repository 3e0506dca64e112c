# The two commands: `make demo` and `make test`. Each sets up .venv when needed.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: demo watch-demo test lint setup clean eval bench soak serve browser

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "Python 3.11 is needed (set PY=... to another python3.11)"; exit 1; }
	$(PY) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q --upgrade pip >/dev/null
	$(BIN)/pip install -q -e ".[dev,analysis,web,browser]"
	@touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m sitrep.demo --shared $(SHARED)

# sitrep watch on a loopback feed of the demo articles; prints the alerts
watch-demo: $(STAMP)
	$(BIN)/python -m sitrep.watch.demo --shared $(SHARED)

# 10-minute soak of sitrep watch on loopback (faults, kill -9 restarts); figures in soak-out/soak.json
soak: $(STAMP)
	nice $(BIN)/python benchmarks/soak_watch.py --shared $(SHARED) --out soak-out

# Debian's chromium + chromium-driver for the browser tests (installed when missing, as root)
browser:
	@bash scripts/ensure_chromium.sh

test: $(STAMP) browser
	$(BIN)/ruff check sitrep tests benchmarks
	$(BIN)/mypy sitrep
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check sitrep tests benchmarks
	$(BIN)/mypy sitrep

# The workspace on the demo store (made by `make demo` when absent), readable without login;
# add a reviewer with: .venv/bin/sitrep users add NAME --role reviewer --db demo-out/sitrep.db
serve: $(STAMP)
	@test -f demo-out/sitrep.db || $(BIN)/python -m sitrep.demo --shared $(SHARED)
	$(BIN)/sitrep serve --db demo-out/sitrep.db --public-read

eval: $(STAMP)
	$(BIN)/sitrep eval --gold-dir $(SHARED)/gold --report eval-report.json

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_coder.py --corpora $(SHARED)/corpora

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache .mypy_cache
