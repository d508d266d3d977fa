# Two commands on a fresh machine: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bench-small bench-scale bench-entities bench-extract mutation clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "newsreader needs Python 3.11 or newer"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsreader

# mypy and import-linter read their settings from pyproject.toml (what is checked, and how).
# pytest runs on every core; a file's tests stay on one worker so that its module fixtures
# (an index built from a corpus) are built once.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q -n auto --dist loadfile --cov --cov-report=term

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# A small archive (3,000 stories, where most users start) and a large one (100,000): each size
# replaces its own section of benchmarks/RESULTS.md. bench-small measures the small one alone.
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

bench-small: $(STAMP)
	$(BIN)/python -m benchmarks.run --size 3000

# The cost curve: archives of 10k, 100k and 1M stories, built and measured (the 1M step takes
# hours); a size or step measured before is skipped, so a stopped run goes on where it was.
# Writes the "Cost curve" section of benchmarks/RESULTS.md and benchmarks/scale.png.
bench-scale: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	nice -n 10 $(BIN)/python -m benchmarks.scale

# The dev split with the shipped model, then documents of train held out from a model trained
# on the rest (training needs the `train` extra: a few minutes), then the modern gold set
# (benchmarks/gold/), which replaces its section of benchmarks/RESULTS.md.
bench-entities: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,train]'
	$(BIN)/python -m benchmarks.entities
	$(BIN)/python -m benchmarks.held_out
	$(BIN)/python -m benchmarks.gold.score
	$(BIN)/python -m benchmarks.top_names

# Full-text extraction of the saved pages of ../shared/html, scored against their reference text
# (token-level F1); replaces its section of benchmarks/RESULTS.md. Small: seconds.
bench-extract: $(STAMP)
	$(BIN)/python -m benchmarks.extract

# Mutation testing of the modules in pyproject's [tool.mutmut]; writes benchmarks/MUTATION.md.
# Slow (minutes): run it when those modules change, not with every test run.
mutation: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,mutation]'
	rm -rf mutants
	nice -n 10 $(BIN)/mutmut run --max-children 1
	$(BIN)/python tests/mutation_report.py

clean:
	rm -rf $(VENV) build *.egg-info mutants .coverage
