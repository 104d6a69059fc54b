"""What every command shares: the desk (see callsheet/bootstrap.py), error mapping, output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Column

from callsheet.bootstrap import Desk, store_errors
from callsheet.domain.bounds import ID_MAX, ID_MIN
from callsheet.domain.errors import (
    BadInput,
    CallsheetError,
    DialRefused,
    Forbidden,
    NotFound,
    Refused,
    StoreFailed,
    StoreUnavailable,
)
from callsheet.settings import Settings

__all__ = ["Desk", "IdArgument", "IdOption", "console", "dial_column", "emit_json", "err_console", "get_desk", "handled", "split_option", "writing"]

console = Console(highlight=False)
# Messages on stderr are never folded: a path or a number cut in two cannot be copied or grepped.
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def dial_column(header: str, numbers: Iterable[str]) -> Column:
    """A table column of numbers to dial (one a line): never shortened or folded, however narrow the
    terminal, since a number cut to `+14145550…` cannot be dialled."""
    return Column(header, no_wrap=True, min_width=max((len(n) for n in numbers), default=len(header)))


def IdArgument(help: str | None = None) -> Any:  # noqa: N802 - reads as the argument it declares
    """A record's id as an argument: outside the stores' key range, exit 2 naming the argument."""
    return typer.Argument(..., min=ID_MIN, max=ID_MAX, help=help)


def IdOption(name: str, help: str | None = None) -> Any:  # noqa: N802
    """A record's id as an option (--job ID): the same range as IdArgument."""
    return typer.Option(None, name, min=ID_MIN, max=ID_MAX, help=help)


def get_desk(ctx: typer.Context, choose: bool = True) -> Desk:
    """The command's desk; chosen now (CALLSHEET_DESK, the acting user's, the only one) unless the
    command works outside any desk (`choose=False`): a desk that cannot be chosen exits 2 naming it."""
    root = ctx.find_root()
    if not isinstance(root.obj, Desk):
        with handled():
            root.obj = Desk(Settings())
    desk: Desk = root.obj
    if choose:
        with handled():
            desk.record  # noqa: B018 - chosen once, here, where a failure is worded
    return desk


@contextmanager
def handled() -> Iterator[None]:
    """Map domain errors to exit codes: 2 for bad input, 1 for anything else; never a traceback."""
    try:
        with store_errors():
            yield
    except (BadInput, NotFound) as exc:
        err_console.print(f"Error: {exc}", markup=False)
        raise typer.Exit(2) from None
    except DialRefused as exc:  # a dial the policy refuses is the caller's to change: like bad input
        err_console.print(f"Refused: {exc}", markup=False)
        raise typer.Exit(2) from None
    except Refused as exc:
        err_console.print(f"Refused: {exc}", markup=False)
        raise typer.Exit(1) from None
    except Forbidden as exc:
        err_console.print(f"Not allowed: {exc}", markup=False)
        raise typer.Exit(1) from None
    except StoreUnavailable as exc:
        err_console.print(f"Database unavailable: {exc}", markup=False)
        raise typer.Exit(1) from None
    except StoreFailed as exc:
        err_console.print(f"Database error: {exc}", markup=False)
        raise typer.Exit(1) from None
    except CallsheetError as exc:
        err_console.print(f"Error: {exc}", markup=False)
        raise typer.Exit(1) from None


@contextmanager
def writing(out: Path, field: str = "out") -> Iterator[None]:
    """The one way a command writes a file the user named: a path that cannot be written is bad input
    naming the option (exit 2), never a traceback; so is a path that names no file (".", "..", "/")."""
    if out.name in ("", ".", ".."):
        raise BadInput(field, f"{out} names a folder, not a file to write")
    try:
        yield
    except OSError as exc:
        raise BadInput(field, f"cannot write {out}: {exc.strerror or exc}") from None


def warn(lines: Iterable[str]) -> None:
    """Warnings a command's result carries (a marked number...), on stderr: stdout stays the data."""
    for line in lines:
        err_console.print(f"Warning: {line}", markup=False)


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, default=str, ensure_ascii=False) + "\n")


def split_option(values: list[str] | None) -> list[str]:
    return [v for v in (values or []) if v.strip()]
