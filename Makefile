# Xứ Thanh — `make run` serves the demo site; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The whole suite on two pytest-xdist workers; tests sharing a server stay together (tests/conftest.py).
PYTEST_ARGS ?= -n 2 --dist loadgroup
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test bench lint audit messages compilemessages clean

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

compilemessages: $(VENV)/.installed
	$(BIN)/python manage.py compilemessages -v 0 --ignore=.venv --ignore=node_modules

run: compilemessages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Starts a throwaway PostgreSQL cluster (unless DATABASE_URL is set), installs Chromium, nginx and
# redis-server when missing, and runs pytest; the test session starts localstripe and Elasticsearch.
test: $(VENV)/.dev-installed compilemessages tests/e2e/node_modules/.installed tests/traceability/gs1/node_modules/.installed
	bash tests/servers/ensure-chromium.sh
	bash tests/servers/ensure-redis.sh
	bash tests/servers/ensure-nginx.sh
	bash tests/run.sh $(PYTEST_ARGS)

tests/e2e/node_modules/.installed: tests/e2e/package.json
	npm install --silent --no-audit --no-fund --prefix tests/e2e
	touch $@

# epcis2.js, GS1 France's event hash generator: the second oracle for our eventIDs.
tests/traceability/gs1/node_modules/.installed: tests/traceability/gs1/package.json
	npm install --silent --no-audit --no-fund --prefix tests/traceability/gs1
	touch $@

APPS := portal catalogue orders trade traceability tourism search dashboards seller

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -q -r $(APPS) -x '*/migrations/*'
	$(MAKE) --no-print-directory audit

# Known vulnerabilities in the installed (pinned) packages. pip-audit needs advisory data
# from PyPI's JSON API or OSV; where the package index serves none (this project's build
# machines), every package is skipped: the summary line says so rather than passing quietly.
audit: $(VENV)/.dev-installed
	@$(BIN)/pip-audit --local --progress-spinner off > $(VENV)/audit.txt 2>&1 || { cat $(VENV)/audit.txt; exit 1; }
	@head -1 $(VENV)/audit.txt
	@skipped=$$(grep -c "could not be audited" $(VENV)/audit.txt || true); \
	  if [ "$$skipped" != 0 ]; then echo "pip-audit: $$skipped packages not audited, no advisory data reachable (details: $(VENV)/audit.txt)"; fi

# Refresh the catalogues from the code; new English entries are filled in, Vietnamese
# ones are translated by hand (see README). Serialised so that parallel work never clobbers them.
messages: $(VENV)/.dev-installed
	flock /tmp/xuthanh-messages.lock $(BIN)/python manage.py makemessages -l vi -l en --ignore='.venv/*' --ignore='tests/*' --ignore='bench/*' --no-obsolete
	flock /tmp/xuthanh-messages.lock $(BIN)/python manage.py makemessages -d djangojs -l vi -l en --ignore='.venv/*' --ignore='tests/*' --ignore='bench/*' --ignore='staticfiles/*' --no-obsolete
	flock /tmp/xuthanh-messages.lock $(BIN)/python locale/fill_english.py

bench: $(VENV)/.dev-installed compilemessages
	bash bench/run.sh

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
