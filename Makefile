# Two entry points on a fresh machine (Python 3.11, pip, make): `make demo` and `make test`.
# Each creates .venv and installs what it needs; later runs reuse it until pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
HYPOTHESIS_PROFILE ?= dev
export HYPOTHESIS_PROFILE
PYTEST_ARGS ?=
# The tests run numpy's SSE loops and OpenBLAS's SSE kernels. On this project's machines (AMD
# EPYC VMs) numpy's AVX2 loops were measured returning wrong results under concurrent load
# (division after np.std: 36,376 wrong of 1.2 M on one core, 3,266 on the other, relative error
# 2.1e-11; 0 with these settings). See docs/machine.md. Set TEST_ENV= to test the AVX2 paths.
TEST_ENV ?= NPY_DISABLE_CPU_FEATURES=X86_V3 OPENBLAS_CORETYPE=NEHALEM

.PHONY: demo test lint typecheck docs unit quick layers bench mutation dist clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[widgets]"
	touch $@

$(DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[all]" --group dev
	touch $@ $(RUNTIME)

demo: $(RUNTIME)
	$(BIN)/scorecard demo --report report.html

test: lint typecheck docs unit

lint: $(DEV)
	$(BIN)/ruff check src tests benchmarks docs/conf.py docs/_ext
	$(BIN)/ruff format --check src tests benchmarks docs/conf.py docs/_ext

typecheck: $(DEV)
	$(BIN)/mypy

# The documentation site, from scratch, into docs/_build/html: warnings are errors (a broken
# cross-reference, a public name without a docstring, a notebook cell that fails), and the
# notebooks run. Offline: nothing is fetched at build time.
docs: $(DEV)
	rm -rf docs/_build docs/api docs/notebooks
	$(TEST_ENV) $(BIN)/sphinx-build -E -W --keep-going -n -q -b html docs docs/_build/html

# The real-browser test drives Debian's chromium (Playwright downloads no browser here).
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
# apt-get waits up to 10 minutes for a dpkg lock another apt holds, instead of failing at once.
APT := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get -o DPkg::Lock::Timeout=600

$(CHROMIUM):
	@command -v apt-get >/dev/null || { echo "the browser test needs chromium: install it or set CHROMIUM=/path" >&2; exit 1; }
	@echo "make: installing Debian's chromium and a font for the browser test (apt-get, no recommends)"
	$(APT) update -qq && $(APT) install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null

# The Spark test runs a local PySpark session on Debian's Java (OpenJDK 17 on bookworm).
JAVA ?= /usr/bin/java
export JAVA

$(JAVA):
	@command -v apt-get >/dev/null || { echo "the Spark test needs Java 17+: install it or set JAVA=/path" >&2; exit 1; }
	@echo "make: installing Debian's Java runtime for the Spark test (apt-get, no recommends)"
	$(APT) update -qq && $(APT) install -y -qq --no-install-recommends default-jre-headless >/dev/null

# Every test: tests/unit (each module, examples and properties), tests/property (package-wide
# properties), tests/contract (layers, public names, light import), tests/crosscheck (slow
# references), tests/docs (README, docs and notebooks run), tests/e2e (the browser), doctests.
unit: $(DEV) $(CHROMIUM) $(JAVA)
	$(TEST_ENV) $(BIN)/python -m pytest tests src/scorecard --doctest-modules $(PYTEST_ARGS)

# The fast loop while working: unit, property and contract tests, no browser, docs or references.
quick: $(DEV)
	$(TEST_ENV) $(BIN)/python -m pytest tests/unit tests/property tests/contract -q $(PYTEST_ARGS)

# Each module's layer and any import that points up (docs/architecture.md).
layers: $(DEV)
	$(BIN)/python tests/layers.py

# The sdist and the wheel, into dist/ (tests/release installs the wheel in fresh venvs).
dist: $(DEV)
	rm -rf dist
	$(BIN)/python -m build --outdir dist .

bench: $(DEV)
	$(BIN)/python benchmarks/bench_evaluate.py
	$(BIN)/python benchmarks/bench_smaa.py
	$(BIN)/python benchmarks/bench_thresholds.py
	$(BIN)/python benchmarks/bench_measures.py
	$(BIN)/python benchmarks/bench_explorer.py
	$(BIN)/python benchmarks/bench_contracts.py
	$(BIN)/python benchmarks/bench_monitoring.py

# Mutation testing of the core modules (about 35 minutes on 2 cores); see [tool.mutmut].
mutation: $(DEV)
	$(BIN)/python -m pip install --quiet "mutmut==3.8.1"
	$(TEST_ENV) $(BIN)/mutmut run; $(BIN)/mutmut results

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache mutants docs/_build docs/api docs/notebooks dist
