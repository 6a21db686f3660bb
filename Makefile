# Warta Industri: `make run` serves the seeded site, `make test` runs the suite.
# Both set up everything they need (virtualenv, packages) on a machine with Python 3.11.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= newsroom.settings.dev

.PHONY: install run worker migrate seed admin test lint format check clean backup restore serve deploy-check bench bench-import bench-admin

$(VENV)/.installed: pyproject.toml
	@echo "Installing the packages into $(VENV) (about a minute the first time)..."
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py load_initial_data

admin: migrate
	$(PY) manage.py ensure_admin --url http://$(HOST):$(PORT)/admin/

# The site and one job worker beside it (django-q2 on the database's own queue
# table: no other server); the worker stops with the site.
run: seed admin
	@WARTA_JOB_WORKERS=$${WARTA_JOB_WORKERS:-1} $(PY) manage.py qcluster & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production's job workers (beside `make serve`): a cluster of WARTA_JOB_WORKERS
# processes on Redis when REDIS_URL is set, else on the database; run it on as
# many machines as needed.
worker: install
	DJANGO_SETTINGS_MODULE=newsroom.settings.production $(PY) manage.py qcluster

# The suite's own settings (pyproject.toml), not the development ones exported above;
# one pytest worker per core (PYTEST_WORKERS=0 runs in this process).
PYTEST_WORKERS ?= auto
test: install
	DJANGO_SETTINGS_MODULE=newsroom.settings.test $(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

check: install
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

backup: migrate
	$(PY) manage.py backup $(FILE)

restore: migrate
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/warta-....tar.gz"; exit 2; }
	$(PY) manage.py restore $(FILE)

# Production serving: gunicorn behind your TLS proxy; static files by WhiteNoise.
# Needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS (see .env.example).
serve: install
	DJANGO_SETTINGS_MODULE=newsroom.settings.production $(PY) manage.py check --deploy --fail-level WARNING
	DJANGO_SETTINGS_MODULE=newsroom.settings.production $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=newsroom.settings.production $(PY) manage.py collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=newsroom.settings.production $(VENV)/bin/gunicorn newsroom.wsgi \
		--bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-3} --access-logfile - \
		--timeout $${GUNICORN_TIMEOUT:-120}

# Throughput and latency of every kind of page at 10k and 100k articles, then
# the import of 1,000 articles into a newsroom of 100,000 known entities.
bench: install
	$(PY) scripts/bench.py $(BENCH_ARGS)
	$(PY) scripts/bench_import.py $(BENCH_IMPORT_ARGS)

# Only the import: articles/s and peak memory (BENCH_IMPORT_ARGS="--articles 200").
bench-import: install
	$(PY) scripts/bench_import.py $(BENCH_IMPORT_ARGS)

# The article admin (list, searches, filters, form, saves) one request at a time,
# on the corpus DATABASE_URL holds (BENCH_ADMIN_ARGS="--requests 40").
bench-admin: install
	$(PY) scripts/bench_admin.py $(BENCH_ADMIN_ARGS)

deploy-check: install
	DJANGO_SETTINGS_MODULE=newsroom.settings.production $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles *.egg-info
