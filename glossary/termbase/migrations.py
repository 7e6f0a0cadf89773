"""Numbered, recorded, idempotent schema migrations (the only DDL in the project).

Each migration runs once, inside the transaction that records it in
``schema_migrations``; opening a term base applies whatever is missing.

>>> import sqlite3
>>> con = sqlite3.connect(":memory:", isolation_level=None)
>>> migrate(con)
[1, 2, 3, 4, 5, 6, 7, 8, 9]
>>> migrate(con)
[]
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from ..errors import TermBaseError
from . import backend
from .backend import Connection

Step = Callable[[Connection], None]


def _run(con: Connection, script: str) -> None:
    # executescript() would COMMIT first; statements one by one stay inside our transaction
    for stmt in script.split(";"):
        if stmt.strip():
            con.execute(stmt)


def _v1_initial(con: Connection) -> None:
    _run(
        con,
        """
        CREATE TABLE concepts (
            id INTEGER PRIMARY KEY,
            simplified TEXT NOT NULL UNIQUE,
            traditional TEXT NOT NULL DEFAULT '',
            pinyin TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'candidate',
            kind TEXT NOT NULL DEFAULT 'term',
            score REAL NOT NULL DEFAULT 0,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE variants (
            concept_id INTEGER NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,
            form TEXT NOT NULL,
            PRIMARY KEY (concept_id, form)
        );
        CREATE TABLE equivalents (
            id INTEGER PRIMARY KEY,
            concept_id INTEGER NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            source TEXT NOT NULL,
            confidence REAL NOT NULL DEFAULT 0.5,
            rank INTEGER NOT NULL DEFAULT 0,
            UNIQUE (concept_id, text)
        );
        CREATE TABLE occurrences (
            concept_id INTEGER NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,
            file TEXT NOT NULL,
            count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (concept_id, file)
        );
        CREATE TABLE contexts (
            concept_id INTEGER NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,
            file TEXT NOT NULL,
            "offset" INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (concept_id, file, "offset")
        );
        CREATE TABLE log (
            id INTEGER PRIMARY KEY,
            concept_id INTEGER,
            at TEXT NOT NULL,
            by TEXT NOT NULL,
            action TEXT NOT NULL,
            before TEXT NOT NULL DEFAULT '',
            after TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX log_concept ON log(concept_id);
        """,
    )


def _v2_search_keys(con: Connection) -> None:
    """Pinyin keys and lower-cased English, so `find` works from indexes."""
    _run(
        con,
        """
        ALTER TABLE concepts ADD COLUMN pinyin_num TEXT NOT NULL DEFAULT '';
        ALTER TABLE concepts ADD COLUMN pinyin_plain TEXT NOT NULL DEFAULT '';
        ALTER TABLE equivalents ADD COLUMN folded TEXT NOT NULL DEFAULT '';
        CREATE INDEX concepts_pinyin_num ON concepts(pinyin_num);
        CREATE INDEX concepts_pinyin_plain ON concepts(pinyin_plain);
        CREATE INDEX variants_form ON variants(form);
        CREATE INDEX equivalents_folded ON equivalents(folded);
        """,
    )
    from ..normalise.pinyin import pinyin_keys

    rows = con.execute("SELECT id, simplified FROM concepts").fetchall()
    for cid, simp in rows:
        num, plain = pinyin_keys(simp)
        con.execute("UPDATE concepts SET pinyin_num=?, pinyin_plain=? WHERE id=?", (num, plain, cid))
    con.execute("UPDATE equivalents SET folded = lower(text)")


def _v3_concept_count(con: Connection) -> None:
    """The total count on the concept itself, for entries imported without per-file evidence."""
    con.execute("ALTER TABLE concepts ADD COLUMN count INTEGER NOT NULL DEFAULT 0")
    con.execute(
        "UPDATE concepts SET count = COALESCE((SELECT SUM(count) FROM occurrences o "
        "WHERE o.concept_id = concepts.id), 0)"
    )


def _v4_search_index(con: Connection) -> None:
    """Indexes for `find` on large term bases: character bigrams of the Chinese forms and the words
    of the English, so a part of a term is found without scanning every row."""
    _run(
        con,
        """
        CREATE INDEX concepts_traditional ON concepts(traditional);
        CREATE TABLE grams (gram TEXT NOT NULL, concept_id INTEGER NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,
                            PRIMARY KEY (gram, concept_id)) WITHOUT ROWID;
        CREATE TABLE words (word TEXT NOT NULL, concept_id INTEGER NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,
                            PRIMARY KEY (word, concept_id)) WITHOUT ROWID;
        CREATE INDEX grams_concept ON grams(concept_id);
        CREATE INDEX words_concept ON words(concept_id)
        """,
    )
    from .search import index_rows

    for (cid,) in con.execute("SELECT id FROM concepts").fetchall():
        index_rows(con, cid)


def _v5_review(con: Connection) -> None:
    """Reviewer edits are protected from re-mining; skipped entries let `review` resume where it stopped."""
    _run(
        con,
        """
        ALTER TABLE concepts ADD COLUMN edited INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE review_skips (concept_id INTEGER NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,
                                   by TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (concept_id, by))
        """,
    )


def _v6_translation_memory(con: Connection) -> None:
    """Sentence pairs for the translation memory, in the same file as the term base."""
    _run(
        con,
        """
        CREATE TABLE tm_units (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            srclang TEXT NOT NULL DEFAULT 'zh-CN',
            tgtlang TEXT NOT NULL DEFAULT 'en-US',
            folded TEXT NOT NULL,
            origin TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            UNIQUE (source, target)
        );
        CREATE INDEX tm_units_folded ON tm_units(folded)
        """,
    )


def _v7_roles(con: Connection) -> None:
    """What reviewers chose: each equivalent's role (preferred, admitted, suggested), a revision number per
    concept (a decision on an entry that changed since it was shown is refused), and review claims (two
    reviewers are never shown the same entry)."""
    _run(
        con,
        """
        ALTER TABLE equivalents ADD COLUMN role TEXT NOT NULL DEFAULT 'suggested';
        ALTER TABLE concepts ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE review_claims (concept_id INTEGER PRIMARY KEY REFERENCES concepts(id) ON DELETE CASCADE,
                                    by TEXT NOT NULL, at TEXT NOT NULL)
        """,
    )
    # before roles, approval admitted every equivalent; now the reviewed English is what a reviewer wrote or
    # imported, with the first equivalent (the one the reviewer saw and approved) the preferred one
    con.execute(
        "UPDATE equivalents SET role = 'admitted' WHERE source IN ('reviewer', 'import') AND concept_id IN "
        "(SELECT id FROM concepts WHERE status != 'candidate')"
    )
    con.execute(
        "UPDATE equivalents SET role = 'preferred' WHERE id IN (SELECT e.id FROM equivalents e JOIN concepts c "
        "ON c.id = e.concept_id WHERE c.status != 'candidate' AND e.rank = (SELECT MIN(rank) FROM equivalents "
        "WHERE concept_id = e.concept_id))"
    )


def _v8_workspace(con: Connection) -> None:
    """The browser workspace: indexes for its queue (each order it sorts by, the file and source filters),
    a count of each concept's English kept by triggers, which history rows were undone, a number that every write
    transaction moves (caches of the term base check it) (the "no English" filter counts on an index instead of
    probing every concept), the line of each context in its file, and reviewer accounts (passwords kept as Argon2 hashes only)."""
    _run(
        con,
        """
        CREATE INDEX concepts_status_score ON concepts(status, score DESC, id);
        CREATE INDEX concepts_score ON concepts(score DESC, id);
        CREATE INDEX concepts_status_count ON concepts(status, count DESC, score DESC, id);
        CREATE INDEX concepts_status_pinyin ON concepts(status, pinyin_plain, simplified, id);
        CREATE INDEX concepts_status_date ON concepts(status, updated_at DESC, id);
        CREATE INDEX occurrences_file ON occurrences(file);
        CREATE INDEX equivalents_source ON equivalents(source, concept_id);
        CREATE INDEX log_by ON log(by, id);
        CREATE TABLE users (name TEXT PRIMARY KEY, hash TEXT NOT NULL, created_at TEXT NOT NULL);
        ALTER TABLE log ADD COLUMN undone INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE termbase_version (n INTEGER NOT NULL);
        INSERT INTO termbase_version VALUES (0);
        ALTER TABLE contexts ADD COLUMN line INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE concepts ADD COLUMN english_count INTEGER NOT NULL DEFAULT 0;
        UPDATE concepts SET english_count = (SELECT COUNT(*) FROM equivalents WHERE concept_id = concepts.id);
        CREATE INDEX concepts_status_english ON concepts(status, english_count)
        """,
    )
    # one statement each: a trigger's body has semicolons of its own
    for name, when, sign, row in (("counted", "INSERT", "+", "NEW"), ("uncounted", "DELETE", "-", "OLD")):
        body = f"UPDATE concepts SET english_count = english_count {sign} 1 WHERE id = {row}.concept_id"
        if backend.kind(con) == "postgresql":
            con.execute(
                f"CREATE FUNCTION equivalents_{name}() RETURNS trigger LANGUAGE plpgsql AS "
                f"$$ BEGIN {body}; RETURN NULL; END $$"
            )
            con.execute(
                f"CREATE TRIGGER equivalents_{name} AFTER {when} ON equivalents "
                f"FOR EACH ROW EXECUTE FUNCTION equivalents_{name}()"
            )
        else:
            con.execute(f"CREATE TRIGGER equivalents_{name} AFTER {when} ON equivalents BEGIN {body}; END")


def _v9_shown_reading_keys(con: Connection) -> None:
    """Pinyin search keys from the reading each concept shows (they were pypinyin's reading of the term, which
    the aligner and reviewers correct: 大分子 showed zǐ and was found only by pypinyin's neutral zi)."""
    from .search import pinyin_columns

    rows = con.execute("SELECT id, simplified, pinyin FROM concepts").fetchall()
    con.executemany(
        "UPDATE concepts SET pinyin_num=?, pinyin_plain=? WHERE id=?",
        [(*pinyin_columns(simp, pinyin), cid) for cid, simp, pinyin in rows],
    )


MIGRATIONS: list[tuple[int, str, Step]] = [
    (1, "initial schema", _v1_initial),
    (2, "search keys", _v2_search_keys),
    (3, "concept count", _v3_concept_count),
    (4, "search index", _v4_search_index),
    (5, "review", _v5_review),
    (6, "translation memory", _v6_translation_memory),
    (7, "english roles, revisions, review claims", _v7_roles),
    (8, "workspace indexes, reviewer accounts", _v8_workspace),
    (9, "pinyin keys of the reading shown", _v9_shown_reading_keys),
]
LATEST = MIGRATIONS[-1][0]


def current_version(con: Connection) -> int:
    """Highest applied migration, 0 for an empty database."""
    if "schema_migrations" not in backend.tables(con):
        return 0
    return con.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]


def migrate(con: Connection, target: int | None = None) -> list[int]:
    """Apply missing migrations up to ``target`` (default: all); return the versions applied.

    :raises TermBaseError: when the file is not a term base or is newer than this program.
    """
    tables = backend.tables(con)
    if tables and "schema_migrations" not in tables:
        what = "SQLite file" if backend.kind(con) == "sqlite" else "database (it has other tables)"
        raise TermBaseError(f"this {what} is not a glossary term base; give another --db")
    have = current_version(con)
    if have > LATEST:
        raise TermBaseError(f"term base schema v{have} is newer than this glossary (v{LATEST}); upgrade glossary")
    applied: list[int] = []
    if have == LATEST:
        return applied
    for version, name, step in MIGRATIONS:
        if version <= have or (target is not None and version > target):
            continue
        backend.begin(con)  # one writer: two processes opening a new term base do not both migrate it
        try:
            con.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            if current_version(con) >= version:  # another process applied it meanwhile
                con.execute("COMMIT")
                continue
            step(con)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                (version, name, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied
