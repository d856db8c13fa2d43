# Lotse – developer commands. `make run` and `make test` work on a fresh machine
# with Python 3.11+: they create .venv and install the pinned dependencies.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Test processes (pytest-xdist). `--dist load` keeps pytest-django's order in each
# process: tests that flush the database run after those that roll back.
TEST_WORKERS ?= 2
STAMP := $(VENV)/.installed

.PHONY: install run test e2e check lint bench bench-peak migrate clean

$(STAMP): pyproject.toml constraints.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

# Links in e-mails and on certificates name the port actually served (unless
# LOTSE_BASE_URL is set in the environment).
run: migrate
	$(BIN)/python manage.py seed_demo_if_empty
	LOTSE_BASE_URL="$${LOTSE_BASE_URL:-http://127.0.0.1:$(PORT)}" \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/pytest -n $(TEST_WORKERS) --dist load $(PYTEST_ARGS)

e2e: install
	$(BIN)/pytest tests/e2e $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: lint
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports
	$(BIN)/mypy

# Every benchmark script but the peak (locust, minutes long): see bench/README.md.
bench: install
	@for script in bench/*.py; do \
		case $$script in bench/locustfile.py|bench/peak.py) continue;; esac; \
		echo "== $$script"; $(BIN)/python $$script || exit 1; done

# The 8:00 peak with locust against the production set-up; not run in CI.
bench-peak: install
	$(BIN)/python bench/peak.py

clean:
	rm -rf $(VENV) staticfiles tests/e2e/artifacts
