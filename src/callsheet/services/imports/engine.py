"""The one merge engine every import goes through.

Rows are read as a stream and handled in batches; each batch is one transaction, so a killed
import leaves whole batches behind and running it again finds every stored row by its keys
(phone, email, LinkedIn URL, or the row's own digest when it has none of those): no duplicates,
no half-written people. A row that reaches a suppressed person (do_not_call, deceased, erased)
changes nothing about them.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass
from typing import Any

from callsheet.clock import Clock
from callsheet.domain.imports import Prepared, Target
from callsheet.lookup.companies import company_key
from callsheet.services.imports.incoming import Incoming, erased_keys
from callsheet.services.imports.lookups import gaining, load_targets
from callsheet.services.imports.numbers import marked_numbers
from callsheet.services.imports.pipeline import Refusal, checked, checked_in_child
from callsheet.services.imports.rejects import RejectsFile
from callsheet.services.unit import UnitOfWork


@dataclass
class Summary:
    created: int = 0
    merged: int = 0
    suppressed: int = 0
    rejected: int = 0
    rejects_file: str | None = None
    #: Rows kept with a problem (a bad phone...) that is written to the rejects file too.
    problems: int = 0
    dry_run: bool = False
    #: Rejects not written because the rejects file reached its cap (imports from the web desk or the API).
    rejects_left_out: int = 0

    @property
    def rows(self) -> int:
        return self.created + self.merged + self.suppressed + self.rejected

    def view(self) -> dict[str, Any]:
        return {"created": self.created, "merged": self.merged, "suppressed": self.suppressed,
                "rejected": self.rejected, "rejects_file": self.rejects_file, "problems": self.problems,
                "dry_run": self.dry_run}


@dataclass
class Options:
    region: str = "US"
    knows_user: int | None = None  # LinkedIn: the desk's user knows every connection
    batch_size: int = 1000
    dry_run: bool = False
    #: Check rows in a forked child while this process stores them (large files; see pipeline.py).
    pipeline: bool = False


class Engine:
    def __init__(self, uow: UnitOfWork, clock: Clock, options: Options, rejects: RejectsFile) -> None:
        self.uow, self.clock, self.options, self.rejects = uow, clock, options, rejects
        self.summary = Summary(dry_run=options.dry_run)
        self.salt = ""
        self.companies: dict[str, int] = {}  # name key -> id, kept across batches
        self._frozen = False

    def run(self, items: Iterable[Incoming], on_batch: Callable[[Summary], None] | None = None) -> Summary:
        try:
            self._run(items, on_batch)
        finally:
            if self._frozen:
                gc.unfreeze()
        return self.summary

    def run_open(self, items: Iterable[Incoming]) -> Summary:
        """Store rows in the transaction the caller holds open, as one batch (a résumé's person and
        the file are stored together, or neither is)."""
        try:
            self._rows(items, None, own_transaction=False)
        finally:
            if self._frozen:
                gc.unfreeze()
                self._frozen = False
        return self.summary

    def _run(self, items: Iterable[Incoming], on_batch: Callable[[Summary], None] | None) -> None:
        if self.options.dry_run:
            # One transaction, rolled back: later rows still see what earlier ones would have done.
            with self.uow:
                self._rows(items, on_batch, own_transaction=False)
                self.uow.rollback()
        else:
            self._rows(items, on_batch, own_transaction=True)

    def _rows(self, items: Iterable[Incoming], on_batch: Callable[[Summary], None] | None,
              own_transaction: bool) -> None:
        # Rows are keyed while they are checked (in the child for large files), so the desk's salt
        # is read first; whether anyone was ever erased is asked again for every batch.
        if own_transaction:
            with self.uow:
                self.salt, with_erased = self.uow.imports.desk_salt(), self.uow.imports.any_erased()
        else:
            self.salt, with_erased = self.uow.imports.desk_salt(), self.uow.imports.any_erased()
        batch: list[Prepared] = []
        source = checked_in_child if self.options.pipeline else checked
        with closing(source(items, self.options.region, self.salt, with_erased)) as results:
            for result in results:
                if isinstance(result, Refusal):
                    self.summary.rejected += 1
                    self.rejects.write(result.row, result.reason, result.raw)
                    continue
                if result.problems:
                    self.summary.problems += 1
                    for problem in result.problems:
                        self.rejects.write(result.row, problem, result.raw)
                batch.append(result)
                if len(batch) >= self.options.batch_size:
                    self._finish(batch, on_batch, own_transaction)
                    batch = []
        self._finish(batch, on_batch, own_transaction)

    def _finish(self, batch: list[Prepared], on_batch: Callable[[Summary], None] | None,
                own_transaction: bool) -> None:
        # Reading and checking happen outside the transaction; each batch is one transaction, so
        # a SQLite desk's write lock is free between batches for the people still using it.
        if batch and own_transaction:
            with self.uow:
                self.uow.imports.prefer_indexes()
                self._batch(batch)
        elif batch:
            self.uow.imports.prefer_indexes()
            self._batch(batch)
        self.rejects.flush()
        if not self._frozen:
            # Python's cyclic collector rescans every long-lived object (phone metadata, places,
            # SQLAlchemy's caches) again and again while an import allocates millions of small
            # ones: a third of the import's time. What exists after the first batch stays for the
            # import's length, so it is set aside until the end (gc.unfreeze in run).
            gc.freeze()
            self._frozen = True
        if on_batch is not None:
            on_batch(self.summary)

    # -- one batch -----------------------------------------------------------------------------
    def _batch(self, batch: list[Prepared]) -> None:
        imports, now = self.uow.imports, self.clock.now()
        with_erased = imports.any_erased()
        if with_erased and any(row.erased is None for row in batch):  # somebody was erased meanwhile
            batch = [row if row.erased is not None else
                     row._replace(erased=erased_keys(self.salt, row.phones, row.emails, row.linkedin))
                     for row in batch]
        by_kind: dict[str, set[str]] = {k: set() for k in "peuxr"}
        for row in batch:
            for key in row.keys:
                by_kind[key[0]].add(key[2:])
            if with_erased:
                by_kind["x"].update(key[2:] for key in row.erased or ())
        hits = imports.key_hits(by_kind["p"], by_kind["e"], by_kind["u"], by_kind["x"], by_kind["r"])
        held = marked_numbers(self.uow, batch, hits, self.salt, now)
        stored = load_targets(imports, {pid for ids in hits.values() for pid in ids}, self.options.knows_user, hits,
                              gaining(batch, hits) if hits else set())
        unknown = [row.company for row in batch if row.company and company_key(row.company) not in self.companies]
        if unknown:
            self.companies.update(imports.company_ids(unknown, now))
        company = self.companies
        # New people in order of creation: a row as it came while nothing else reached it (stored
        # from its own values, the common case), a Target once a later row of the batch merges in.
        fresh: list[Prepared | Target] = []
        # key -> a person found or merged into, or the index in `fresh` of a row not yet reached again.
        in_batch: dict[str, Target | int] = {}
        met, seen_keys = hits.keys(), in_batch.keys()
        touched: dict[int, Target] = {}  # stored people, by id, in order of first touch
        summary, knows_user = self.summary, self.options.knows_user
        for row in batch:
            keys = row.keys
            if met.isdisjoint(keys) and seen_keys.isdisjoint(keys) and (
                    not with_erased or met.isdisjoint(row.erased or ())):
                summary.created += 1
                position = len(fresh)
                fresh.append(row)
                for key in keys:
                    in_batch[key] = position
                continue
            if (not with_erased or met.isdisjoint(row.erased or ())) and seen_keys.isdisjoint(keys) and (
                    settled := stored.settled(row, knows_user)):
                # One stored person, nothing to add (a file imported again): no Target, no merge.
                if settled == "merged":
                    summary.merged += 1
                else:
                    summary.suppressed += 1
                continue
            found: list[Target] = []
            for key in (*(row.erased or ()), *keys) if with_erased else keys:
                seen = in_batch.get(key)
                if seen is not None:
                    found.append(seen if isinstance(seen, Target) else self._fresh_target(fresh, seen, company))
                pids = hits.get(key)
                if pids:
                    found += [stored[pid] for pid in pids]
            if any(t.suppression != "none" for t in found) or any(e164 in held for e164, _ in row.phones):
                summary.suppressed += 1
                continue
            target = min(found, key=_stored_first) if len(found) > 1 else found[0]
            summary.merged += 1
            self._merge(target, row, company)
            for key in keys:
                in_batch[key] = target
            if target.id is not None:
                touched.setdefault(target.id, target)
        imports.write_batch(fresh, list(touched.values()), now, self.options.knows_user, company)

    def _fresh_target(self, fresh: list[Prepared | Target], position: int, company: dict[str, int]) -> Target:
        """The person this batch makes at `position`, as a Target a later row can merge into."""
        made = fresh[position]
        if isinstance(made, Target):
            return made
        target = self._new(made, company)
        if made.keys[0][0] == "r":
            target.row_digests.append(made.keys[0][2:])
        fresh[position] = target
        return target

    def _new(self, row: Prepared, company: dict[str, int]) -> Target:
        """A person made from a row: what _merge would give an empty person, without its checks."""
        f: dict[str, Any] = {"name": row.name}
        if row.placed:
            f.update(city=row.city, state=row.state, zip=row.zip, lat=row.lat, lon=row.lon, timezone=row.timezone)
        elif row.city:
            f["city"], f["state"] = row.city, row.state
        if row.title:
            f["title"] = row.title
        if row.linkedin:
            f["linkedin_url"] = row.linkedin
        if row.company and (company_id := company.get(company_key(row.company))):
            f["company_id"] = company_id
        if row.notes:
            f["profile"] = row.notes
        # prepare() leaves a row's phones and emails without repeats.
        t = Target(None, fields=f, phones={e for e, _ in row.phones}, emails=set(row.emails),
                   new_phones=list(row.phones), new_emails=list(row.emails), changed=True)
        if self.options.knows_user is not None:
            t.knows, t.wants_knows = True, row.connected_on or True
        return t

    def _merge(self, t: Target, row: Prepared, company: dict[str, int]) -> None:
        """Add what the row knows to the person, never overwriting what is stored."""
        f = t.fields
        if not f.get("city"):
            if row.placed:
                f.update(city=row.city, state=row.state, zip=row.zip, lat=row.lat, lon=row.lon, timezone=row.timezone)
                t.changed = True
            elif row.city:
                f["city"], f["state"] = row.city, row.state
                t.changed = True
        if row.title and not f.get("title"):
            f["title"] = row.title
            t.changed = True
        if row.linkedin and not f.get("linkedin_url"):
            f["linkedin_url"] = row.linkedin
            t.changed = True
        if row.company and not f.get("company_id"):
            company_id = company.get(company_key(row.company))
            if company_id:
                f["company_id"] = company_id
                t.changed = True
        if row.notes and row.notes not in (f.get("profile") or ""):
            f["profile"] = f"{f.get('profile') or ''}\n\n{row.notes}".strip()
            t.changed = True
        known_phones = t.phones
        for e164, label in row.phones:
            if e164 not in known_phones:
                known_phones.add(e164)
                t.new_phones.append((e164, label))
        known_emails = t.emails
        for address in row.emails:
            if address not in known_emails:
                known_emails.add(address)
                t.new_emails.append(address)
        if self.options.knows_user is not None and not t.knows:
            t.knows = True
            t.wants_knows = row.connected_on or True
        if t.id is None:
            f.setdefault("name", row.name)


def _stored_first(t: Target) -> tuple[bool, int]:
    # The lowest stored id wins; a person made earlier in this batch only when nobody is stored.
    return t.id is None, t.id or 0
