# Diplo: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format install install-dev bench bench-install clean

# Install everything, migrate SQLite, load the gazetteer, import the seed articles, serve.
run: install
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py load_knowledge
	DEBUG=1 $(BIN)/python manage.py import_articles fixtures/articles
	@echo "Serving the archive at http://$(HOST):$(PORT)/ (another port: make run PORT=8001)."
	@echo "For the admin, in another terminal: DEBUG=1 $(BIN)/python manage.py createsuperuser, then http://$(HOST):$(PORT)/admin/"
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Install everything and run the whole suite (DATABASE_URL=postgres://... for PostgreSQL).
test: install-dev
	$(BIN)/python -m pytest -n 2 -p no:cacheprovider

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

install-dev: $(VENV)/.installed-dev
$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(VENV)/.installed $@

# The benchmark's tools: Datasette and sqlite-utils from PyPI, wrk from Debian's packages.
bench-install: install-dev
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	command -v wrk >/dev/null || (apt-get update && apt-get install -y wrk)

# The pages at the issue's scale against Datasette, a load test, import and extraction speed.
bench: bench-install
	$(BIN)/python bench/run.py --calls $(or $(CALLS),200000) --db both --reuse

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles test-artifacts
