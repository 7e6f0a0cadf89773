"""A whole term base copied between back ends (SQLite ↔ PostgreSQL, either way), row for row: ids, history,
reviewers' decisions, the translation memory, the search indexes and the accounts — its export is the
original's. The copy reads one consistent snapshot and writes in one transaction: all of it or nothing.

>>> from glossary.models import TermEntry
>>> from glossary.termbase import TermBase
>>> with TermBase(":memory:") as a, TermBase(":memory:") as b:
...     _ = a.stage([TermEntry("镨钕", "鐠釹", "pǔ nǚ")], by="ann")
...     copy_termbase(a, b)["concepts"], b.get("鐠釹").id
(1, 1)
"""

from __future__ import annotations

from ..errors import TermBaseError
from . import backend
from .store import Store

#: every table of the term base, each after those it refers to
TABLES = (
    "concepts",
    "variants",
    "equivalents",
    "occurrences",
    "contexts",
    "log",
    "review_skips",
    "review_claims",
    "tm_units",
    "grams",
    "words",
    "users",
)
#: tables whose ids a PostgreSQL sequence hands out (moved past the copied ids afterwards)
SERIAL = ("concepts", "equivalents", "log", "tm_units")
BATCH = 5000


def copy_termbase(src: Store, dst: Store) -> dict[str, int]:
    """Copy everything in ``src`` into the empty term base ``dst``; return the rows copied per table.

    :raises TermBaseError: when ``dst`` already holds entries, memory or history.
    """
    for table in ("concepts", "tm_units", "log", "users"):
        if dst.con.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
            raise TermBaseError(f"{dst.name} is not empty; copy into a new term base")
    counts: dict[str, int] = {}
    _snapshot(src)
    try:
        with dst.transaction():
            for table in TABLES:
                counts[table] = _copy_table(src, dst, table)
            # the equivalents' triggers counted each copied English again: count them once
            dst.con.execute(
                "UPDATE concepts SET english_count = (SELECT COUNT(*) FROM equivalents WHERE concept_id = concepts.id)"
            )
            if backend.kind(dst.con) == "postgresql":
                for table in SERIAL:
                    dst.con.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
                    )
    finally:
        src.con.execute("COMMIT")
    return counts


def _snapshot(src: Store) -> None:
    """Read ``src`` as of one moment, whatever others write meanwhile."""
    if backend.kind(src.con) == "postgresql":
        src.con.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    else:
        src.con.execute("BEGIN")  # a SQLite read transaction sees one snapshot (WAL)


def _copy_table(src: Store, dst: Store, table: str) -> int:
    cur = src.con.execute(f"SELECT * FROM {table} LIMIT 0")
    cols = [d[0] for d in cur.description]
    names = ", ".join(f'"{c}"' for c in cols)
    insert = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(cols))})"
    rows = src.con.execute(f"SELECT {names} FROM {table}")
    n = 0
    while True:
        batch = rows.fetchmany(BATCH)
        if not batch:
            return n
        dst.con.executemany(insert, batch)
        n += len(batch)
