# Two commands do everything: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PY_DIRS := app tests migrations $(wildcard bench)

.PHONY: contract constraints run test lint fmt install migrate seed clean bench eval

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# After changing pyproject.toml's dependencies: the newest versions its ranges allow, resolved in a
# clean virtual environment (so nothing stale is pinned), become constraints.txt; then `make test`.
constraints:
	rm -rf .venv-constraints
	$(PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/pip install --quiet --upgrade pip
	.venv-constraints/bin/pip install --quiet -e '.[dev]'
	{ sed -n 1,2p constraints.txt; .venv-constraints/bin/pip freeze --exclude-editable; } > constraints.tmp
	mv constraints.tmp constraints.txt
	rm -rf .venv-constraints

migrate: install
	$(BIN)/python -m app migrate

# Every start loads the seeds whose article is not stored yet; a seeded record edited or deleted
# through the API stays as it was left (`python -m app seed` reloads them all: docs/seeding.md).
seed: migrate
	$(BIN)/python -m app seed --only-new

run: seed
	@echo "Writes need an API key: $(BIN)/python -m app keys create --role editor --name me (prints it once),"
	@echo "or start with BOOTSTRAP_ADMIN_KEY=<24+ random characters>. Reads are open (OPEN_READS=true)."
	$(BIN)/python -m app serve

# TEST_BACKENDS=sqlite (or postgresql) runs one backend; the default is both.
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	BIN=$(BIN) scripts/contract.sh

# The black-box contract suite alone, against a fresh server on each database.
contract: install
	BIN=$(BIN) scripts/contract.sh

lint: install
	$(BIN)/ruff check $(PY_DIRS)
	$(BIN)/ruff format --check $(PY_DIRS)
	$(BIN)/mypy app

fmt: install
	$(BIN)/ruff check --fix $(PY_DIRS)
	$(BIN)/ruff format $(PY_DIRS)

# Score the extractor against seeds/ and tests/gold/ (precision and recall per record kind).
eval: install
	$(BIN)/python -m app.ingest.extract.evaluate

# The benchmark (bench/README.md): BENCH_SCALE=0.1 make bench for a quick look. It needs wrk
# (installed from Debian when missing) and PostgreSQL at 127.0.0.1:5432 as for the tests.
bench: install
	@command -v wrk >/dev/null 2>&1 || (apt-get install -y -qq wrk >/dev/null 2>&1 || \
		(apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq wrk >/dev/null 2>&1)) || \
		echo "wrk not installed: falling back to the Python load generator"
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) data/*.db data/*.db-*
