# Bare `make` lists the targets. Every target sets up .venv itself when needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# The extractor's modules that setup.py compiles with mypyc (analysis/compiled_core.py
# names them; a test keeps the two lists equal). A change to one reinstalls, which
# compiles it again; until then the package runs its Python source.
COMPILED_SOURCES := $(addprefix analysis/,$(addsuffix .py,lexicon numbers dates context sentences amounts table_cells extract))
LAB_DIR ?= notebooks

.DEFAULT_GOAL := help
.PHONY: help setup build report test test-fast bench lab lint format teaching notebooks-update clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-18s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml setup.py analysis/compiled_core.py $(COMPILED_SOURCES)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s); set PYTHON=..." % sys.version.split()[0])'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) ## create .venv, install the package and compile the extractor (when their sources changed)

build: $(STAMP) ## build the tidy tables in data/processed from seeds/
	$(PY) -m analysis build

report: build ## the main job: tidy data, then every notebook as an HTML report in reports/latest
	$(PY) -m analysis report --jobs 2

test: build ## build the tidy data, then run the whole test suite (pytest and nbval)
	$(PY) -m pytest

bench: $(STAMP) ## measure extraction throughput, memory and report build time
	$(PY) bench/run.py

lab: $(STAMP) ## start JupyterLab in the project's environment (LAB_DIR=build/teaching/student for students)
	$(VENV)/bin/jupyter lab --notebook-dir=$(LAB_DIR)

lint: $(STAMP) ## check style with ruff
	$(VENV)/bin/ruff check analysis tests bench
	$(VENV)/bin/ruff format --check analysis tests bench

format: $(STAMP) ## format the code with ruff
	$(VENV)/bin/ruff format analysis tests bench

teaching: $(STAMP) ## build student and instructor editions of the lessons into build/teaching
	$(PY) -m analysis teaching build

notebooks-update: build ## re-execute the notebooks in place so their stored outputs match the code
	$(PY) -m analysis.notebook_outputs

clean: ## remove generated files (keeps .venv)
	rm -rf reports build .pytest_cache .hypothesis
