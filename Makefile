# Werkplaats: `make run` to try it, `make test` to check it. See README.md.
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# Local development runs with debug on; tests run with debug on at import (pytest turns DEBUG off at run time).
DEV_ENV := DJANGO_DEBUG=1
# `make run PORT=8010` when 8000 is taken.
PORT ?= 8000

.PHONY: run test lint format test-fast bench bench-pdf clean help

help:
	@echo "make run    install, migrate, load the demo data and serve on http://127.0.0.1:8000 (PORT=8010 for another)"
	@echo "make test   lint, check migrations and run the whole test suite"

$(PY):
	.ci/ensure-venv $(VENV)

# Reinstall only when the requirements change.
$(VENV)/.installed: requirements.txt | $(PY)
	PYTHON=$(PY) .ci/system-deps run
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

run: $(VENV)/.installed
	.ci/system-deps run
	PYTHON=$(PY) .ci/vertalingen compileren
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(DEV_ENV) $(PY) manage.py load_demo --if-empty
	@echo "Werkplaats draait op http://127.0.0.1:$(PORT) (stoppen: Ctrl+C)"
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(DEV_ENV) $(BIN)/mypy

# axe-core and the Nu HTML Checker (vnu-jar, run by the system's Java) for the accessibility browser test, from the
# npm registry (tests/e2e/package-lock.json). --ignore-scripts: vnu-jar's install script would download a Java of its own.
tests/e2e/node_modules/.installed: tests/e2e/package-lock.json
	npm ci --prefix tests/e2e --no-audit --no-fund --silent --ignore-scripts
	@touch $@

# LINT=0 leaves the lint out: .ci/run lints once, in its first pass (the database does not change what it checks).
LINT ?= 1

test: $(VENV)/.installed-dev tests/e2e/node_modules/.installed
	.ci/system-deps test
	PYTHON=$(PY) .ci/vertalingen compileren
ifneq ($(LINT),0)
	$(MAKE) --no-print-directory lint
endif
	$(DEV_ENV) $(BIN)/pytest $(PYTEST_ARGS)

# The suite without the browser tests, for a quick loop.
test-fast: $(VENV)/.installed-dev
	PYTHON=$(PY) .ci/vertalingen compileren
	$(DEV_ENV) $(BIN)/pytest -m "not e2e" $(PYTEST_ARGS)

# Page times and query counts on the demo versus a national data set (see bench/pages.py).
bench: $(VENV)/.installed-dev
	$(DEV_ENV) $(PY) bench/pages.py $(BENCH_ARGS)

# The end report's PDF: our cost over WeasyPrint's own layout work (see bench/pdf.py).
bench-pdf: $(VENV)/.installed-dev
	$(DEV_ENV) $(PY) bench/pdf.py $(BENCH_ARGS)

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache tests/e2e/node_modules
