"""The term base's storage: a SQLite file holding concepts, their forms, English, evidence and an audit log;
reading it, and adding what mining and imports bring. Reviewers' decisions are :mod:`glossary.termbase.decisions`.

Every public method that writes runs in one transaction, so an interrupted
command leaves the term base as it was.

>>> from glossary.models import TermEntry, Equivalent
>>> with Store(":memory:") as store:
...     store.stage([TermEntry("镨钕", "鐠釹", "pǔ nǚ", [Equivalent("PrNd", "text", 0.9)])], by="ann")
...     store.get("鐠釹").simplified
{'added': 1, 'updated': 0, 'kept': 0, 'joined': 0}
'镨钕'
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from ..errors import TermBaseError, TermNotFound
from ..models import Context, Equivalent, Status, TermEntry
from ..normalise.script import to_simplified
from . import backend
from . import search as _search
from . import writes as _writes
from .backend import chunks, marks, select_all
from .migrations import migrate
from .writes import MAX_CONTEXTS, _now

_S = TypeVar("_S", bound="Store")


class Store:
    """A term base file (or ``":memory:"``); use as a context manager.

    :param path: SQLite file; its folder is created when missing.
    :param create: make the file when it does not exist; without it a missing term base is an error (what
        read-only commands want: a typo in ``--db`` must not leave an empty database behind).
    :raises TermBaseError: for a folder, a missing file (``create=False``) or a file that is no term base.
    """

    def __init__(self, path: str | Path = ":memory:", create: bool = True) -> None:
        self.path = str(path)
        #: the term base as output and errors name it (a URL's password hidden)
        self.name = backend.redact(self.path)
        self._vocab: tuple[object, dict[str, list[str]]] | None = None
        #: what an import did that a reviewer should hear of (a status it lowered), for the caller to show
        self.warnings: list[str] = []
        self._misses = 0
        if backend.is_postgres(self.path):
            self.con: backend.Connection = backend.Postgres(self.path)
            try:
                if not create and "schema_migrations" not in backend.tables(self.con):
                    raise TermBaseError(
                        f"no term base at {self.name}; make one with `glossary mine DIR`, `glossary import FILE` or "
                        "`glossary db copy`, or give the right --db"
                    )
                migrate(self.con)
            except BaseException:
                self.con.close()
                raise
            return
        if self.path != ":memory:":
            p = Path(self.path)
            if p.is_dir():
                raise TermBaseError(f"{p} is a folder; give a file path to --db")
            if not create and not p.exists():
                raise TermBaseError(
                    f"no term base at {p}; make one with `glossary mine DIR` or `glossary import FILE`, "
                    "or give the right --db"
                )
            p.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.con.execute("PRAGMA foreign_keys = ON")
            self.con.execute("PRAGMA busy_timeout = 30000")
            self.con.execute("PRAGMA cache_size = -65536")  # 64 MiB: large imports stay in memory
            if self.path != ":memory:":
                self.con.execute("PRAGMA journal_mode = WAL")
                self.con.execute("PRAGMA synchronous = NORMAL")  # durable in WAL mode, much faster commits
            migrate(self.con)
        except sqlite3.DatabaseError as e:
            raise TermBaseError(f"{self.path}: not a usable term base ({e}); give another --db path") from None

    # ------------------------------------------------------------ plumbing
    def close(self) -> None:
        """Close the connection."""
        self.con.close()

    def __enter__(self: _S) -> _S:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[backend.Connection]:
        """One write transaction (SQLite's ``BEGIN IMMEDIATE``, PostgreSQL's writers' lock); rolled back on any
        exception. Each one counts as a change of the term base (:meth:`version`)."""
        if self.con.in_transaction:
            yield self.con
            return
        backend.begin(self.con)
        try:
            yield self.con
            self.con.execute("UPDATE termbase_version SET n = n + 1")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def version(self) -> int:
        """A number that changes with every write transaction, whoever made it (for caches of the term base)."""
        return int(self.con.execute("SELECT n FROM termbase_version").fetchone()[0])

    def _log(
        self, cid: int | None, by: str, action: str, before: object = "", after: object = "", note: str = ""
    ) -> None:
        def enc(v: object) -> str:
            return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, sort_keys=True)

        self.con.execute(
            "INSERT INTO log (concept_id, at, by, action, before, after, note) VALUES (?,?,?,?,?,?,?)",
            (cid, _now(), by, action, enc(before), enc(after), note),
        )
        if cid is not None:  # every recorded change is a new revision: a decision on the older one is refused
            self.con.execute("UPDATE concepts SET revision = revision + 1, updated_at=? WHERE id=?", (_now(), cid))

    # ------------------------------------------------------------- reading
    def resolve(self, term_or_id: str | int) -> int:
        """The concept id for an id, a Simplified or Traditional form, or any recorded variant.

        :raises TermNotFound: when nothing matches.
        """
        key = str(term_or_id).strip()
        if key.isdigit():
            row = self.con.execute("SELECT id FROM concepts WHERE id=?", (int(key),)).fetchone()
            if row:
                return row[0]
        for form in dict.fromkeys([key, to_simplified(key)]):
            row = (
                self.con.execute("SELECT id FROM concepts WHERE simplified=? OR traditional=?", (form, form)).fetchone()
                or self.con.execute("SELECT concept_id FROM variants WHERE form=?", (form,)).fetchone()
            )
            if row:
                return row[0]
        raise TermNotFound(key)

    def get(self, term_or_id: str | int) -> TermEntry:
        """The full entry for a term or id."""
        return self._load([self.resolve(term_or_id)])[0]

    def _load(self, ids: Sequence[int]) -> list[TermEntry]:
        if not ids:
            return []
        out = {}
        q = marks(len(ids))
        concepts, english, variants, files, contexts = select_all(
            self.con,
            [
                (
                    "SELECT id, simplified, traditional, pinyin, status, kind, score, note, count FROM concepts "
                    f"WHERE id IN ({q})",
                    ids,
                ),
                (
                    f"SELECT concept_id, text, source, confidence, role FROM equivalents WHERE concept_id IN ({q}) "
                    "ORDER BY concept_id, rank, id",
                    ids,
                ),
                (f"SELECT concept_id, form FROM variants WHERE concept_id IN ({q}) ORDER BY form", ids),
                (f"SELECT concept_id, file, count FROM occurrences WHERE concept_id IN ({q}) ORDER BY file", ids),
                (
                    f'SELECT concept_id, file, "offset", text, line FROM contexts WHERE concept_id IN ({q}) '
                    'ORDER BY file, "offset"',
                    ids,
                ),
            ],
        )
        for row in concepts:
            out[row[0]] = TermEntry(
                simplified=row[1],
                traditional=row[2],
                pinyin=row[3],
                status=Status(row[4]),
                kind=row[5],
                score=row[6],
                note=row[7],
                count=row[8],
                id=row[0],
            )
        for cid, text, source, conf, role in english:
            out[cid].english.append(Equivalent(text, source, conf, role))
        for cid, form in variants:
            if form != out[cid].traditional:  # the Traditional form is kept as a variant for lookups only
                out[cid].variants.append(form)
        for cid, file, count in files:
            out[cid].files.append(file)
            out[cid].file_counts[file] = count
        for cid, file, offset, text, line in contexts:
            out[cid].contexts.append(Context(file, offset, text, line))
        return [out[i] for i in ids if i in out]

    def entries(
        self, statuses: Sequence[Status] | None = None, sort: str = "score", limit: int | None = None
    ) -> list[TermEntry]:
        """Entries with the given statuses (all when None), sorted by ``score``, ``term`` or ``date``."""
        # ties keep insertion order, so an export imported into an empty term base exports the same
        order = {"score": "score DESC, id", "term": "simplified, id", "date": "updated_at DESC, id"}[sort]
        sql = "SELECT id FROM concepts"
        args: list[object] = []
        if statuses:
            sql += f" WHERE status IN ({marks(len(statuses))})"
            args += [s.value for s in statuses]
        sql += f" ORDER BY {order}"
        if limit:
            sql += f" LIMIT {int(limit)}"
        ids = [r[0] for r in self.con.execute(sql, args)]
        out: list[TermEntry] = []
        for part in chunks(ids):
            out.extend(self._load(part))
        return out

    def history(self, term_or_id: str | int) -> list[dict[str, str]]:
        """Audit log rows of one concept, oldest first; of a deleted one (or each deleted under that name), where
        no entry has the name now.

        :raises TermNotFound: when no entry has the name and none was deleted under it.
        """
        try:
            ids = [self.resolve(term_or_id)]
        except TermNotFound:
            ids = self.deleted(term_or_id)
            if not ids:
                raise
        cols = ("at", "by", "action", "before", "after", "note")
        return [
            dict(zip(cols, r))
            for r in self.con.execute(
                f"SELECT at, by, action, before, after, note FROM log WHERE concept_id IN ({marks(len(ids))}) "
                "ORDER BY id",
                ids,
            )
        ]

    def deleted(self, term_or_id: str | int) -> list[int]:
        """The ids of the deleted entries whose Simplified form (or id) this is, oldest first: the history keeps
        each one whole (:meth:`glossary.termbase.TermBase.delete`)."""
        key = str(term_or_id).strip()
        if key.isdigit():
            row = self.con.execute("SELECT 1 FROM log WHERE concept_id=? AND action='delete'", (int(key),)).fetchone()
            return [int(key)] if row else []
        out: list[int] = []
        for form in dict.fromkeys([key, to_simplified(key)]):
            said = json.dumps(form, ensure_ascii=False)
            like = '%"simplified": ' + re.sub(r"([%_\\])", r"\\\1", said) + "%"
            for cid, before in self.con.execute(
                "SELECT concept_id, before FROM log WHERE action='delete' AND before LIKE ? ESCAPE '\\' ORDER BY id",
                (like,),
            ):
                if before.startswith("{") and json.loads(before).get("simplified") == form and cid not in out:
                    out.append(cid)
        return out

    def stats(self) -> dict[str, int]:
        """Number of entries per status, and in all."""
        out = {s.value: 0 for s in Status}
        for status, n in self.con.execute("SELECT status, COUNT(*) FROM concepts GROUP BY status"):
            out[status] = n
        out["total"] = sum(out.values())
        return out

    def find(self, query: str, statuses: Sequence[Status] | None = None, limit: int = 20) -> list[_search.Match]:
        """Look a term up by Hanzi (either script), pinyin, English, part of a term, or a near miss."""
        matches = _search.find(self.con, query, statuses, limit)
        entries = {e.id: e for e in self._load([m.concept_id for m in matches])}
        for m in matches:
            m.entry = entries[m.concept_id]
        return matches

    def lookup(
        self, query: str, statuses: Sequence[Status] | None = None, limit: int = 20
    ) -> tuple[list[_search.Match], list[str]]:
        """:meth:`find`, and "did you mean" suggestions when it finds nothing (what `glossary find` shows)."""
        matches = self.find(query, statuses, limit)
        if matches:
            return matches, []
        # From the second miss on, the English vocabulary is kept in memory until the term base changes
        # (ours or another process's): a one-shot `glossary find` does not pay for building it.
        self._misses += 1
        if self._misses == 1:
            return matches, _search.suggest(self.con, query)
        version = self.version()
        if self._vocab is None or self._vocab[0] != version:
            self._vocab = (version, _search.vocabulary(self.con))
        return matches, _search.suggest(self.con, query, vocab=self._vocab[1])

    # ------------------------------------------------------------- writing (glossary.termbase.writes)
    def _insert(self, e: TermEntry, by: str, action: str) -> int:
        return _writes.insert(self, e, by, action)

    def _add_equivalents(
        self, cid: int, eqs: Sequence[Equivalent], replace_machine: bool = False, first: bool = False
    ) -> None:
        _writes.add_equivalents(self.con, cid, eqs, replace_machine, first)

    def _new_english(self, cid: int, eqs: Sequence[Equivalent]) -> list[Equivalent]:
        return _writes.new_english(self.con, cid, eqs)

    def _add_evidence(self, cid: int, e: TermEntry, cap: int | None = MAX_CONTEXTS) -> None:
        _writes.add_evidence(self.con, cid, e, cap)

    def stage(self, entries: Sequence[TermEntry], by: str) -> dict[str, int]:
        """Merge mined entries in one transaction: new concepts are added as candidates; existing ones gain the
        new evidence while reviewers' decisions, edits and notes stay (:func:`glossary.termbase.writes.stage`)."""
        return _writes.stage(self, entries, by)

    def backup(self, target: str | Path) -> None:
        """Write a consistent copy of the term base (SQLite's online backup), even while others write."""
        if backend.kind(self.con) == "postgresql":
            raise TermBaseError("a PostgreSQL term base is backed up with `glossary db copy URL FILE` or pg_dump")
        target = Path(target)
        if target.exists():
            raise TermBaseError(f"{target} exists; choose a new file for the backup")
        target.parent.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(str(target))
        try:
            self.con.backup(dest)
        finally:
            dest.close()


def snapshot(e: TermEntry) -> dict[str, object]:
    """Everything a reviewer or an import can change in an entry, as plain data for the history (and
    :meth:`TermBase.revert`)."""
    return {
        "status": e.status.value,
        "traditional": e.traditional,
        "pinyin": e.pinyin,
        "note": e.note,
        "kind": e.kind,
        "english": [[q.text, q.source, q.confidence, q.role] for q in e.english],
        "variants": sorted(e.variants),
    }


def known_english(tb: Store) -> dict[str, list[str]]:
    """Simplified term -> English the term base vouches for (feeds alignment): the English reviewers chose for
    approved entries (preferred first, then admitted; never a machine's suggestion), and the English of
    glossaries the user imported (source ``import``) on entries not rejected, forbidden or deprecated."""
    out: dict[str, list[str]] = {}
    for simp, text in tb.con.execute(
        "SELECT c.simplified, e.text FROM concepts c JOIN equivalents e ON e.concept_id = c.id "
        "WHERE (c.status = 'approved' AND e.role != 'suggested') "
        "OR (e.source = 'import' AND c.status NOT IN ('rejected', 'forbidden', 'deprecated')) "
        "ORDER BY c.status != 'approved', c.id, e.role != 'preferred', e.rank, e.id"
    ):
        out.setdefault(simp, []).append(text)
    return out
