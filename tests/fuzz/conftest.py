"""The fuzz tests: generated input through the API, the web desk's forms and the command line, on both
stores, within a fixed budget (tests/fuzz/budget.py).

They use the web desk's seeded desk (tests/e2e/web/conftest.py) and the CLI's in-process runner.
"""

from __future__ import annotations

from tests.e2e.web.conftest import client, desk  # noqa: F401 - the same seeded desk the web tests use
