# Two commands do everything: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint fmt install migrate seed clean bench eval

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python -m app migrate

run: migrate
	$(BIN)/python -m app serve

# TEST_BACKENDS=sqlite (or postgresql) runs one backend; the default is both.
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check app tests migrations bench
	$(BIN)/ruff format --check app tests migrations bench
	$(BIN)/mypy app

fmt: install
	$(BIN)/ruff check --fix app tests migrations bench
	$(BIN)/ruff format app tests migrations bench

# The benchmark (bench/README.md): BENCH_SCALE=0.1 make bench for a quick look. It needs wrk
# (installed from Debian when missing) and PostgreSQL at 127.0.0.1:5432 as for the tests.
bench: install
	@command -v wrk >/dev/null 2>&1 || (apt-get install -y -qq wrk >/dev/null 2>&1 || \
		(apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq wrk >/dev/null 2>&1)) || \
		echo "wrk not installed: falling back to the Python load generator"
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) data/*.db data/*.db-*
