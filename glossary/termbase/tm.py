"""Translation-memory units in the term base file (the SQL side of :mod:`glossary.tm`).

>>> from glossary.termbase import TermBase
>>> with TermBase(":memory:") as tb:
...     add_units(tb, [("大豆很重要。", "Soybeans matter.")], origin="demo")
...     add_units(tb, [("大豆很重要。", "Soybeans matter.")], origin="demo")
(1, 0)
(0, 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timezone

from ..models import TermEntry
from ..normalise.text import fold_for_match as fold
from .backend import chunks, marks
from .decisions import TermBase


def add_units(
    tb: TermBase, pairs: Iterable[tuple[str, str]], origin: str = "", srclang: str = "zh-CN", tgtlang: str = "en-US"
) -> tuple[int, int]:
    """Add sentence pairs in one transaction; a pair already there is skipped. Return (added, skipped)."""
    added = skipped = 0
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with tb.transaction():
        for src, tgt in pairs:
            cur = tb.con.execute(
                "INSERT OR IGNORE INTO tm_units (source, target, srclang, tgtlang, folded, origin, "
                "created_at) VALUES (?,?,?,?,?,?,?)",
                (src, tgt, srclang, tgtlang, fold(src), origin, now),
            )
            if cur.rowcount:
                added += 1
            else:
                skipped += 1
    return added, skipped


def units(tb: TermBase) -> list[tuple[int, str, str]]:
    """Every unit as (id, source, target), in the order added."""
    return tb.con.execute("SELECT id, source, target FROM tm_units ORDER BY id").fetchall()


def folded_sources(tb: TermBase) -> list[tuple[int, str]]:
    """(id, folded source) of every unit, for the fuzzy index."""
    return tb.con.execute("SELECT id, folded FROM tm_units").fetchall()


def unit(tb: TermBase, uid: int) -> tuple[str, str]:
    """(source, target) of one unit."""
    return tb.con.execute("SELECT source, target FROM tm_units WHERE id=?", (uid,)).fetchone()


def concordance(tb: TermBase, phrase: str, limit: int = 50) -> list[tuple[int, str, str]]:
    """Units whose source (either script) or target holds ``phrase`` (case-insensitive for Latin)."""
    f = fold(phrase)
    like = "%" + f.replace("%", "").replace("_", "") + "%"
    return tb.con.execute(
        "SELECT id, source, target FROM tm_units WHERE folded LIKE ? OR lower(target) LIKE ? ORDER BY id LIMIT ?",
        (like, "%" + phrase.lower() + "%", limit),
    ).fetchall()


def english_from_memory(
    tb: TermBase, terms: Sequence[str] | None = None, by: str = "tm", min_pairs: int = 1
) -> dict[str, list[tuple[str, float]]]:
    """Find candidates' English in the memory (:func:`glossary.tm.extract.propose`) and add it to their entries:
    a rendering with strong evidence before the other suggestions, weaker ones after; the history records the
    memory units each came from (`glossary show` lists them). ``terms`` default: every candidate. Returns what was
    found, term → [(English, confidence)]."""
    from ..models import Equivalent, Status
    from ..tm.extract import STRONG, confidence, propose_with_evidence

    rows = units(tb)
    if not rows:
        return {}
    pairs = [(s, t) for _, s, t in rows]
    if terms is None:
        entries = tb.entries([Status.CANDIDATE])
    else:  # only the mined terms are loaded, not every candidate of a large term base
        terms = list(dict.fromkeys(terms))
        ids = [
            row[0]
            for part in chunks(terms)
            for row in tb.con.execute(
                f"SELECT id FROM concepts WHERE status='candidate' AND simplified IN ({marks(len(part))})", part
            )
        ]
        entries = [e for part in chunks(ids) for e in tb._load(part)]
    replaced = replaced_by_memory(
        tb, [e.id for e in entries if e.id is not None and any(q.source == "tm" for q in e.english)]
    )
    known = {e.simplified: english_before_memory(e, replaced.get(e.id or 0, ())) for e in entries}
    found = propose_with_evidence(list(known), pairs, min_pairs=min_pairs, known=known)
    with tb.transaction():
        for term, spans in found.items():
            evidence = {en: [rows[i][0] for i in ids] for en, _, ids in spans}
            best, rest = spans[0], spans[1:]
            first = confidence(best[1]) >= STRONG
            tb.edit_suggestions(term, [Equivalent(best[0], "tm", confidence(best[1]))], by, first, evidence)
            if rest:
                tb.edit_suggestions(
                    term,
                    [Equivalent(en, "tm", confidence(s, runner_up=True)) for en, s, _ in rest],
                    by,
                    False,
                    evidence,
                )
    return {
        t: [(en, confidence(s, runner_up=i > 0)) for i, (en, s, _) in enumerate(spans)] for t, spans in found.items()
    }


def english_before_memory(entry: TermEntry, replaced: Iterable[str] = ()) -> list[str]:
    """``entry``'s English as it was before the memory spoke, which the span model weighs as it was fitted to: an
    earlier extraction's own renderings taken as evidence would vote for themselves (a second `tm extract` changed
    the first suggestion of a third of the terms). ``replaced``: the suggestions of other sources a rendering of
    the same text took the place of (:func:`replaced_by_memory`), which the entry said before the memory.

    >>> from glossary.models import Equivalent, TermEntry
    >>> e = TermEntry("大豆", english=[Equivalent("soy", "tm"), Equivalent("soybean", "cedict")])
    >>> english_before_memory(e), english_before_memory(e, ["soy"])
    (['soybean'], ['soybean', 'soy'])
    """
    # (a rendering a reviewer took is the reviewer's English now, whatever proposed it)
    own = [q.text for q in entry.english if q.source != "tm" or q.role != "suggested"]
    return own + [t for t in dict.fromkeys(replaced) if t not in own]


def replaced_by_memory(tb: TermBase, ids: Sequence[int]) -> dict[int, list[str]]:
    """Concept id → the texts of other sources' suggestions that a memory rendering of the same text replaced
    (the ``replaced`` of its ``suggest`` log rows)."""
    import json

    out: dict[int, list[str]] = {}
    for part in chunks(ids):
        rows = tb.con.execute(
            f"SELECT concept_id, after FROM log WHERE action='suggest' AND concept_id IN ({marks(len(part))})", part
        )
        for cid, after in rows:
            if after and '"replaced"' in after:
                out.setdefault(cid, []).extend(json.loads(after).get("replaced") or [])
    return out


def memory_evidence(tb: TermBase, term_or_id: str | int) -> dict[str, list[int]]:
    """English from the memory on an entry → the memory units it was found in (from the history)."""
    import json

    out: dict[str, list[int]] = {}
    for row in tb.history(term_or_id):
        if row["action"] == "suggest" and row["after"].startswith("{"):
            after = json.loads(row["after"])
            for en, ids in (after.get("units") or {}).items():
                out[en] = ids
    return out
