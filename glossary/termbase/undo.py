"""Undo: a reviewer takes back their own last decision — a status move, an edit, an import, a revert or a
merge — as long as nobody changed the entry since. The undo is itself recorded in the history.

>>> from glossary.models import TermEntry, Status
>>> from glossary.termbase import TermBase
>>> with TermBase(":memory:") as tb:
...     _ = tb.stage([TermEntry("镨钕", "鐠釹", "pǔ nǚ")], by="ann")
...     _ = tb.set_status("镨钕", Status.REJECTED, by="ann")
...     e, what = tb.undo(by="ann")
...     e.status.value, what
('candidate', 'rejected 镨钕')
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..errors import InvalidEdit, StaleEntry
from ..models import Context, Equivalent, Status, TermEntry
from .backend import chunks, marks

if TYPE_CHECKING:
    from .decisions import TermBase

#: the history actions a reviewer can take back
UNDOABLE = (*(s.value for s in Status), "edit", "import", "revert", "merge")
#: what a history row keeps only so that it can be undone: the entries a merge joined and the rows it moved,
#: the decision an undo took back (the row's note says it in words)
RECORD_KEYS = frozenset({"entry", "kept", "log", "undid", "action"})


def changes(before: str, after: str) -> list[tuple[str, object, object]] | None:
    """The fields a history row changed, as (field, before, after), leaving out what is kept only for undo;
    None when a side is no JSON object (a row written as free text). An empty side is an empty entry.

    >>> changes('{"status": "candidate"}', '{"status": "approved", "preferred": "PrNd"}')
    [('status', 'candidate', 'approved'), ('preferred', None, 'PrNd')]
    """
    try:
        b, a = json.loads(before or "{}"), json.loads(after or "{}")
    except ValueError:
        return None
    if not isinstance(b, dict) or not isinstance(a, dict):
        return None
    return [(k, b.get(k), a.get(k)) for k in dict.fromkeys([*b, *a]) if k not in RECORD_KEYS and b.get(k) != a.get(k)]


def whole(tb: TermBase, e: TermEntry) -> dict[str, object]:
    """An entry whole, its evidence with it, as the history keeps an entry a merge or a delete removes (so that
    :func:`reinsert` can put it back)."""
    from .store import snapshot

    row = tb.con.execute("SELECT created_at, edited FROM concepts WHERE id=?", (e.id,)).fetchone()
    return {
        **snapshot(e),
        "id": e.id,
        "simplified": e.simplified,
        "score": e.score,
        "count": e.count,
        "file_counts": e.file_counts,
        "contexts": [[c.file, c.offset, c.text, c.line] for c in e.contexts],
        "created_at": row[0],
        "edited": row[1],
    }


def merge_record(tb: TermBase, kept: TermEntry, merged: TermEntry) -> dict[str, object]:
    """What the history keeps of a merge so that it can be undone: both entries whole, with their evidence,
    and which history rows move from the merged entry to the kept one."""
    assert kept.id is not None and merged.id is not None
    moved = [r[0] for r in tb.con.execute("SELECT id FROM log WHERE concept_id=? ORDER BY id", (merged.id,))]
    return {
        "merged": merged.simplified,
        "status": merged.status.value,
        "entry": whole(tb, merged),
        "kept": whole(tb, kept),
        "log": moved,
    }


def last_decision(tb: TermBase, by: str) -> tuple[int, int, str, str] | None:
    """(log id, concept id, action, before) of ``by``'s last decision not undone yet, or None."""
    return tb.con.execute(
        f"SELECT id, concept_id, action, before FROM log WHERE by=? AND action IN ({marks(len(UNDOABLE))}) "
        "AND concept_id IS NOT NULL AND undone = 0 ORDER BY id DESC LIMIT 1",
        (by, *UNDOABLE),
    ).fetchone()


