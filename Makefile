# Entry points: `make run`, `make check` (fast loop) and `make test` (everything, as CI runs it).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install --quiet -c constraints.txt
PORT ?= 8501
# Whole-project branch coverage: 95.97% measured on 2026-11-26 (clean-clone CI run);
# the floor sits just under it (raise it when coverage rises, never lower it).
COV_MIN ?= 95
# 100% branch coverage: the rule core and the answer composition (paths adjusted at merge).
COV_FULL ?= assistant/rules/*,assistant/chat/compose*
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export STREAMLIT_BROWSER_GATHER_USAGE_STATS := false

.PHONY: run check test lint coverage index bench bench-startup eval wheel clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip -c constraints.txt

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) -e .
	touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) -e ".[dev]"
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/poems index
	$(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT) \
		--server.headless true --browser.gatherUsageStats false

lint: $(VENV)/.installed-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

# The contributor loop (< 60 s on 2 cores): lint plus every test not marked slow or load, with
# 50 hypothesis examples per property instead of 150 (the property tests were ~40% of the time).
check: lint
	HYPOTHESIS_MAX_EXAMPLES=50 $(BIN)/pytest -q -m "not slow and not load" -n 2

# The full run: every test once with coverage, the coverage gates, then the evaluation gate
# (the only place the evaluation runs). The suite runs on both cores; the load test (which
# times concurrent sessions) runs alone afterwards and its coverage is appended.
test: lint
	$(BIN)/pytest -n 2 -m "not load" --cov --cov-report=
	$(BIN)/pytest -m load --cov --cov-append --cov-report= --cov-fail-under=$(COV_MIN)
	$(MAKE) --no-print-directory coverage
	$(BIN)/poems eval --out reports/eval

# The 100% gate on the data measured by the last pytest --cov run (.coverage).
coverage:
	$(BIN)/coverage report --include='$(COV_FULL)' --fail-under=100 --show-missing --skip-covered

index: $(VENV)/.installed
	$(BIN)/poems index

eval: $(VENV)/.installed
	$(BIN)/poems eval --out reports/eval

bench: $(VENV)/.installed-dev
	$(BIN)/python -m benchmarks.run

# Only the new-process timings (plan, ask, search, chat) and the warm ask latency (~2 min).
bench-startup: $(VENV)/.installed-dev
	$(BIN)/python -m benchmarks.run --startup

wheel: $(VENV)/.installed-dev
	rm -rf build
	$(BIN)/pip wheel --quiet --no-deps --no-build-isolation -w dist .
	rm -rf build

clean:
	rm -rf $(VENV) .poems .pytest_cache .mypy_cache .ruff_cache build dist .coverage
