"""What mining and imports add to the term base: new concepts, English after a concept's own, evidence (forms,
per-file counts, contexts), and the merge of a mine's entries (:func:`stage`).
:class:`~glossary.termbase.store.Store` offers them as its methods.

>>> from glossary.models import TermEntry, Equivalent
>>> from glossary.termbase.store import Store
>>> with Store(":memory:") as store:
...     stage(store, [TermEntry("镨钕", "鐠釹", "pǔ nǚ", [Equivalent("PrNd", "text", 0.9)])], by="ann")
...     stage(store, [TermEntry("镨钕", "鐠釹", "pǔ nǚ", [Equivalent("NdPr", "compose", 0.3)])], by="ann")
{'added': 1, 'updated': 0, 'kept': 0, 'joined': 0}
{'added': 0, 'updated': 1, 'kept': 0, 'joined': 0}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from ..models import Equivalent, Status, TermEntry
from . import bulk as _bulk
from . import search as _search
from .backend import Connection, marks

if TYPE_CHECKING:  # pragma: no cover
    from .store import Store

#: sources written by people; mining never replaces them
HUMAN_SOURCES = frozenset({"reviewer", "termbase", "import"})
#: an equivalent nobody chose and no person wrote (bound with :data:`_PEOPLE` after it)
_MACHINE = f"role='suggested' AND source NOT IN ({marks(len(HUMAN_SOURCES))})"
_PEOPLE = tuple(sorted(HUMAN_SOURCES))
MAX_CONTEXTS = 5


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def insert(store: Store, e: TermEntry, by: str, action: str) -> int:
    """Add ``e`` as a new concept, with its English, evidence, search rows and a line of history."""
    con = store.con
    now = _now()
    cid = _bulk.next_id(con)
    # (the pinyin keys are written by index_rows below, with the other search rows)
    con.execute(
        "INSERT INTO concepts (id, simplified, traditional, pinyin, status, kind, score, note, created_at, "
        "updated_at, count) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            cid,
            e.simplified,
            e.traditional,
            e.pinyin,
            e.status.value,
            e.kind,
            e.score,
            e.note,
            now,
            now,
            e.count,
        ),
    )
    _bulk.ids_given(con)
    add_equivalents(con, cid, e.english)
    add_evidence(con, cid, e, MAX_CONTEXTS if action == "mine" else None)
    _search.index_rows(con, cid)
    store._log(cid, by, action, "", {"status": e.status.value})
    return cid


def add_equivalents(
    con: Connection, cid: int, eqs: Sequence[Equivalent], replace_machine: bool = False, first: bool = False
) -> None:
    """Add ``eqs`` after the concept's English, or with ``first`` before it (suggestions before the machines'
    other suggestions only: never before what a reviewer chose or a person wrote, :data:`HUMAN_SOURCES`);
    ``replace_machine`` first drops the machine suggestions nobody chose."""
    if replace_machine:
        con.execute(f"DELETE FROM equivalents WHERE concept_id=? AND {_MACHINE}", (cid, *_PEOPLE))
    start: int | None = None  # (where the new ones go; None: after all the concept's English)
    if first:
        start = 0
        if all(q.role == "suggested" for q in eqs):
            # (a memory's rendering put above a reviewer's preferred English was the first English exported; with
            # no machine suggestion to go before, it goes after everything)
            start = con.execute(
                f"SELECT MIN(rank) FROM equivalents WHERE concept_id=? AND {_MACHINE}", (cid, *_PEOPLE)
            ).fetchone()[0]
    if start is None:
        start = con.execute(
            "SELECT COALESCE(MAX(rank), -1) + 1 FROM equivalents WHERE concept_id=?", (cid,)
        ).fetchone()[0]
    else:
        con.execute("UPDATE equivalents SET rank = rank + ? WHERE concept_id=? AND rank >= ?", (len(eqs), cid, start))
    for i, q in enumerate(eqs):
        con.execute(
            "INSERT OR IGNORE INTO equivalents (concept_id, text, source, confidence, rank, folded, role) "
            "VALUES (?,?,?,?,?,?,?)",
            (cid, q.text, q.source, q.confidence, start + i, q.text.lower(), q.role),
        )


def dropped(con: Connection, cid: int) -> tuple[set[str], set[str]]:
    """The English (lower-cased) and the variant forms a reviewer removed from the concept and has not given back
    since, read from the entries the history keeps before and after each edit and revert: a machine does not add
    them again (mining the texts again, the translation memory), or a reviewer's ``--drop`` would last only until
    the next run.

    >>> from glossary.termbase import TermBase
    >>> with TermBase(":memory:") as tb:
    ...     _ = tb.stage([TermEntry("镨钕", english=[Equivalent("PrNd", "compose"), Equivalent("NdPr", "compose")])], "a")
    ...     _ = tb.edit("镨钕", by="ann", drop=["NdPr"])
    ...     dropped(tb.con, tb.resolve("镨钕"))
    ({'ndpr'}, set())
    """
    import json

    english: set[str] = set()
    variants: set[str] = set()
    for before, after in con.execute(
        "SELECT before, after FROM log WHERE concept_id=? AND action IN ('edit', 'revert') ORDER BY id", (cid,)
    ):
        try:
            was, now = json.loads(before), json.loads(after)
            had = {q[0].lower() for q in was.get("english", [])}
            has = {q[0].lower() for q in now.get("english", [])}
            forms_had, forms_have = set(was.get("variants", [])), set(now.get("variants", []))
        except (ValueError, TypeError, AttributeError, IndexError):
            continue  # (not a whole entry: nothing said of its English or forms)
        english = (english | (had - has)) - has
        variants = (variants | (forms_had - forms_have)) - forms_have
    return english, variants


def suggest(
    store: Store,
    cid: int,
    suggestions: Sequence[Equivalent],
    by: str,
    first: bool = False,
    evidence: Mapping[str, list[int]] | None = None,
) -> None:
    """Add a machine's ``suggestions`` to concept ``cid`` (``TermBase.edit_suggestions``), logged with the memory
    units each came from (``evidence``)."""
    con = store.con
    if con.execute("SELECT edited FROM concepts WHERE id=?", (cid,)).fetchone()[0]:  # (a reviewer's drop lasts)
        gone = dropped(con, cid)[0]
        suggestions = [q for q in suggestions if q.text.lower() not in gone]
    if not suggestions:
        return
    replaced: list[str] = []
    if first:
        # another machine's suggestion of the same text gives way (English a person wrote stays, as it is); it is
        # remembered in the log: what the entry said before this source spoke, which
        # :func:`~glossary.termbase.tm.english_before_memory` reads
        for q in suggestions:
            replaced += [
                r[0]
                for r in con.execute(
                    f"SELECT text FROM equivalents WHERE concept_id=? AND folded=? AND {_MACHINE} AND source<>?",
                    (cid, q.text.lower(), *_PEOPLE, q.source),
                )
            ]
            con.execute(
                f"DELETE FROM equivalents WHERE concept_id=? AND folded=? AND {_MACHINE}",
                (cid, q.text.lower(), *_PEOPLE),
            )
    new = new_english(con, cid, suggestions)
    if not new:
        return
    add_equivalents(con, cid, new, first=first)
    _search.index_rows(con, cid)
    after: dict[str, object] = {"english": [q.text for q in new], "source": new[0].source}
    if evidence:
        after["units"] = {q.text: evidence[q.text] for q in new if q.text in evidence}
    if replaced:
        after["replaced"] = replaced
    store._log(cid, by, "suggest", "", after)


def new_english(con: Connection, cid: int, eqs: Sequence[Equivalent]) -> list[Equivalent]:
    """The equivalents of ``eqs`` the concept does not have yet (in any letter case)."""
    return [
        q
        for q in eqs
        if not con.execute(
            "SELECT 1 FROM equivalents WHERE concept_id=? AND folded=?", (cid, q.text.lower())
        ).fetchone()
    ]


def add_evidence(con: Connection, cid: int, e: TermEntry, cap: int | None = MAX_CONTEXTS) -> None:
    """Add ``e``'s variants, per-file counts and contexts (mining keeps at most ``cap`` contexts; an import
    keeps every one its file has, as a merged entry may hold more)."""
    for form in [e.traditional, *e.variants]:
        if form and form != e.simplified:
            con.execute("INSERT OR IGNORE INTO variants VALUES (?, ?)", (cid, form))
    for f in e.files:
        n = e.file_counts.get(f, e.count if len(e.files) == 1 else 1)
        con.execute(
            "INSERT INTO occurrences VALUES (?,?,?) ON CONFLICT(concept_id, file) DO UPDATE SET count=excluded.count",
            (cid, f, n),
        )
    if e.files:  # the total follows the per-file evidence once there is any
        con.execute(
            "UPDATE concepts SET count = (SELECT SUM(count) FROM occurrences WHERE concept_id=?) WHERE id=?",
            (cid, cid),
        )
    have = con.execute("SELECT COUNT(*) FROM contexts WHERE concept_id=?", (cid,)).fetchone()[0]
    for c in e.contexts:
        if cap is not None and have >= cap:
            break
        cur = con.execute(
            'INSERT OR IGNORE INTO contexts (concept_id, file, "offset", text, line) VALUES (?,?,?,?,?)',
            (cid, c.file, c.offset, c.text, c.line),
        )
        have += cur.rowcount


def stage(store: Store, entries: Sequence[TermEntry], by: str) -> dict[str, int]:
    """Merge mined entries in one transaction: new concepts are added as candidates;
    existing ones gain the new evidence while reviewers' decisions, edits and notes stay.

    A rejected concept stays rejected: its evidence is updated, it does not come back. A form merged into
    another concept (now its variant) feeds that concept: a merge is never undone by mining again.
    """
    con = store.con
    # (kept: a reviewed concept mined again; joined: a form of another concept, whose evidence joins it)
    counts = {"added": 0, "updated": 0, "kept": 0, "joined": 0}
    # new concepts wait to be written together (bulk.insert_new); a term that is a form of one of them
    # first has them written, so that it finds its concept as the one-by-one path would
    pending: list[TermEntry] = []
    forms: set[str] = set()
    with store.transaction():
        for e in entries:
            if e.simplified in forms:
                _bulk.insert_new(store, pending, by, "mine", MAX_CONTEXTS)
                pending, forms = [], set()
            row = con.execute("SELECT id, status, edited FROM concepts WHERE simplified=?", (e.simplified,)).fetchone()
            merged = row is None
            if merged:
                row = con.execute(
                    "SELECT c.id, c.status, c.edited FROM variants v JOIN concepts c ON c.id = v.concept_id "
                    "WHERE v.form=? ORDER BY c.id LIMIT 1",
                    (e.simplified,),
                ).fetchone()
            if row is None:
                pending.append(e)
                forms.update([e.simplified, e.traditional, *e.variants])
                counts["added"] += 1
                continue
            cid, status, edited = row
            if edited:  # (the English and forms a reviewer dropped stay dropped)
                gone_english, gone_forms = dropped(con, cid)
                e = replace(
                    e,
                    english=[q for q in e.english if q.text.lower() not in gone_english],
                    variants=[v for v in e.variants if v not in gone_forms],
                    traditional="" if e.traditional in gone_forms else e.traditional,
                )
            add_evidence(con, cid, e)
            if merged:
                # the concept's own forms, score and English stay; the variant's evidence and suggestions join
                add_equivalents(con, cid, new_english(con, cid, e.english))
                counts["joined"] += 1
            elif status == Status.CANDIDATE.value:
                # a reviewer's edits stay; mining refreshes only what no one touched
                con.execute(
                    "UPDATE concepts SET score=?, kind=?, updated_at=?, "
                    "traditional = CASE edited WHEN 1 THEN traditional ELSE ? END, "
                    "pinyin = CASE edited WHEN 1 THEN pinyin ELSE ? END WHERE id=?",
                    (e.score, e.kind, _now(), e.traditional, e.pinyin, cid),
                )
                add_equivalents(con, cid, e.english, replace_machine=True)
                counts["updated"] += 1
            else:
                con.execute("UPDATE concepts SET score=? WHERE id=?", (e.score, cid))
                add_equivalents(con, cid, e.english)
                counts["kept"] += 1
            _search.index_rows(con, cid)
        _bulk.insert_new(store, pending, by, "mine", MAX_CONTEXTS)
    return counts
