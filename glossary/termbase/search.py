"""``find``: look a concept up by Hanzi (either script), pinyin in any common spelling, English,
part of a term, or a near miss — one ranking for all.

Ranking: exact, then prefix, then substring, then fuzzy; within each,
approved before forbidden (shown so nobody uses it), candidates, the rest;
then by score.

>>> pinyin_query("pǔ nǚ"), pinyin_query("pu3nü3"), pinyin_query("punv"), pinyin_query("pu nu")
(('punu', '33'), ('punu', '33'), ('punu', ''), ('punu', ''))
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Sequence

from ..models import Status
from ..normalise.script import to_simplified

KIND_RANK = {"exact": 0, "prefix": 1, "substring": 2, "fuzzy": 3}
STATUS_RANK = {"approved": 0, "forbidden": 1, "candidate": 2, "deprecated": 3, "rejected": 4}
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")
_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
_PINYIN_ONLY = re.compile(r"^[a-zü:v0-5' ]+$")


@dataclass
class Match:
    """One hit: which concept, how it matched (``kind``) and on what (``field``)."""

    concept_id: int
    kind: str
    field: str
    status: str
    score: float
    entry: Any = field(default=None, repr=False)

    @property
    def rank(self) -> tuple[int, int, float]:
        return KIND_RANK[self.kind], STATUS_RANK.get(self.status, 9), -self.score


def fold_pinyin(pinyin: str) -> str:
    """Stored search key of a numbered pinyin string: lower case, no spaces, ü/v → u.

    >>> fold_pinyin("pu3 nv3")
    'pu3nu3'
    """
    return re.sub(r"[\s']", "", pinyin.lower()).replace("ü", "u").replace("v", "u").replace("u:", "u")


def pinyin_query(q: str) -> tuple[str, str]:
    """(toneless folded letters, tone digits in order) of a pinyin query in any spelling."""
    tones = []
    letters = []
    for ch in unicodedata.normalize("NFD", q.lower()):
        if ch in _MARKS:
            tones.append(_MARKS[ch])
        elif unicodedata.combining(ch):
            continue
        elif ch.isdigit():
            tones.append(ch)
        else:
            letters.append(ch)
    plain = fold_pinyin("".join(letters))
    return re.sub(r"[^a-z]", "", plain), "".join(t for t in tones if t in "1234")


def _like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _rows(con: sqlite3.Connection, sql: str, args: Sequence[object]) -> list[tuple[int, str, float]]:
    return con.execute(sql, args).fetchall()


def find(con: sqlite3.Connection, query: str, statuses: Sequence[Status] | None = None,
         limit: int = 20) -> list[Match]:
    """Search the term base; see the module docstring for the ranking."""
    q = unicodedata.normalize("NFC", query.strip())
    if not q:
        return []
    found: dict[int, Match] = {}

    def add(rows: list[tuple[int, str, float]], kind: str, fld: str) -> None:
        for cid, status, score in rows:
            m = Match(cid, kind, fld, status, score)
            if cid not in found or m.rank < found[cid].rank:
                found[cid] = m

    base = "SELECT c.id, c.status, c.score FROM concepts c"
    if _HAN.search(q):
        s = to_simplified(q)
        add(_rows(con, f"{base} WHERE c.simplified IN (?, ?) OR c.traditional = ? "
                       "OR c.id IN (SELECT concept_id FROM variants WHERE form IN (?, ?))", (q, s, q, q, s)),
            "exact", "hanzi")
        add(_rows(con, f"{base} WHERE c.simplified LIKE ? ESCAPE '\\' LIMIT 500", (_like(s) + "%",)), "prefix", "hanzi")
        add(_rows(con, f"{base} WHERE c.simplified LIKE ? ESCAPE '\\' OR c.traditional LIKE ? ESCAPE '\\' "
                       "LIMIT 500", ("%" + _like(s) + "%", "%" + _like(q) + "%")), "substring", "hanzi")
    else:
        folded = q.lower()
        add(_rows(con, f"{base} JOIN equivalents e ON e.concept_id = c.id WHERE e.folded = ?", (folded,)),
            "exact", "english")
        add(_rows(con, f"{base} WHERE lower(c.simplified) = ?", (folded,)), "exact", "latin")
        if _PINYIN_ONLY.match(unicodedata.normalize("NFD", folded).encode("ascii", "ignore").decode() or "-") or \
                any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", folded)):
            letters, tones = pinyin_query(q)
            if letters:
                rows = con.execute("SELECT id, status, score, pinyin_num FROM concepts WHERE pinyin_plain = ?",
                                   (letters,)).fetchall()
                add([(cid, st, sc) for cid, st, sc, num in rows
                     if not tones or re.sub(r"\D", "", num) == tones], "exact", "pinyin")
                rows = con.execute("SELECT id, status, score, pinyin_num FROM concepts WHERE pinyin_plain LIKE ? "
                                   "ESCAPE '\\' LIMIT 500", (_like(letters) + "%",)).fetchall()
                add([(cid, st, sc) for cid, st, sc, num in rows
                     if re.sub(r"\D", "", num).startswith(tones)], "prefix", "pinyin")
        add(_rows(con, f"{base} JOIN equivalents e ON e.concept_id = c.id WHERE e.folded LIKE ? ESCAPE '\\' "
                       "LIMIT 500", (_like(folded) + "%",)), "prefix", "english")
        add(_rows(con, f"{base} JOIN equivalents e ON e.concept_id = c.id WHERE e.folded LIKE ? ESCAPE '\\' "
                       "LIMIT 500", ("%" + _like(folded) + "%",)), "substring", "english")
    if statuses:
        allowed = {s.value for s in statuses}
        found = {k: m for k, m in found.items() if m.status in allowed}
    return sorted(found.values(), key=lambda m: m.rank)[:limit]


def suggest(con: sqlite3.Connection, query: str, limit: int = 5) -> list[str]:
    """Near matches for "did you mean …": forms within a small edit distance of ``query``.

    >>> con = sqlite3.connect(":memory:")
    >>> _ = con.execute("CREATE TABLE concepts (simplified TEXT)")
    >>> _ = con.execute("INSERT INTO concepts VALUES ('稀土永磁')")
    >>> _ = con.execute("CREATE TABLE equivalents (folded TEXT)")
    >>> _ = con.execute("INSERT INTO equivalents VALUES ('neodymium')")
    >>> suggest(con, "neodymum")
    ['neodymium']
    """
    from rapidfuzz import fuzz, process

    q = query.strip()
    if _HAN.search(q):
        q = to_simplified(q)
        choices = [r[0] for r in con.execute("SELECT simplified FROM concepts")]
    else:
        q = q.lower()
        choices = [r[0] for r in con.execute("SELECT DISTINCT folded FROM equivalents")]
    hits = process.extract(q, choices, scorer=fuzz.ratio, limit=limit, score_cutoff=60)
    return [h[0] for h in hits]
