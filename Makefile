# Everyday commands. CI runs .ci/run (the README's install and test commands).

PYTHON ?= python
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: lint test test-pg

## lint: ruff over the whole tree, mypy over the packages
lint:
	$(PYTHON) -m ruff check .
	$(PYTHON) -m mypy bot storage cogs

## test: the suite; PostgreSQL tests skip unless CROSSCHECK_TEST_PG_URL names a server
test:
	$(PYTHON) -m pytest -q -p no:cacheprovider

## test-pg: the suite against PostgreSQL at $(PG_URL), which must answer (its tests fail, not skip)
test-pg:
	CROSSCHECK_TEST_PG_URL=$(PG_URL) CROSSCHECK_REQUIRE_PG=1 $(PYTHON) -m pytest -q -p no:cacheprovider
