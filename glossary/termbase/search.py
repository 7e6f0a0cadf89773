"""``find``: look a concept up by Hanzi (either script), pinyin in any common spelling, English,
part of a term, or a near miss — one ranking for all.

English is looked for as a translator types it: a hyphen or a slash for a space, the last word in a regular
plural for the singular, full-width letters for the letters (:func:`english_forms`).

Ranking: exact, then prefix, then substring, then fuzzy; within each,
approved before forbidden (shown so nobody uses it), candidates, the rest;
then by score.

>>> [pinyin_query(q) for q in ("pǔ nǚ", "pu3nü3", "punv", "pu nǚ")]
[('punu', [(1, '3'), (3, '3')]), ('punu', [(1, '3'), (3, '3')]), ('punu', []), ('punu', [(3, '3')])]
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..models import Status
from ..normalise.hanzi import HAN, NAME_DOT, NAME_DOTS
from ..normalise.pinyin import pinyin_keys, pinyin_query, reading_keys, tones_agree
from ..normalise.script import to_simplified
from ..tm.words import singulars
from .backend import Connection, chunks, marks, select_all

KIND_RANK = {"exact": 0, "prefix": 1, "substring": 2, "fuzzy": 3}
STATUS_RANK = {"approved": 0, "forbidden": 1, "candidate": 2, "deprecated": 3, "rejected": 4}
_PINYIN_ONLY = re.compile(r"^[a-zü:v0-5' ]+$")


@dataclass
class Match:
    """One hit: which concept, how it matched (``kind``) and on what (``field``)."""

    concept_id: int
    kind: str
    field: str
    status: str
    score: float
    entry: Any = dataclasses.field(default=None, repr=False)

    @property
    def rank(self) -> tuple[int, int, float]:
        return KIND_RANK[self.kind], STATUS_RANK.get(self.status, 9), -self.score


def _like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_TOP = "\U0010ffff"  # sorts after every character: [q, q + _TOP) is every string that starts with q
_WORD = re.compile(r"[^\W_]+")


def bigrams(text: str) -> set[str]:
    """Character pairs of the Chinese in ``text`` (single characters too, for one-character terms).

    >>> sorted(bigrams("大豆粉"))
    ['大豆', '豆粉']
    """
    han = "".join(c for c in text if HAN.match(c))
    if len(han) == 1:
        return {han}
    return {han[i : i + 2] for i in range(len(han) - 1)}


def pinyin_columns(simplified: str, pinyin: str) -> tuple[str, str]:
    """A concept's pinyin search keys (``pinyin_num``, ``pinyin_plain``): those of the reading it shows, so a
    query for the reading shown (or a reviewer's correction of it) finds it; pypinyin's reading of the term
    where it shows none.

    >>> pinyin_columns("大分子", "dà fēn zǐ"), pinyin_columns("镨钕", "")
    (('da4fen1zi3', 'dafenzi'), ('pu3nu3', 'punu'))
    """
    return reading_keys(pinyin) if pinyin.strip() else pinyin_keys(simplified)


def index_rows(con: Connection, cid: int) -> None:
    """Rebuild the search index rows (bigrams, English words) and pinyin keys of one concept."""
    row = con.execute("SELECT simplified, pinyin FROM concepts WHERE id=?", (cid,)).fetchone()
    if row:
        con.execute("UPDATE concepts SET pinyin_num=?, pinyin_plain=? WHERE id=?", (*pinyin_columns(*row), cid))
    con.execute("DELETE FROM grams WHERE concept_id=?", (cid,))
    con.execute("DELETE FROM words WHERE concept_id=?", (cid,))
    forms = [
        r[0]
        for r in con.execute(
            "SELECT simplified FROM concepts WHERE id=? UNION "
            "SELECT traditional FROM concepts WHERE id=? UNION "
            "SELECT form FROM variants WHERE concept_id=?",
            (cid, cid, cid),
        )
    ]
    grams = set().union(*(bigrams(f) for f in forms)) if forms else set()
    con.executemany("INSERT OR IGNORE INTO grams VALUES (?, ?)", [(g, cid) for g in grams])
    words = {
        w for (t,) in con.execute("SELECT folded FROM equivalents WHERE concept_id=?", (cid,)) for w in _WORD.findall(t)
    }
    con.executemany("INSERT OR IGNORE INTO words VALUES (?, ?)", [(w, cid) for w in words])


def _rows(con: Connection, sql: str, args: Sequence[object]) -> list[tuple[int, str, float]]:
    return con.execute(sql, args).fetchall()


def _by_ids(con: Connection, ids: Sequence[int]) -> list[tuple[int, str, float]]:
    out: list[tuple[int, str, float]] = []
    for part in chunks(ids):
        out += con.execute(f"SELECT id, status, score FROM concepts WHERE id IN ({marks(len(part))})", part).fetchall()
    return out


def _posting(con: Connection, table: str, column: str, keys: Sequence[str], cap: int = 2000) -> list[int]:
    """Concept ids that have every key (rarest key first), at most ``cap``."""
    if not keys:
        return []
    counts = select_all(con, [(f"SELECT COUNT(*) FROM {table} WHERE {column}=?", (k,)) for k in keys])
    sizes = [k for _, k in sorted(zip((rows[0][0] for rows in counts), keys), key=lambda t: t[0])]
    first, *others = select_all(
        con,
        [
            (f"SELECT concept_id FROM {table} WHERE {column}=? LIMIT ?", (sizes[0], cap)),
            *((f"SELECT concept_id FROM {table} WHERE {column}=?", (k,)) for k in sizes[1:3]),
        ],
    )
    ids = [r[0] for r in first]
    for rows in others:
        have = {r[0] for r in rows}
        ids = [i for i in ids if i in have]
    return ids


class _Found:
    """The matches of a lookup so far, each concept at its best rank."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.by_id: dict[int, Match] = {}

    def add(self, rows: list[tuple[int, str, float]], kind: str, fld: str) -> None:
        """Note each row (id, status, score) as a match of ``kind`` on ``fld``, unless it matched better already."""
        for cid, status, score in rows:
            m = Match(cid, kind, fld, status, score)
            if cid not in self.by_id or m.rank < self.by_id[cid].rank:
                self.by_id[cid] = m

    def enough(self) -> bool:
        """True when the later kinds, which rank below what is found, need not be asked."""
        return len(self.by_id) >= self.limit


_BASE = "SELECT id, status, score FROM concepts"


def find(con: Connection, query: str, statuses: Sequence[Status] | None = None, limit: int = 20) -> list[Match]:
    """Search the term base; see the module docstring for the ranking.

    Every sub-query uses an index (exact forms, prefix ranges, bigram and word postings), so a
    lookup stays fast on a term base of a whole dictionary.
    """
    q = unicodedata.normalize("NFC", query.strip())
    if not q:
        return []
    found = _Found(limit)
    if HAN.search(q):
        _find_hanzi(con, q, found)
    else:
        _find_letters(con, q, found)
    matches = list(found.by_id.values())
    if statuses:
        allowed = {s.value for s in statuses}
        matches = [m for m in matches if m.status in allowed]
    return sorted(matches, key=lambda m: m.rank)[:limit]


def _find_hanzi(con: Connection, q: str, found: _Found) -> None:
    """A query in Hanzi: its Simplified and Traditional forms whole, as a variant, as a prefix, inside a form."""
    s = to_simplified(q)
    # a foreign name's dot typed as any of the dots written for it (卡洛斯·贝内特 finds 卡洛斯‧贝内特)
    forms = sorted({q, s} | {NAME_DOT.sub(d, f) for f in (q, s) for d in NAME_DOTS if NAME_DOT.search(f)})
    # (the forms, the variants and the prefix range asked at once: one round trip to a server)
    exact, variant, prefix = select_all(
        con,
        [
            (
                f"{_BASE} WHERE simplified IN ({marks(len(forms))}) OR traditional IN ({marks(len(forms))})",
                (*forms, *forms),
            ),
            (
                f"{_BASE} WHERE id IN (SELECT concept_id FROM variants WHERE form IN ({marks(len(forms))})) ORDER BY id",
                tuple(forms),
            ),
            (f"{_BASE} WHERE simplified >= ? AND simplified < ? LIMIT 500", (s, s + _TOP)),
        ],
    )
    found.add(exact, "exact", "hanzi")
    found.add(variant, "exact", "hanzi")
    found.add(prefix, "prefix", "hanzi")
    if not found.enough():
        # every pair of the query's characters, then the forms themselves confirm the substring
        cands = _posting(con, "grams", "gram", sorted(bigrams(s)))[:500] if len(s) > 1 else []
        rows = (
            con.execute(
                f"SELECT id, status, score, simplified || ' ' || traditional FROM concepts "
                f"WHERE id IN ({marks(len(cands))})",
                cands,
            ).fetchall()
            if cands
            else []
        )
        found.add([(cid, st, sc) for cid, st, sc, forms in rows if s in forms or q in forms], "substring", "hanzi")
        if len(s) == 1:
            found.add(
                _rows(con, f"{_BASE} WHERE simplified LIKE ? ESCAPE '\\' LIMIT 200", ("%" + _like(s) + "%",)),
                "substring",
                "hanzi",
            )


def _find_letters(con: Connection, q: str, found: _Found) -> None:
    """A query in letters: English whole or as a prefix, a Latin form, pinyin with or without tones, an English
    word inside an equivalent."""
    # (full-width letters typed with a Chinese keyboard are the letters: ｌｅｄ finds LED)
    typed = unicodedata.normalize("NFKC", q)
    folded = typed.lower()
    english = english_forms(folded)
    pinyin_like = _PINYIN_ONLY.match(
        unicodedata.normalize("NFD", folded).encode("ascii", "ignore").decode() or "-"
    ) or any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", folded))
    letters, tones = pinyin_query(q) if pinyin_like else ("", [])
    pinyin = "SELECT id, status, score, pinyin_num FROM concepts WHERE pinyin_plain"
    # (every query that needs no other's answer asked at once: one round trip to a server)
    asked = select_all(
        con,
        [
            (
                f"{_BASE} WHERE id IN (SELECT concept_id FROM equivalents WHERE folded IN ({marks(len(english))})) "
                "ORDER BY id",
                tuple(english),
            ),
            (f"{_BASE} WHERE simplified IN (?, ?)", (q, typed)),
            *(
                [
                    (f"{pinyin} = ?", (letters,)),
                    (f"{pinyin} >= ? AND pinyin_plain < ? LIMIT 500", (letters, letters + _TOP)),
                ]
                if letters
                else []
            ),
            (
                f"{_BASE} WHERE id IN (SELECT concept_id FROM equivalents WHERE folded >= ? AND folded < ? LIMIT 500) "
                "ORDER BY id",
                (folded, folded + _TOP),
            ),
        ],
    )
    found.add(asked[0], "exact", "english")
    found.add(asked[1], "exact", "latin")
    if letters:
        # (each tone typed is that of the syllable it falls in: "lü diàn" is lǜ diàn, its first tone not given)
        found.add([(cid, st, sc) for cid, st, sc, num in asked[2] if tones_agree(tones, num)], "exact", "pinyin")
        found.add([(cid, st, sc) for cid, st, sc, num in asked[3] if tones_agree(tones, num)], "prefix", "pinyin")
    found.add(asked[-1], "prefix", "english")
    if not found.enough():
        _english_words(con, english, found)


def _english_words(con: Connection, english: Sequence[str], found: _Found) -> None:
    """Concepts an equivalent of which holds one of the query's English forms, word for word (found through the
    words' postings, then confirmed in the equivalents' text)."""
    # (each form's words, a hyphen parting them as a space does: "lithium-ion" finds "… ion …")
    cands = list(dict.fromkeys(c for f in english for c in _posting(con, "words", "word", _WORD.findall(f))))
    if cands:
        texts: dict[int, list[str]] = {}
        for cid, t in con.execute(
            f"SELECT concept_id, folded FROM equivalents WHERE concept_id IN ({marks(len(cands[:500]))})",
            cands[:500],
        ):
            texts.setdefault(cid, []).append(_spaced(t))
        hits = [cid for cid, ts in texts.items() if any(f in t for t in ts for f in english)]
        found.add(_by_ids(con, hits), "substring", "english")


#: what parts English words like a space does (lithium-ion, input/output)
_PARTING = re.compile(r"[\s\-\u2010-\u2015/]+")


def _spaced(text: str) -> str:
    return _PARTING.sub(" ", text).strip()


def english_forms(folded: str) -> list[str]:
    """The forms an English query is looked for in: as typed, with hyphens and slashes read as spaces, and with
    its last word in the singular where it is a regular plural, as glossaries list terms (ECDICT's irregular
    ones are left out: a first ``find`` would wait for its index to be built).

    >>> english_forms("widget-factories")
    ['widget-factories', 'widget factories', 'widget factory']
    >>> english_forms("soy")
    ['soy']
    """
    spaced = _spaced(folded)
    *head, last = spaced.split(" ") if spaced else [""]
    return list(dict.fromkeys([folded, spaced, *(" ".join([*head, w]) for w in singulars(last))]))


def vocabulary(con: Connection) -> dict[str, list[str]]:
    """Every English word of the term base, grouped by first letter (for "did you mean")."""
    out: dict[str, list[str]] = {}
    for (w,) in con.execute("SELECT DISTINCT word FROM words"):
        out.setdefault(w[:1], []).append(w)
    return out


def suggest(con: Connection, query: str, limit: int = 5, vocab: dict[str, list[str]] | None = None) -> list[str]:
    """Near matches for "did you mean …": forms within a small edit distance of ``query``.

    Candidates come from the indexes (forms sharing a character pair with a Chinese query;
    English words with the same first letter and about the same length), so the fuzzy comparison
    never scans the whole term base.

    >>> import sqlite3
    >>> con = sqlite3.connect(":memory:")
    >>> _ = con.execute("CREATE TABLE words (word TEXT, concept_id INT)")
    >>> _ = con.executemany("INSERT INTO words VALUES (?, 1)", [("neodymium",), ("dysprosium",)])
    >>> suggest(con, "neodymum")
    ['neodymium']

    :param vocab: :func:`vocabulary` of the term base, when the caller keeps it between lookups.
    """
    from rapidfuzz import fuzz, process

    q = query.strip()
    if HAN.search(q):
        q = to_simplified(q)
        grams = sorted(bigrams(q)) or [q]
        shared: Counter[int] = Counter()
        for rows in select_all(con, [("SELECT concept_id FROM grams WHERE gram=? LIMIT 400", (g,)) for g in grams]):
            shared.update(r[0] for r in rows)
        ids = [i for i, _ in shared.most_common(200)]
        choices = (
            [r[0] for r in con.execute(f"SELECT simplified FROM concepts WHERE id IN ({marks(len(ids))})", ids)]
            if ids
            else []
        )
    else:
        q = q.lower()
        words = _WORD.findall(q)
        # mend each word the term base does not know with its nearest known word
        options: list[list[str]] = []
        for w in words:
            if con.execute("SELECT 1 FROM words WHERE word=? LIMIT 1", (w,)).fetchone():
                options.append([w])
                continue
            if vocab is None:
                choices = [
                    r[0]
                    for r in con.execute(
                        "SELECT DISTINCT word FROM words WHERE word >= ? AND word < ? AND length(word) BETWEEN ? AND ?",
                        (w[:1], w[:1] + _TOP, max(1, len(w) - 2), len(w) + 2),
                    )
                ]
            else:
                choices = [x for x in vocab.get(w[:1], ()) if abs(len(x) - len(w)) <= 2]
            hits = process.extract(w, choices, scorer=fuzz.ratio, limit=limit, score_cutoff=60)
            if not hits:
                return []
            options.append([h[0] for h in hits])
        if all(len(o) == 1 and o[0] == w for o, w in zip(options, words)):
            return []
        k = next(i for i, o in enumerate(options) if o[0] != words[i])  # alternatives for the first mended word
        return [" ".join(o[0] if i != k else alt for i, o in enumerate(options)) for alt in options[k]]
    hits = process.extract(q, choices, scorer=fuzz.ratio, limit=limit, score_cutoff=60)
    return [h[0] for h in hits]
