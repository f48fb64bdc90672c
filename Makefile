# Corridor: `make run` serves the site with demo data; `make test` runs every test.
PYTHON_VERSION ?= 3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test prod-test bench setup setup-dev system-deps system-test-deps messages serve-jobs clean

$(VENV)/.installed: requirements.txt
	python$(PYTHON_VERSION) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

# WeasyPrint (the PDF reports) draws text with Pango; DejaVu covers Latin and Arabic script.
system-deps:
	@scripts/ensure-system-packages libpangoft2-1.0-0 fonts-dejavu-core

setup: system-deps $(VENV)/.installed messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0

setup-dev: system-deps $(VENV)/.installed-dev messages

# Message catalogues are compiled from the .po files kept in the repository.
messages: $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore=.venv --verbosity 0

run: setup
	$(PY) manage.py load_demo
	@echo "Corridor on http://$(HOST):$(PORT)/ (background jobs run in the same terminal)"
	$(PY) manage.py run_huey --quiet & trap 'kill $$!' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# Chromium for the browser tests, PostgreSQL for the second database run, Redis for the tests of the
# production profile, from Debian's packages.
system-test-deps:
	@scripts/ensure-system-packages chromium postgresql redis-server

test: setup-dev system-test-deps
	$(PY) -m pytest -q
	scripts/with-postgres $(PY) -m pytest -q -m "not browser and not servers"

# The production profile (docs/deploy.md): the whole suite, browser tests included, against throw-away
# PostgreSQL and Redis servers on loopback; the job queue and the cache use Redis.
prod-test: setup-dev system-test-deps
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { echo "make prod-test needs PostgreSQL" >&2; exit 1; }
	scripts/with-postgres scripts/with-redis $(PY) -m pytest -q

bench: setup-dev
	@scripts/ensure-system-packages wrk
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var
