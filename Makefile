# Parcours — the two commands: `make run` and `make test`. Only Python 3.11 is needed.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.lock 2>/dev/null | cut -c1-12)
PORT ?= 8000

.PHONY: run test test-fast bench loadtest quality lock install serve demo-totp clean

$(STAMP): requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installation des dépendances (requirements.lock)…"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

run: install
	@mkdir -p var
	@DJANGO_DEBUG=true $(BIN)/python manage.py migrate --noinput
	@DJANGO_DEBUG=true $(BIN)/python manage.py createcachetable
	@DJANGO_DEBUG=true $(BIN)/python manage.py load_reference_data
	@DJANGO_DEBUG=true $(BIN)/python manage.py load_demo
	@$(MAKE) --no-print-directory serve

# The web server and the task worker together; Ctrl-C stops both.
serve: install
	@DJANGO_DEBUG=true $(BIN)/python manage.py ensure_periodic_tasks >/dev/null
	@DJANGO_DEBUG=true $(BIN)/python manage.py db_worker --no-reload >var/worker.log 2>&1 & \
	  worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  echo "Parcours : http://localhost:$(PORT)/ (tâches de fond : var/worker.log)"; \
	  DJANGO_DEBUG=true $(BIN)/python manage.py runserver 0.0.0.0:$(PORT)

test: install
	@$(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

# Everything but the real-browser journeys.
test-fast: install
	@$(BIN)/python -m pytest -n 2 -m "not browser" $(PYTEST_ARGS)

bench: install
	@$(BIN)/python -m bench
	@$(BIN)/python -m bench --postgres persons offers worklist scale matching indicators search

# The application served as in production (gunicorn, PostgreSQL 15) under Locust, in
# steps of simulated users. LOADTEST_STEP_SECONDS=10 for a quick check, LOADTEST_PERSONS
# for the volume (100000 by default; the built database is kept under var/loadtest/).
loadtest: install
	@$(BIN)/python -m bench.loadtest

quality: install
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .
	@DJANGO_DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run
	@DJANGO_DEBUG=true $(BIN)/python manage.py check

# Regenerate requirements.lock from pyproject.toml (needs uv, installed on demand).
lock: install
	@$(BIN)/python -m pip install --quiet uv
	@$(BIN)/uv pip compile pyproject.toml --group dev --generate-hashes --python-version 3.11 \
	  --quiet -o requirements.lock

clean:
	rm -rf $(VENV) var

# The current TOTP code of the demo admins (their MFA is on with a fixed demo key).
demo-totp: install
	@DJANGO_DEBUG=true $(BIN)/python manage.py demo_totp
