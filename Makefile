# Two commands: `make demo` runs the product on SQLite with demo data; `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
PG_TEST_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/callsheet_test
# The same tests on a database whose tenant tables are partitioned by desk: Citus's layout rules.
PG_PARTS_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/callsheet_test_parts
DEMO_DB ?= sqlite:///$(CURDIR)/.demo/callsheet-demo.db
# Test processes side by side (pytest-xdist), each with its own PostgreSQL database and SQLite template.
# Two suit a two-core machine; a test file stays in one process, so its module fixtures are built once.
PYTEST_WORKERS ?= 2
PYTEST_PARALLEL = -n $(PYTEST_WORKERS) --dist loadfile

.PHONY: install install-browser demo test unit lint typecheck pytest bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

# Browser tests drive Debian's chromium (Playwright's own browser download needs the internet).
install-browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		(apt-get install -y -q chromium || (apt-get update -q && apt-get install -y -q chromium)) >/dev/null \
		|| echo "Could not install chromium: browser tests will be skipped"; \
	else echo "No /usr/bin/chromium and no apt-get as root: browser tests will be skipped"; fi

# The demo desk is in Milwaukee: its clock runs in Chicago's zone unless CALLSHEET_TIMEZONE says otherwise.
demo: install
	CALLSHEET_TIMEZONE=$${CALLSHEET_TIMEZONE:-America/Chicago} CALLSHEET_DATABASE_URL=$(DEMO_DB) $(BIN)/callsheet demo --fresh

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy

# Both stores every time: PostgreSQL joins in whenever a server answers on 127.0.0.1:5432.
pytest: install install-browser
	@if $(BIN)/python -c "import psycopg; psycopg.connect('host=127.0.0.1 port=5432 user=postgres dbname=postgres', connect_timeout=3).close()" 2>/dev/null; then \
		echo "Testing on SQLite and PostgreSQL"; \
		CALLSHEET_TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest $(PYTEST_PARALLEL) && \
		echo "Integration tests on PostgreSQL again, every tenant table partitioned by desk (docs/scale-out.md)" && \
		CALLSHEET_TEST_PARTITIONED=1 CALLSHEET_TEST_DATABASE_URL=$(PG_PARTS_URL) \
			$(BIN)/pytest $(PYTEST_PARALLEL) tests/integration -k "not sqlite"; \
	else \
		echo "No PostgreSQL on 127.0.0.1:5432: testing on SQLite only"; \
		$(BIN)/pytest $(PYTEST_PARALLEL); \
	fi

test: lint typecheck pytest

# The quick loop: unit tests and the doctests of the domain and lookups, no database, under a minute.
unit: install
	$(BIN)/pytest tests/unit src/callsheet/domain src/callsheet/lookup

# Every benchmark on SQLite and PostgreSQL at each size: one table, and a JSON file under bench/results/.
# Desks are built once and kept (.bench-cache/, PostgreSQL databases bench_<size>). Not part of `make test`,
# which runs the same harness at a smoke size (tests/integration/test_it_keeps_every_benchmark_runnable.py).
# `make bench SIZE=1000` is that smoke (few runs, 1-second API loads: QUICK=1); `make bench STORES=sqlite`.
SIZE ?= 100000 1000000
QUICK ?= $(if $(filter-out 1000,$(SIZE)),,1)
STORES ?= sqlite,postgresql
BENCH_PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/bench
bench: install
	$(BIN)/python -m bench harness --sizes $(SIZE) --stores $(STORES) --postgres $(BENCH_PG_URL) \
		--cache .bench-cache $(if $(QUICK),--quick)

clean:
	rm -rf $(VENV) .demo .pytest_cache .mypy_cache .ruff_cache