def undo(tb: TermBase, by: str, note: str = "") -> tuple[TermEntry, str]:
    """Take back ``by``'s last decision; return the entry as it is now and what was undone ("approved 镨钕").

    :raises InvalidEdit: when ``by`` has no decision left to undo.
    :raises StaleEntry: when someone changed the entry after that decision (undo theirs first, or edit).
    """
    from .store import snapshot

    with tb.transaction():
        row = last_decision(tb, by)
        if row is None:
            raise InvalidEdit(f"{by} has no decision left to undo")
        log_id, cid, action, before_text = row
        later = tb.con.execute(
            "SELECT by, action FROM log WHERE concept_id=? AND id > ? ORDER BY id DESC LIMIT 1", (cid, log_id)
        ).fetchone()
        name = tb.con.execute("SELECT simplified FROM concepts WHERE id=?", (cid,)).fetchone()[0]
        if later:
            raise StaleEntry(f"{name} changed after your {action} ({later[0]}: {later[1]}); it is left as it is")
        before = json.loads(before_text) if before_text.startswith("{") else {}
        current = tb._load([cid])[0]
        if action == "merge":
            _unmerge(tb, cid, before)
        elif action in (s.value for s in Status):
            _unstatus(tb, cid, log_id, before)
        else:
            tb.restore(cid, before)
        what = f"{action} {current.simplified}" + (f" ← {before['merged']}" if action == "merge" else "")
        after = tb._load([cid])[0]
        # the row says which decision it took back (so it is not undone twice) beside the entry before and after
        tb.con.execute("UPDATE log SET undone = 1 WHERE id=?", (log_id,))
        tb._log(
            cid, by, "undo", {**snapshot(current), "undid": log_id, "action": action}, snapshot(after), note or what
        )
        return after, what


def _unstatus(tb: TermBase, cid: int, log_id: int, before: dict[str, object]) -> None:
    after = json.loads(tb.con.execute("SELECT after FROM log WHERE id=?", (log_id,)).fetchone()[0] or "{}")
    tb.con.execute("UPDATE concepts SET status=? WHERE id=?", (before["status"], cid))
    if "preferred" in after:  # the approval chose the first English: give the choice back
        tb.con.execute(
            "UPDATE equivalents SET role='suggested' WHERE concept_id=? AND text=? AND role='preferred'",
            (cid, after["preferred"]),
        )


def _unmerge(tb: TermBase, cid: int, record: dict[str, object]) -> None:
    from . import search as _search

    gone, kept = record.get("entry"), record.get("kept")
    if not isinstance(gone, dict) or not isinstance(kept, dict):
        raise InvalidEdit("this merge was recorded before merges could be undone; split it with `glossary edit`")
    reinsert(tb, gone)
    # the kept entry: its own forms, English, evidence and count as they were before the merge
    con = tb.con
    tb.restore(cid, kept)
    con.execute("UPDATE concepts SET count=?, score=? WHERE id=?", (kept["count"], kept["score"], cid))
    con.execute("DELETE FROM occurrences WHERE concept_id=?", (cid,))
    for f, n in dict(kept["file_counts"]).items():
        con.execute("INSERT INTO occurrences VALUES (?,?,?)", (cid, f, n))
    con.execute("DELETE FROM contexts WHERE concept_id=?", (cid,))
    for c in kept["contexts"]:
        con.execute('INSERT INTO contexts (concept_id, file, "offset", text, line) VALUES (?,?,?,?,?)', (cid, *c))
    moved = [int(i) for i in record.get("log", [])]  # type: ignore[attr-defined]
    for part in chunks(moved):
        con.execute(f"UPDATE log SET concept_id=? WHERE id IN ({marks(len(part))})", (gone["id"], *part))
    _search.index_rows(con, gone["id"])
    _search.index_rows(con, cid)


def reinsert(tb: TermBase, gone: dict[str, Any]) -> None:
    """Put an entry the history kept :func:`whole` back under its own id, with its English and evidence."""
    from . import search as _search

    con = tb.con
    con.execute(
        "INSERT INTO concepts (id, simplified, traditional, pinyin, status, kind, score, note, created_at, "
        "updated_at, count, edited) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            gone["id"],
            gone["simplified"],
            gone["traditional"],
            gone["pinyin"],
            gone["status"],
            gone["kind"],
            gone["score"],
            gone["note"],
            gone["created_at"],
            gone["created_at"],
            gone["count"],
            gone["edited"],
        ),
    )
    entry = TermEntry(
        simplified=gone["simplified"],
        traditional=gone["traditional"],
        variants=list(gone["variants"]),
        english=[Equivalent(t, s, c, r) for t, s, c, r in gone["english"]],
        count=gone["count"],
        files=list(gone["file_counts"]),
        file_counts=dict(gone["file_counts"]),
        contexts=[Context(*c) for c in gone["contexts"]],
    )
    tb._add_equivalents(gone["id"], entry.english)
    tb._add_evidence(gone["id"], entry, cap=None)
    _search.index_rows(con, gone["id"])
