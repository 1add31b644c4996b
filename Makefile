# Every target sets itself up: a fresh clone needs only `make demo` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: install demo test lint bench golden clean

# The venv line is the only one a fresh `make demo` shows before the scorecards: pip runs with -qq
# (errors only) and the commands themselves are not echoed.
PIP := $(BIN)/python -m pip install -qq

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	@$(PIP) --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	@$(PIP) -e .
	@touch $@

$(STAMP_DEV): pyproject.toml | $(BIN)/python
	@$(PIP) -e '.[dev]'
	@touch $@ $(STAMP_RUN)

install: $(STAMP_RUN)

demo: $(STAMP_RUN)
	@# exit 1 (a report fails) is the point of the demo; 2 (bad input or usage) is a real error
	@$(BIN)/scorer check reports/ || [ $$? -eq 1 ]
	@echo
	@echo "(A failing report above is the point of the demo: see what it lacks and where.)"

test: $(STAMP_DEV)
	$(BIN)/python -m pytest

lint: $(STAMP_DEV)
	$(BIN)/ruff check scorer tests
	$(BIN)/mypy scorer
	$(BIN)/lint-imports

bench: $(STAMP_DEV)
	$(BIN)/python -m benchmarks.run

# Rewrite tests/golden/ (every format of `scorer check` on reports/) after a change meant to alter an output.
golden: $(STAMP_DEV)
	SCORER_REGENERATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_golden.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
