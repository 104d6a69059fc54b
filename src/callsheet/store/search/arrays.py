"""Everyone's fit features as numpy arrays, so a match scores a whole desk in one vectorised pass.

Kept beside the tantivy index and in step the same way: `arrays.npz` is written when the index is
rebuilt, and every catch-up appends the changed people (desk, person id) to `changes.i32`. A process
loads the snapshot once, then replays the journal past the point it has read (re-reading those people
from the store, each with their desk), so a web server sees what the command line wrote and a cold
`callsheet match` starts fast. The arrays hold every desk; a match reads its own desk's (`for_desk`).
"""

from __future__ import annotations

import copy
import json
import math
import uuid
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from sqlalchemy import Connection

from callsheet.domain.fit import canonical_skill
from callsheet.store.search import place
from callsheet.store.search.documents import Doc, docs_for

SNAPSHOT = "arrays.npz"
JOURNAL = "changes.i32"
#: Bytes of one journal entry: the desk and the person id, as int32.
ENTRY_BYTES = 8
#: The journal is folded into a new snapshot past this many entries, or a quarter of the desk if more.
FOLD_AT = 256


class Arrays:
    """One row per person id (sorted; ids are unique across desks); a deleted person's row stays with
    `alive` False."""

    def __init__(self, ids: np.ndarray, docs_columns: dict[str, np.ndarray], skills: np.ndarray,
                 vocab: dict[str, int], build: str) -> None:
        self.ids = ids
        self.desk = docs_columns["desk"]
        self.alive = docs_columns["alive"]
        self.ok = docs_columns["ok"]  # not suppressed
        self.seniority = docs_columns["seniority"]  # -1: unknown
        self.lat = docs_columns["lat"]  # radians; NaN: unknown
        self.lon = docs_columns["lon"]
        self.active = docs_columns["active"]
        self.skills = skills  # (words, people) uint64 bitsets over `vocab`: one word of everyone is contiguous
        self.vocab = vocab
        self.build = build
        self.offset = 0  # bytes of the journal applied

    # -- building ------------------------------------------------------------------------------
    @classmethod
    def from_docs(cls, pages: Iterable[list[Doc]], build: str) -> Arrays:
        ids: list[int] = []
        cols: dict[str, list[object]] = {k: [] for k in ("desk", *_FEATURES)}
        vocab: dict[str, int] = {}
        bits: list[list[int]] = []
        for page in pages:
            for d in page:
                ids.append(d.id)
                _row(cols, d)
                bits.append([vocab.setdefault(s, len(vocab)) for s in _skill_set(d.skills)])
        skills = np.zeros((max(1, (len(vocab) + 63) // 64), len(ids)), dtype=np.uint64)
        for i, cells in enumerate(bits):
            for b in cells:
                skills[b // 64, i] |= np.uint64(1 << (b % 64))
        columns = _columns(cols, len(ids))
        order = np.argsort(np.array(ids, dtype=np.int64), kind="stable")  # desk by desk: ids interleave
        return cls(np.array(ids, dtype=np.int64)[order], {k: v[order] for k, v in columns.items()},
                   skills[:, order], vocab, build)

    def for_desk(self, desk: int) -> Arrays:
        """The same arrays with only `desk`'s people alive: a match never proposes another desk's."""
        view = copy.copy(self)
        view.alive = self.alive & (self.desk == desk)
        return view

    def save(self, directory: Path) -> None:
        tmp = directory / (SNAPSHOT + ".tmp.npz")
        np.savez(tmp, ids=self.ids, desk=self.desk, alive=self.alive, ok=self.ok, seniority=self.seniority,
                 lat=self.lat, lon=self.lon, active=self.active, skills=self.skills,
                 vocab=np.array(json.dumps(list(self.vocab))), build=np.array(self.build))
        tmp.replace(directory / SNAPSHOT)
        (directory / JOURNAL).write_bytes(b"")

    @classmethod
    def load(cls, directory: Path) -> Arrays | None:
        try:
            with np.load(directory / SNAPSHOT) as z:
                cols = {k: z[k] for k in ("desk", "alive", *_FEATURES)}
                vocab = {s: i for i, s in enumerate(json.loads(str(z["vocab"])))}
                return cls(z["ids"], cols, z["skills"], vocab, str(z["build"]))
        except (OSError, ValueError, KeyError):
            return None

    # -- keeping current -----------------------------------------------------------------------
    def catch_up(self, connection: Connection, directory: Path) -> None:
        """Apply the journal written since this copy last looked."""
        try:
            with (directory / JOURNAL).open("rb") as fh:
                fh.seek(self.offset)
                data = fh.read()
        except OSError:
            return
        data = data[: len(data) - len(data) % ENTRY_BYTES]
        if not data:
            return
        pairs = np.frombuffer(data, dtype=np.int32).reshape(-1, 2).tolist()
        for desk, changed in by_desk(pairs).items():
            self.apply(desk, changed, docs_for(connection, desk, changed))
        self.offset += len(data)

    def apply(self, desk: int, changed: list[int], docs: list[Doc]) -> None:
        """Apply what the store now holds of these people of `desk` (a person missing from `docs` is gone)."""
        found = {d.id: d for d in docs}
        new = [d for d in docs if not self._has(d.id)]
        if new:
            self._grow(sorted(d.id for d in new))
        for pid in changed:
            if not self._has(pid):
                continue
            i = int(np.searchsorted(self.ids, pid))
            doc = found.get(pid)
            if doc is None:
                if int(self.desk[i]) == desk:
                    self.alive[i] = False
                continue
            self.alive[i] = True
            self.desk[i] = desk
            cols: dict[str, list[object]] = {k: [] for k in _FEATURES}
            _row(cols, doc)
            one = _columns(cols, 1)
            for name in _FEATURES:
                getattr(self, name)[i] = one[name][0]
            self.skills[:, i] = 0
            for s in _skill_set(doc.skills):
                b = self.vocab.setdefault(s, len(self.vocab))
                if b // 64 >= self.skills.shape[0]:
                    self.skills = np.vstack([self.skills, np.zeros((1, len(self.ids)), dtype=np.uint64)])
                self.skills[b // 64, i] |= np.uint64(1 << (b % 64))

    def _has(self, pid: int) -> bool:
        i = int(np.searchsorted(self.ids, pid))
        return i < len(self.ids) and int(self.ids[i]) == pid

    def _grow(self, new_ids: list[int]) -> None:
        """Add rows for new people, keeping ids sorted (new ids are almost always the largest)."""
        ids = np.concatenate([self.ids, np.array(new_ids, dtype=np.int64)])
        order = np.argsort(ids, kind="stable")
        n = len(new_ids)
        self.ids = ids[order]
        self.desk = np.concatenate([self.desk, np.zeros(n, dtype=np.int32)])[order]
        self.alive = np.concatenate([self.alive, np.zeros(n, dtype=bool)])[order]
        self.ok = np.concatenate([self.ok, np.zeros(n, dtype=bool)])[order]
        self.seniority = np.concatenate([self.seniority, np.full(n, -1, dtype=np.int8)])[order]
        self.lat = np.concatenate([self.lat, np.full(n, np.nan)])[order]
        self.lon = np.concatenate([self.lon, np.full(n, np.nan)])[order]
        self.active = np.concatenate([self.active, np.zeros(n, dtype=bool)])[order]
        self.skills = np.hstack([self.skills, np.zeros((self.skills.shape[0], n), dtype=np.uint64)])[:, order]

    def has_any(self, skills: list[str]) -> np.ndarray:
        """A bool array: who lists at least one of these (canonical) skills; one pass per bitset word."""
        words: dict[int, int] = {}
        for s in skills:
            b = self.vocab.get(s)
            if b is not None:
                words[b // 64] = words.get(b // 64, 0) | (1 << (b % 64))
        found = np.zeros(len(self.ids), dtype=bool)
        for word, bits in words.items():
            found |= (self.skills[word] & np.uint64(bits)) != 0
        return found

    def skill_count(self, skills: list[str], rows: np.ndarray) -> np.ndarray:
        """How many of these (canonical) skills each of `rows` lists."""
        count = np.zeros(len(rows), dtype=np.uint8)
        gathered: dict[int, np.ndarray] = {}  # each bitset word of these rows, read once
        for s in skills:
            b = self.vocab.get(s)
            if b is not None:
                word = gathered.get(b // 64)
                if word is None:
                    word = gathered[b // 64] = self.skills[b // 64, rows]
                count += ((word & np.uint64(1 << (b % 64))) != 0).view(np.uint8)
        return count


_FEATURES = ("ok", "seniority", "lat", "lon", "active")


def by_desk(pairs: Iterable[Iterable[int]]) -> dict[int, list[int]]:
    """People as (desk, person id) pairs, as each desk's sorted, distinct person ids."""
    out: dict[int, set[int]] = {}
    for desk, pid in pairs:
        out.setdefault(int(desk), set()).add(int(pid))
    return {desk: sorted(ids) for desk, ids in out.items()}


def _skill_set(skills: str) -> set[str]:
    return {canonical_skill(s) for s in skills.split(",") if s.strip()}


def _row(cols: dict[str, list[object]], d: Doc) -> None:
    if "desk" in cols:
        cols["desk"].append(d.desk)
    cols["ok"].append(d.suppression == "none")
    cols["seniority"].append(-1 if d.seniority is None else int(d.seniority))
    located = d.lat is not None and d.lon is not None
    cols["lat"].append(math.radians(d.lat) if d.lat is not None and located else math.nan)
    cols["lon"].append(math.radians(d.lon) if d.lon is not None and located else math.nan)
    cols["active"].append(bool(d.active))


def _columns(cols: dict[str, list[object]], n: int) -> dict[str, np.ndarray]:
    return {"desk": np.array(cols.get("desk", [0] * n), dtype=np.int32),
            "alive": np.ones(n, dtype=bool), "ok": np.array(cols["ok"], dtype=bool),
            "seniority": np.array(cols["seniority"], dtype=np.int8),
            "lat": np.array(cols["lat"], dtype=np.float64), "lon": np.array(cols["lon"], dtype=np.float64),
            "active": np.array(cols["active"], dtype=bool)}


def fold_journal(connection: Connection, directory: Path) -> Arrays | None:
    """Fold a long journal into a new snapshot, so the journal stays a fraction of the desk's size.

    Returns the new arrays (None: the journal was short enough). Called with the folder locked; a
    process holding the old snapshot sees the new build in the state file and loads the new one."""
    try:
        entries = (directory / JOURNAL).stat().st_size // ENTRY_BYTES
    except OSError:
        return None
    state = place.read_state(directory)
    arrays = Arrays.load(directory)
    if arrays is None or arrays.build != state.get("build") or entries <= max(FOLD_AT, len(arrays.ids) // 4):
        return None
    arrays.catch_up(connection, directory)
    arrays.build = uuid.uuid4().hex
    arrays.offset = 0
    arrays.save(directory)
    place.write_state(directory, **{**state, "build": arrays.build})
    return arrays


def append_journal(directory: Path, people: Iterable[tuple[int, int]]) -> None:
    """Note these people (desk, person id) as changed, for every process's arrays to re-read."""
    data = np.array(sorted(set(people)), dtype=np.int32).reshape(-1, 2).tobytes()
    with (directory / JOURNAL).open("ab") as fh:
        fh.write(data)
