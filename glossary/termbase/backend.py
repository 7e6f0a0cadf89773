"""The two places a term base can live: a SQLite file (one person, the default) or a PostgreSQL database (a
team). The term base's SQL is written once, in SQLite's dialect; :class:`Postgres` is a connection that speaks
the same small interface as :mod:`sqlite3`'s and turns that SQL into PostgreSQL's as it runs it.

How writers take turns: SQLite has one writer at a time (``BEGIN IMMEDIATE``). On PostgreSQL every write
transaction runs at READ COMMITTED and first takes one transaction-scoped advisory lock for the database, so
writers also take turns — each reads what the one before it committed, no read-modify-write can interleave
with another, and nothing is ever half applied (a failed transaction rolls back whole). Readers never wait.

>>> translate("INSERT OR IGNORE INTO variants VALUES (?, ?)")
'INSERT INTO variants VALUES (%s, %s) ON CONFLICT DO NOTHING'
>>> translate("SELECT id FROM concepts WHERE id % 10 = ?")
'SELECT id FROM concepts WHERE id %% 10 = %s'
>>> translate("CREATE TABLE t (id INTEGER PRIMARY KEY, score REAL NOT NULL)")
'CREATE TABLE t (id SERIAL PRIMARY KEY, score DOUBLE PRECISION NOT NULL)'
>>> redact("postgresql://ann:s3cret@db.example:5432/terms")
'postgresql://ann:***@db.example:5432/terms'
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from ..errors import TermBaseError

#: a connection either back end gives: sqlite3.Connection, or Postgres below (the same methods)
Connection = Any

SCHEMES = ("postgresql://", "postgres://")
#: the advisory lock every PostgreSQL write transaction takes (one per database: writers take turns)
WRITE_LOCK = 0x676C6F73  # "glos"


#: values bound in one ``IN (…)`` list at most: SQLite caps a statement's parameters (999 before 3.32.0)
IN_CHUNK = 500

_T = TypeVar("_T")


def marks(n: int) -> str:
    """The placeholders of an ``IN (…)`` list of ``n`` values.

    >>> f"SELECT id FROM concepts WHERE id IN ({marks(3)})"
    'SELECT id FROM concepts WHERE id IN (?,?,?)'
    """
    return ",".join("?" * n)


def chunks(values: Sequence[_T], size: int = IN_CHUNK) -> Iterator[Sequence[_T]]:
    """``values`` in slices of at most ``size``, one ``IN (…)`` query each (:data:`IN_CHUNK`).

    >>> [list(c) for c in chunks([1, 2, 3, 4, 5], 2)]
    [[1, 2], [3, 4], [5]]
    """
    for i in range(0, len(values), size):
        yield values[i : i + size]


def select_all(con: Connection, statements: Sequence[tuple[str, Sequence[object]]]) -> list[list[tuple]]:
    """Each SELECT's rows, in order. PostgreSQL runs them in one round trip (a server's answer costs about a
    quarter of a millisecond on the same machine, and loading entries asks five tables); SQLite one by one.

    >>> import sqlite3
    >>> select_all(sqlite3.connect(":memory:"), [("SELECT ? + 1", [1]), ("SELECT 'a'", [])])
    [[(2,)], [('a',)]]
    """
    if isinstance(con, Postgres) and statements:
        return con.select_all(statements)
    return [con.execute(sql, params).fetchall() for sql, params in statements]


def is_postgres(target: str) -> bool:
    """True for a PostgreSQL URL (``postgresql://user@host:5432/name``)."""
    return str(target).startswith(SCHEMES)


def redact(target: str) -> str:
    """The term base's name as output and errors show it: a URL's password replaced by ``***``."""
    if not is_postgres(target):
        return str(target)
    parts = urlsplit(target)
    if parts.password is None:
        return target
    netloc = parts.netloc.replace(":" + parts.password + "@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


@lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """SQLite's dialect, as the term base writes it, in PostgreSQL's."""
    out = sql.replace("%", "%%").replace("?", "%s")
    head = out.lstrip()[:30].upper()
    if head.startswith("INSERT OR IGNORE INTO"):
        out = re.sub(r"INSERT OR IGNORE INTO", "INSERT INTO", out, count=1) + " ON CONFLICT DO NOTHING"
    elif head.startswith(("CREATE TABLE", "ALTER TABLE")):
        out = re.sub(r"\bid INTEGER PRIMARY KEY\b", "id SERIAL PRIMARY KEY", out)
        out = re.sub(r"\bREAL\b", "DOUBLE PRECISION", out)
        out = re.sub(r"\)\s*WITHOUT ROWID\s*$", ")", out)  # SQLite's storage hint; PostgreSQL has no rowid
    return out


def kind(con: Connection) -> str:
    """``"sqlite"`` or ``"postgresql"``."""
    return str(getattr(con, "kind", "sqlite"))


def begin(con: Connection) -> None:
    """Start a write transaction: SQLite's single writer, or PostgreSQL's turn under the advisory lock."""
    if kind(con) == "postgresql":
        con.execute("BEGIN")
        con.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
    else:
        con.execute("BEGIN IMMEDIATE")


def tables(con: Connection) -> set[str]:
    """The tables of the term base's schema."""
    if kind(con) == "postgresql":
        sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type='table'"
    return {r[0] for r in con.execute(sql)}


class Postgres:
    """A PostgreSQL connection with the part of :class:`sqlite3.Connection`'s interface the term base uses.

    Statements run as given (autocommit) unless :func:`begin` opened a transaction; parameters are bound on the
    client (psycopg's ClientCursor), as SQLite's are, so untyped ``?`` work in any position.
    """

    kind = "postgresql"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError:  # pragma: no cover - psycopg is a dependency; a broken install says so plainly
            raise TermBaseError("PostgreSQL needs psycopg: pip install 'psycopg[binary]'") from None
        self._psycopg = psycopg
        try:
            self.raw = psycopg.connect(url, autocommit=True, cursor_factory=psycopg.ClientCursor, connect_timeout=10)
        except psycopg.OperationalError as e:
            # libpq's message names host and user, never the password; the URL is shown redacted
            first = str(e).strip().splitlines()[0] if str(e).strip() else "cannot connect"
            raise TermBaseError(f"{redact(url)}: {first}; is the server running and the URL right?") from None

    def execute(self, sql: str, params: Any = ()) -> Any:
        cur = self.raw.cursor()
        cur.execute(translate(sql), tuple(params))
        return cur

    def executemany(self, sql: str, rows: Any) -> Any:
        cur = self.raw.cursor()
        cur.executemany(translate(sql), [tuple(r) for r in rows])
        return cur

    def select_all(self, statements: Sequence[tuple[str, Sequence[object]]]) -> list[list[tuple]]:
        """:func:`select_all`: the statements bound here and sent as one query; each result set in turn."""
        cur = self._psycopg.ClientCursor(self.raw)
        # (bound on the client, as every statement here is: the joined text holds literals and no placeholder)
        cur.execute(";\n".join(cur.mogrify(translate(sql), tuple(params)) for sql, params in statements))
        out = [cur.fetchall()]
        while cur.nextset():
            out.append(cur.fetchall())
        return out

    @property
    def in_transaction(self) -> bool:
        return bool(self.raw.info.transaction_status != self._psycopg.pq.TransactionStatus.IDLE)

    def close(self) -> None:
        self.raw.close()
