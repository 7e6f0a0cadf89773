"""The review queue: candidates in score order, less those a reviewer put aside and those another reviewer holds
(an entry shown in `glossary review` or the browser is held for its reviewer for :data:`CLAIM_SECONDS`).

>>> from glossary.models import TermEntry
>>> from glossary.termbase import TermBase
>>> with TermBase(":memory:") as tb:
...     _ = tb.stage([TermEntry("镨钕", score=0.9), TermEntry("氧化镝", score=0.5)], by="ann")
...     e, _ = tb.claim_next("ann")
...     e.simplified, [x.simplified for x in tb.queue("bob")]
('镨钕', ['氧化镝'])
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from ..models import TermEntry
from .store import _now

if TYPE_CHECKING:
    from .decisions import TermBase

#: how long an entry shown in `review` stays held for its reviewer
CLAIM_SECONDS = 30 * 60

_QUEUE = (
    "SELECT id FROM concepts WHERE status='candidate' "
    "AND id NOT IN (SELECT concept_id FROM review_skips WHERE by=?) "
    "AND id NOT IN (SELECT concept_id FROM review_claims WHERE by != ? AND at > ?) ORDER BY score DESC, id"
)


def _ago(seconds: int) -> str:
    return (datetime.now(timezone.utc) - timedelta(seconds=seconds)).isoformat(timespec="seconds")


def skip(tb: TermBase, term_or_id: str | int, by: str) -> None:
    """:meth:`TermBase.skip`."""
    with tb.transaction():
        tb.con.execute(
            "INSERT INTO review_skips VALUES (?, ?, ?) ON CONFLICT (concept_id, by) DO UPDATE SET at = excluded.at",
            (tb.resolve(term_or_id), by, _now()),
        )


def queue(tb: TermBase, by: str, limit: int | None = None) -> list[TermEntry]:
    """:meth:`TermBase.queue`."""
    sql = _QUEUE + (f" LIMIT {int(limit)}" if limit else "")
    return tb._load([r[0] for r in tb.con.execute(sql, (by, by, _ago(CLAIM_SECONDS)))])


def claim_next(tb: TermBase, by: str) -> tuple[TermEntry, int] | None:
    """:meth:`TermBase.claim_next`."""
    with tb.transaction():
        row = tb.con.execute(_QUEUE + " LIMIT 1", (by, by, _ago(CLAIM_SECONDS))).fetchone()
        if row is None:
            return None
        tb.con.execute(
            "INSERT INTO review_claims VALUES (?, ?, ?) "
            "ON CONFLICT (concept_id) DO UPDATE SET by = excluded.by, at = excluded.at",
            (row[0], by, _now()),
        )
        return tb._load([row[0]])[0], tb.revision(row[0])


def release(tb: TermBase, by: str) -> None:
    """:meth:`TermBase.release`."""
    with tb.transaction():
        tb.con.execute("DELETE FROM review_claims WHERE by=?", (by,))
