"""New concepts written in bulk: one statement per table for a whole batch (a mine's new entries) instead of
some fifty per entry — what makes a first mine fast on SQLite and bearable over a network on PostgreSQL.

Ids are handed out here, after the largest one in use: the caller holds the writers' turn (a write
transaction), so no one else adds a concept meanwhile. The rows are exactly those the one-by-one path writes.

>>> from glossary.models import TermEntry, Equivalent
>>> from glossary.termbase import TermBase
>>> with TermBase(":memory:") as tb, tb.transaction():
...     insert_new(tb, [TermEntry("镨钕", "鐠釹", "pǔ nǚ", [Equivalent("PrNd", "text", 0.9)])], by="ann", action="mine")
...     tb.get("鐠釹").english[0].text, [m.entry.simplified for m in tb.find("pu nv")]
('PrNd', ['镨钕'])
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ..models import TermEntry
from . import backend
from .backend import Connection
from .search import _WORD, bigrams, pinyin_columns

if TYPE_CHECKING:
    from .store import Store


def next_id(con: Connection) -> int:
    """The id a new concept gets: above every concept's and every one the history names. SQLite gives a new row
    the largest id plus one, so a deleted last entry's id went to the next new one, and with it the deleted
    entry's history: who approved it, and that it was deleted.

    >>> from glossary.termbase import TermBase
    >>> from glossary.models import TermEntry
    >>> with TermBase(":memory:") as tb:
    ...     _ = tb.stage([TermEntry("小部件"), TermEntry("大部件")], by="ann")
    ...     _ = tb.delete("大部件", by="ann")
    ...     next_id(tb.con)
    3
    """
    ids = con.execute("SELECT MAX(id) FROM concepts").fetchone()[0] or 0
    logged = con.execute("SELECT MAX(concept_id) FROM log").fetchone()[0] or 0
    return max(int(ids), int(logged)) + 1


def ids_given(con: Connection) -> None:
    """After concepts were written with ids given here: PostgreSQL's own sequence goes on after them."""
    if backend.kind(con) == "postgresql":
        con.execute("SELECT setval(pg_get_serial_sequence('concepts', 'id'), (SELECT MAX(id) FROM concepts))")


@contextmanager
def indexed_after(con: Connection, table: str) -> Iterator[None]:
    """Rows written meanwhile into ``table`` are indexed after them, in one sort, where the table is empty and the
    term base is SQLite: its secondary indexes are dropped and made again from their own definitions, in the same
    transaction (a first mine of 16 MB writes 485,000 occurrences, whose index by file took 0.7 s of 1.8 s row by
    row). Elsewhere, or with rows already there, it does nothing.

    >>> from glossary.termbase import TermBase
    >>> with TermBase(":memory:") as tb, tb.transaction(), indexed_after(tb.con, "occurrences"):
    ...     "occurrences_file" in {r[0] for r in tb.con.execute("SELECT name FROM sqlite_master")}
    False
    """
    if backend.kind(con) != "sqlite" or con.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None:
        yield
        return
    made = [
        (name, sql)
        for name, sql in con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,)
        )
    ]
    for name, _ in made:
        con.execute(f'DROP INDEX "{name}"')
    yield
    for _, sql in made:
        con.execute(sql)


def insert_new(store: Store, entries: Sequence[TermEntry], by: str, action: str, cap: int | None = None) -> None:
    """Add ``entries`` (none of them in the term base yet) as new concepts, with their English, evidence,
    search index rows and history; ``cap`` limits each one's contexts (mining keeps a few)."""
    from .store import _now

    if not entries:
        return
    con = store.con
    first = next_id(con)
    # a trigger counts each English row onto its concept (english_count, an index's column): a row updated and
    # re-indexed once per English, a third of a first mine's writes. On SQLite the English goes in first, its
    # concepts' keys checked at commit (defer_foreign_keys lasts this transaction), and each concept comes with
    # its count; PostgreSQL checks a key at once, so there the triggers count
    counted_here = backend.kind(con) == "sqlite"
    if counted_here:
        con.execute("PRAGMA defer_foreign_keys = ON")
    now = _now()
    concepts, english, variants, occurrences, contexts, grams, words, log = [], [], [], [], [], [], [], []
    for k, e in enumerate(entries):
        cid = first + k
        num, plain = pinyin_columns(e.simplified, e.pinyin)
        counts = {f: e.file_counts.get(f, e.count if len(e.files) == 1 else 1) for f in e.files}
        count = sum(counts.values()) if counts else e.count
        seen_english: set[str] = set()
        for rank, q in enumerate(e.english):
            if q.text not in seen_english:  # the table keeps one row per text, as INSERT OR IGNORE does
                seen_english.add(q.text)
                english.append((cid, q.text, q.source, q.confidence, rank, q.text.lower(), q.role))
        concepts.append(
            (cid, e.simplified, e.traditional, e.pinyin, e.status.value, e.kind, e.score, e.note, now, now)
            + (num, plain, count, 1, len(seen_english) if counted_here else 0)
        )
        forms = dict.fromkeys(f for f in [e.traditional, *e.variants] if f and f != e.simplified)
        variants += [(cid, f) for f in forms]
        occurrences += [(cid, f, n) for f, n in counts.items()]
        places: dict[tuple[str, int], None] = {}
        for c in e.contexts:
            if cap is not None and len(places) >= cap:
                break
            if (c.file, c.offset) not in places:
                places[(c.file, c.offset)] = None
                contexts.append((cid, c.file, c.offset, c.text, c.line))
        index_forms = {e.simplified, e.traditional, *forms} - {""}
        grams += [(g, cid) for g in set().union(*(bigrams(f) for f in index_forms))]
        words += [(w, cid) for w in {w for t in seen_english for w in _WORD.findall(t.lower())}]
        log.append((cid, now, by, action, "", json.dumps({"status": e.status.value}), ""))
    add_english = (
        "INSERT INTO equivalents (concept_id, text, source, confidence, rank, folded, role) VALUES (?,?,?,?,?,?,?)"
    )
    if counted_here:
        con.executemany(add_english, english)  # (their concepts not there yet: the triggers count nothing)
    con.executemany(
        "INSERT INTO concepts (id, simplified, traditional, pinyin, status, kind, score, note, created_at, "
        "updated_at, pinyin_num, pinyin_plain, count, revision, english_count) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        concepts,
    )
    if not counted_here:
        con.executemany(add_english, english)
    con.executemany("INSERT INTO variants VALUES (?, ?)", variants)
    with indexed_after(con, "occurrences"):
        con.executemany("INSERT INTO occurrences VALUES (?, ?, ?)", occurrences)
    con.executemany('INSERT INTO contexts (concept_id, file, "offset", text, line) VALUES (?,?,?,?,?)', contexts)
    con.executemany("INSERT INTO grams VALUES (?, ?)", grams)
    con.executemany("INSERT INTO words VALUES (?, ?)", words)
    con.executemany("INSERT INTO log (concept_id, at, by, action, before, after, note) VALUES (?,?,?,?,?,?,?)", log)
    ids_given(con)
