"""What every command shares: the desk (settings, store, clock), error mapping, output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import typer
from rich.console import Console
from rich.table import Column
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from callsheet.clock import Clock, FixedClock, clock_from_settings, parse_time
from callsheet.domain.errors import BadInput, CallsheetError, Forbidden, NotFound, Refused
from callsheet.services.accounts.acting import login_name
from callsheet.settings import Settings
from callsheet.store.engine import make_engine
from callsheet.store.uow import UnitOfWork

console = Console(highlight=False)
# Messages on stderr are never folded: a path or a number cut in two cannot be copied or grepped.
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def dial_column(header: str, numbers: Iterable[str]) -> Column:
    """A table column of numbers to dial (one a line): never shortened or folded, however narrow the
    terminal, since a number cut to `+14145550…` cannot be dialled."""
    return Column(header, no_wrap=True, min_width=max((len(n) for n in numbers), default=len(header)))


@dataclass
class Desk:
    settings: Settings
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.settings.database_url)
            _ensure_schema(self._engine)
        return self._engine

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.engine)

    @property
    def clock(self) -> Clock:
        return clock_from_settings(self.settings.now, self.settings.timezone)

    def clock_at(self, at: str | None) -> Clock:
        """The desk's clock, or a clock pinned to --at."""
        if at is None:
            return self.clock
        return FixedClock(parse_time(at, self.settings.timezone, "at"))

    def time(self, text: str, field_name: str) -> datetime:
        return parse_time(text, self.settings.timezone, field_name)

    @property
    def user(self) -> str:
        return login_name(self.settings.user)


def _ensure_schema(engine: Engine) -> None:
    # A fresh database is created on first use so `callsheet person add` just works; an existing
    # one is upgraded exactly as `callsheet init` would.
    from callsheet.store import schema

    if not schema.is_current(engine):
        schema.upgrade(engine)


def get_desk(ctx: typer.Context) -> Desk:
    root = ctx.find_root()
    if not isinstance(root.obj, Desk):
        root.obj = Desk(Settings())
    return root.obj


@contextmanager
def handled() -> Iterator[None]:
    """Map domain errors to exit codes: 2 for bad input, 1 for anything else; never a traceback."""
    try:
        yield
    except (BadInput, NotFound) as exc:
        err_console.print(f"Error: {exc}", markup=False)
        raise typer.Exit(2) from None
    except Refused as exc:
        err_console.print(f"Refused: {exc}", markup=False)
        raise typer.Exit(1) from None
    except Forbidden as exc:
        err_console.print(f"Not allowed: {exc}", markup=False)
        raise typer.Exit(1) from None
    except CallsheetError as exc:
        err_console.print(f"Error: {exc}", markup=False)
        raise typer.Exit(1) from None
    except OperationalError as exc:
        err_console.print(f"Database unavailable: {exc.orig}", markup=False)
        raise typer.Exit(1) from None
    except SQLAlchemyError as exc:
        err_console.print(f"Database error: {exc.__class__.__name__}: {exc}", markup=False)
        raise typer.Exit(1) from None


def warn(lines: Iterable[str]) -> None:
    """Warnings a command's result carries (a marked number...), on stderr: stdout stays the data."""
    for line in lines:
        err_console.print(f"Warning: {line}", markup=False)


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, default=str, ensure_ascii=False) + "\n")


def split_option(values: list[str] | None) -> list[str]:
    return [v for v in (values or []) if v.strip()]
