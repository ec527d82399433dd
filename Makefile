# The portal's commands. `make help` lists them; `make run` and `make test` are all a newcomer needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# A Python of 3.12 or newer: the first such interpreter on PATH, or the one in PYTHON=.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3 \
	/root/.pyenv/versions/3.12.1/bin/python3.12; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v $$p; break; }; done)

.PHONY: help
help: ## List the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(PY):
	@if [ -z "$(PYTHON)" ]; then echo "Python 3.12 or newer is needed: install it, or run make PYTHON=/path/to/python3.12" >&2; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when the lock file changes, so a second `make run` is fast.
$(VENV)/.installed: requirements/dev.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.txt
	@touch $@

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# The build removes the styles no markup names (assets/purge-css.mjs), so it runs again when
# the markup changes: the templates and the site's Python, as well as the assets.
MARKUP := $(shell find assets templates -type f; find . \( -path './.*' -o -path ./node_modules \
	-o -path ./static_build -o -path ./staticfiles -o -path ./media -o -path ./tests \
	-o -path ./scripts -o -name migrations \) -prune -o -name '*.py' -print)

static_build/.built: node_modules/.package-lock.json $(MARKUP)
	npm run --silent build
	@touch $@

.PHONY: install
install: $(VENV)/.installed static_build/.built ## Install Python and npm dependencies and build the front end

.PHONY: run
run: install ## Install, migrate, load demo content and serve on http://127.0.0.1:8000
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo_content
	$(MANAGE) runserver $(HOST):$(PORT)

# Tests run in parallel, one process a core (at most 4): each builds its own test database.
PYTEST_WORKERS ?= -n auto --maxprocesses 4

.PHONY: test
test: install ## Run every test on SQLite (measuring coverage), then on a throwaway PostgreSQL those the engine decides
	@start=$$(date +%s); \
	$(BIN)/pytest $(PYTEST_WORKERS) --cov --cov-report=term; status=$$?; \
	echo "SQLite pass (with coverage): $$(($$(date +%s) - start)) s"; exit $$status
	@# The second database's pass runs the tests marked `postgresql`: those whose outcome
	@# depends on the engine (see the marker in pyproject.toml). pytest's summary, the last
	@# line, gives this pass's time.
	@echo "PostgreSQL pass:"
	$(PY) scripts/with_postgres.py $(BIN)/pytest $(PYTEST_WORKERS) -m postgresql

.PHONY: coverage
coverage: install ## Run every test on SQLite measuring lines and branches, with a report of what no test runs
	COVERAGE_CORE=ctrace $(BIN)/pytest $(PYTEST_WORKERS) --cov --cov-branch --cov-report=term-missing \
		--cov-fail-under=0

.PHONY: test-elasticsearch
test-elasticsearch: $(VENV)/.installed ## Run the Elasticsearch engine's tests on a throwaway server (needs Docker or Podman)
	scripts/test_elasticsearch.sh

.PHONY: bench
bench: install ## Load benchmark under gunicorn on a throwaway PostgreSQL (BENCH_ARGS=--quick)
	$(PY) scripts/bench_server.py $(BENCH_ARGS)

.PHONY: lint
lint: install ## ruff, formatting and migration checks
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run

.PHONY: format
format: install ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

.PHONY: superuser
superuser: install ## Create an admin account (it must set up MFA before using the admin)
	$(MANAGE) createsuperuser

.PHONY: messages
messages: install ## Update interface translations (needs GNU gettext) and compile them
	$(MANAGE) makemessages -l es -l pt --ignore=.venv --ignore=node_modules \
		--ignore=static_build --ignore=staticfiles --ignore=tests
	$(MANAGE) compilemessages --ignore=.venv

.PHONY: lock
lock: $(PY) ## Re-pin Python dependencies after editing requirements/*.in
	$(PY) -m pip install --quiet pip-tools
	cd requirements && for f in base dev; do \
		../$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links -o $$f.txt $$f.in; done

.PHONY: clean
clean: ## Remove installed and built files (keeps the database and uploads)
	rm -rf $(VENV) node_modules static_build staticfiles
