"""Imports that change only what a file has, and reverting a change from the history.

An import never erases: a field the file leaves out or empty keeps its value, the English the file gives goes
first (its preferred one becomes the entry's, a former preferred one stays admitted) and the entry's other
English stays, and a status the file lowers is reported. The history keeps the whole entry before and after
each change, so :func:`revert` can put it back.

>>> from glossary.termbase import TermBase
>>> from glossary.models import Equivalent, Status, TermEntry
>>> with TermBase(":memory:") as tb:
...     _ = tb.put(TermEntry("大豆", "大豆", "dà dòu", [Equivalent("soybean", "reviewer", 1.0, "preferred")],
...                          Status.APPROVED), by="ann")
...     thin = TermEntry("大豆", english=[Equivalent("soya bean", "import", 1.0)], given=frozenset({"english"}))
...     tb.put(thin, by="bob", on_conflict="overwrite")
...     e = tb.get("大豆")
...     (e.status.value, e.pinyin, [(q.text, q.role) for q in e.english])
'updated'
('approved', 'dà dòu', [('soya bean', 'preferred'), ('soybean', 'admitted')])
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING

from ..errors import InvalidEdit, TermNotFound
from ..models import Status, TermEntry
from .backend import marks

if TYPE_CHECKING:
    from .decisions import TermBase

_TEXT_FIELDS = ("traditional", "pinyin", "note", "kind")
#: log actions whose ``before`` is a whole entry that :func:`revert` can restore
REVERTIBLE = ("edit", "import", "revert")


def _given(e: TermEntry, name: str) -> bool:
    return e.given is None or name in e.given


def with_roles(e: TermEntry) -> TermEntry:
    """``e`` with a preferred English when it is reviewed and its file named none: a glossary's first English
    for a concept someone approved is the one they chose. A file that states each English's role (ours do) is
    taken at its word: an approved entry whose English is all suggestions stays so."""
    if e.given is not None and "roles" in e.given:
        return e
    if e.status != Status.APPROVED or not e.english or any(q.role == "preferred" for q in e.english):
        return e
    first = replace(e.english[0], role="preferred")
    return replace(e, english=[first, *e.english[1:]])


def merged(current: TermEntry, e: TermEntry) -> TermEntry:
    """``current`` with what the file's ``e`` has: non-empty fields it gives, its status when it gives one,
    its English first; nothing the file leaves out is lost."""
    out = replace(current, english=list(current.english), variants=list(current.variants))
    for name in _TEXT_FIELDS:
        value = getattr(e, name)
        if _given(e, name) and value and value != getattr(current, name):
            setattr(out, name, value)
    if _given(e, "status"):
        out.status = e.status
    theirs = with_roles(replace(e, status=out.status)).english if _given(e, "english") else []
    if theirs:
        has_preferred = any(q.role == "preferred" for q in theirs)
        keys = {q.text.lower() for q in theirs}
        kept = [
            replace(q, role="admitted") if has_preferred and q.role == "preferred" else q
            for q in current.english
            if q.text.lower() not in keys
        ]
        out.english = list(theirs) + kept
    return out


def _lowered(before: Status, after: Status) -> bool:
    return before != after and before != Status.CANDIDATE and after in (Status.CANDIDATE, Status.DEPRECATED)


def conflicts(tb: TermBase, e: TermEntry) -> bool:
    from .store import snapshot

    row = tb.con.execute("SELECT id FROM concepts WHERE simplified=?", (e.simplified,)).fetchone()
    if row is None:
        return False
    current = tb.get(row[0])
    return snapshot(merged(current, e)) != snapshot(current)


def put(tb: TermBase, e: TermEntry, by: str, on_conflict: str = "keep") -> str:
    from ..align import complete_forms  # (only an import needs the alignment's readers)
    from .store import snapshot

    with tb.transaction():
        row = tb.con.execute("SELECT id FROM concepts WHERE simplified=?", (e.simplified,)).fetchone()
        if row is None:
            # (a new entry gets the forms the file left out; one the term base has keeps its own: below, only what
            # the file gives changes)
            tb._insert(with_roles(complete_forms(e)), by, "import")
            return "added"
        cid = row[0]
        current = tb.get(cid)
        after = merged(current, e)
        if snapshot(after) == snapshot(current) or on_conflict == "keep":
            return "skipped"
        note = ""
        if _lowered(current.status, after.status):
            note = f"status lowered by the file: {current.status.value} → {after.status.value}"
            tb.warnings.append(f"{e.simplified}: {note}")
        tb.restore(cid, snapshot(after))
        tb._add_evidence(cid, e, cap=None)
        tb._log(cid, by, "import", snapshot(current), snapshot(tb.get(cid)), note)
        return "updated"


def revert(tb: TermBase, term_or_id: str | int, by: str, note: str = "") -> TermEntry:
    from .store import snapshot

    with tb.transaction():
        try:
            cid = tb.resolve(term_or_id)
        except TermNotFound:
            return _undelete(tb, term_or_id, by, note)
        row = tb.con.execute(
            f"SELECT action, before, at, by FROM log WHERE concept_id=? AND action IN ({marks(len(REVERTIBLE))}) "
            "ORDER BY id DESC LIMIT 1",
            (cid, *REVERTIBLE),
        ).fetchone()
        snap = json.loads(row[1]) if row and row[1].startswith("{") else None
        if not isinstance(snap, dict) or "english" not in snap:
            raise InvalidEdit(f"{tb.get(cid).simplified}: no edit or import in its history that can be reverted")
        current = tb.get(cid)
        tb.restore(cid, snap)
        tb._log(cid, by, "revert", snapshot(current), snap, note or f"undid the {row[0]} of {row[2]} by {row[3]}")
        return tb.get(cid)


def _undelete(tb: TermBase, term_or_id: str | int, by: str, note: str) -> TermEntry:
    """Put back the entry last deleted under this name (or id), whole, as the history kept it.

    :raises TermNotFound: when no entry was deleted under it either."""
    from .store import snapshot
    from .undo import reinsert

    ids = tb.deleted(term_or_id)
    if not ids:
        raise TermNotFound(str(term_or_id).strip())
    cid = ids[-1]
    before, at, who = tb.con.execute(
        "SELECT before, at, by FROM log WHERE concept_id=? AND action='delete' ORDER BY id DESC LIMIT 1", (cid,)
    ).fetchone()
    record = json.loads(before).get("entry")
    if not isinstance(record, dict):
        name = json.loads(before).get("simplified", term_or_id)
        raise InvalidEdit(f"{name} was deleted before a delete kept the whole entry; add it again (mine or import)")
    reinsert(tb, record)
    e = tb.get(cid)
    tb._log(cid, by, "revert", "", snapshot(e), note or f"undid the delete of {at} by {who}")
    return e


__all__ = ["REVERTIBLE", "conflicts", "merged", "put", "revert", "with_roles"]
