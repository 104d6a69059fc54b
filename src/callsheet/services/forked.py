"""Work made in a forked child while this process stores it: on two cores, making and storing overlap.

The child hands what it makes over a pipe in chunks. The pipe holds at most 1 MiB (a few chunks
ahead), so memory stays constant; this process takes every item in the order it was made, so the
outcome is the same as making it in-process. If this process is killed, the child's next write to
the pipe fails and it exits. Used by the importer (checking rows, services/imports/pipeline.py) and
the demo (generating people, services/demo/desk.py).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Generator, Iterable
from multiprocessing.connection import Connection
from typing import Any

from callsheet.domain.errors import BadInput

_PIPE_BYTES = 1 << 20


def can_fork() -> bool:
    """A second process helps only with a second core, and forking is what lets the child inherit
    what it works from (an open file and its parser, a seeded generator) as it is."""
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


def made_in_child(make: Callable[[], Iterable[Any]], chunk: int, name: str,
                  pack: Callable[[list[Any]], list[Any]] | None = None,
                  unpack: Callable[[Any], Any] | None = None) -> Generator[Any, None, None]:
    """The items of `make()`, made by a forked child process. `pack` turns a chunk into what pickles
    fastest in the child, `unpack` turns each item back here. A BadInput in the child is raised here
    after the items made before it; any other failure as a RuntimeError."""
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    _widen(sending)
    child = context.Process(target=_produce, args=(make, chunk, pack, receiving, sending), daemon=True,
                            name=f"callsheet {name}")
    child.start()
    sending.close()  # the child holds the only writing end: its exit is our EOF
    try:
        while True:
            try:
                kind, payload = receiving.recv()
            except EOFError:
                raise RuntimeError(f"the {name} process stopped unexpectedly") from None
            if kind == "items":
                if unpack is None:
                    yield from payload
                else:
                    yield from (unpack(item) for item in payload)
            elif kind == "bad":
                raise BadInput(*payload)
            elif kind == "error":
                raise RuntimeError(f"the {name} process failed: {payload}")
            else:
                return
    finally:
        receiving.close()
        if child.is_alive():  # stopped early (a batch failed): the child's items are not wanted
            child.terminate()
        child.join()


def _widen(sending: Connection) -> None:
    """Let the child work a few chunks ahead while this process stores one. A pipe holds 64 KiB by
    default, less than one chunk: the child would wait for every read, and making and storing would
    take turns instead of overlapping. 1 MiB (Linux's limit for anyone) stays small."""
    try:
        import fcntl

        fcntl.fcntl(sending.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass  # not Linux, or a lower limit: the default pipe works, only with less overlap


def _produce(make: Callable[[], Iterable[Any]], size: int, pack: Callable[[list[Any]], list[Any]] | None,
             receiving: Connection, sending: Connection) -> None:
    # The fork copied the reading end too: with it closed here, the parent is its only holder, so
    # once the parent is gone (even killed) our next write fails and this process ends, closing
    # the database connections it inherited and never used (the parent's open transaction goes).
    receiving.close()
    # Everything inherited stays as it is: no collector passes over it (nor copies its pages).
    gc.freeze()
    packed = pack or (lambda items: items)
    chunk: list[Any] = []
    try:
        for item in make():
            chunk.append(item)
            if len(chunk) >= size:
                sending.send(("items", packed(chunk)))
                chunk = []
        _send(sending, ("items", packed(chunk)), ("done", None))
    except (BrokenPipeError, ConnectionResetError):
        pass  # the parent is gone (killed, or stopped early): nothing left to do
    except BadInput as exc:  # the items before the bad spot are stored, as in-process
        _send(sending, ("items", packed(chunk)), ("bad", (exc.field, exc.message)))
    except Exception as exc:  # noqa: BLE001 - handed to the parent, which raises it
        _send(sending, ("error", repr(exc)))
    finally:
        sending.close()


def _send(sending: Connection, *messages: tuple[str, Any]) -> None:
    try:
        for message in messages:
            sending.send(message)
    except (BrokenPipeError, ConnectionResetError):
        pass
