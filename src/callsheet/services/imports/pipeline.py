"""Checking rows, in this process or in a second one while this one stores them.

Reading and checking a row (the CSV parser, phone numbers, places) is about half of an import's
work and needs no database. For a large file a forked child does it and hands the checked rows
over a pipe in chunks, so on two cores checking and storing overlap. The pipe holds at most
1 MiB (a few batches ahead), so memory stays constant; the parent still writes the rejects file and stores every row in
file order, so the outcome is the same as checking in-process. If the parent is killed, the
child's next write to the pipe fails and it exits.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Generator, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from callsheet.domain.errors import BadInput
from callsheet.domain.imports import Prepared
from callsheet.services.imports.incoming import Incoming, Rejected, prepare

#: Below this a file is checked in-process: forking costs more than it saves.
MIN_BYTES = 256 * 1024
_CHUNK = 500
_make = Prepared._make
_PIPE_BYTES = 1 << 20


@dataclass
class Refusal:
    """A row rejected whole, with its reason and its cells for the rejects file."""

    row: int
    reason: str
    raw: list[str]


Checked = Prepared | Refusal


def checked(items: Iterable[Incoming], region: str, salt: str = "",
            with_erased: bool = False) -> Generator[Checked, None, None]:
    """Each row checked, in file order (with its match keys, given the desk's salt)."""
    for item in items:
        try:
            yield prepare(item, region, salt, with_erased)
        except Rejected as exc:
            yield Refusal(item.row, str(exc), item.raw)


def can_fork() -> bool:
    """A second process helps only with a second core, and forking is what lets the child inherit
    the open file and the parser as they are."""
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


def checked_in_child(items: Iterable[Incoming], region: str, salt: str = "",
                     with_erased: bool = False) -> Generator[Checked, None, None]:
    """Like `checked`, with the work done by a forked child process."""
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    _widen(sending)
    child = context.Process(target=_produce, args=(items, region, salt, with_erased, receiving, sending), daemon=True,
                            name="callsheet-import-reader")
    child.start()
    sending.close()  # the child holds the only writing end: its exit is our EOF
    try:
        while True:
            try:
                kind, payload = receiving.recv()
            except EOFError:
                raise RuntimeError("the import's reading process stopped unexpectedly") from None
            if kind == "rows":
                # Checked rows come as plain tuples (see _flat); a Refusal comes as itself.
                yield from (_make(row) if type(row) is tuple else row for row in payload)
            elif kind == "bad":
                raise BadInput(*payload)
            elif kind == "error":
                raise RuntimeError(f"reading the file failed: {payload}")
            else:
                return
    finally:
        receiving.close()
        if child.is_alive():  # stopped early (a batch failed): the child's rows are not wanted
            child.terminate()
        child.join()


def _widen(sending: Connection) -> None:
    """Let the child check a few batches ahead while this process stores one. A pipe holds 64 KiB
    by default, less than one chunk of rows: the child would wait for every read, and checking and
    storing would take turns instead of overlapping. 1 MiB (Linux's limit for anyone) stays small."""
    try:
        import fcntl

        fcntl.fcntl(sending.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass  # not Linux, or a lower limit: the default pipe works, only with less overlap


def _produce(items: Iterable[Incoming], region: str, salt: str, with_erased: bool, receiving: Connection,
             sending: Connection) -> None:
    # The fork copied the reading end too: with it closed here, the parent is its only holder, so
    # once the parent is gone (even killed) our next write fails and this process ends, closing
    # the database connections it inherited and never used (the parent's open transaction goes).
    receiving.close()
    # Everything inherited stays as it is: no collector passes over it (nor copies its pages).
    gc.freeze()
    chunk: list[Checked] = []
    try:
        for result in checked(items, region, salt, with_erased):
            chunk.append(result)
            if len(chunk) >= _CHUNK:
                sending.send(("rows", _flat(chunk)))
                chunk = []
        _send(sending, ("rows", _flat(chunk)), ("done", None))
    except (BrokenPipeError, ConnectionResetError):
        pass  # the parent is gone (killed, or stopped early): nothing left to do
    except BadInput as exc:  # the rows before the bad spot are stored, as in-process
        _send(sending, ("rows", chunk), ("bad", (exc.field, exc.message)))
    except Exception as exc:  # noqa: BLE001 - handed to the parent, which raises it
        _send(sending, ("error", repr(exc)))
    finally:
        sending.close()


def _flat(chunk: list[Checked]) -> list[Checked | tuple[Any, ...]]:
    """A chunk as pickle writes it fastest: a checked row as a plain tuple (a named tuple is pickled
    as a call of its class, a row at a time: a plain tuple costs both processes together about a quarter less)."""
    return [tuple(row) if type(row) is Prepared else row for row in chunk]


def _send(sending: Connection, *messages: tuple[str, Any]) -> None:
    try:
        for message in messages:
            sending.send(message)
    except (BrokenPipeError, ConnectionResetError):
        pass
