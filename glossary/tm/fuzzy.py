"""Fuzzy matching of sentences: character-level, after folding script, width and punctuation.

>>> fold("「稀土」出口管制，  很重要！")
'稀土出口管制很重要'
>>> idx = FuzzyIndex([(1, "中国对稀土实施出口管制。"), (2, "美国扩大了芯片出口管制。")])
>>> [(m.unit_id, round(m.score)) for m in idx.search("中國對稀土實施出口管制", threshold=70)]
[(1, 100)]
"""

from __future__ import annotations

import bisect
import difflib
from dataclasses import dataclass
from typing import Iterable

from ..normalise.text import fold_for_match as fold


@dataclass
class FuzzyMatch:
    """One earlier unit and how close it is (0–100)."""

    unit_id: int
    score: float
    folded: str


def diff(query: str, found: str) -> str:
    """The differences between two sentences, marked ``[-removed-]`` and ``{+added+}``.

    >>> diff("稀土出口管制", "稀土进口管制")
    '稀土[-出-]{+进+}口管制'
    """
    out = []
    sm = difflib.SequenceMatcher(a=query, b=found, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out.append(query[i1:i2])
        else:
            if i2 > i1:
                out.append(f"[-{query[i1:i2]}-]")
            if j2 > j1:
                out.append(f"{{+{found[j1:j2]}+}}")
    return "".join(out)


class FuzzyIndex:
    """Folded sources kept sorted by length: a score of at least T% needs a length within the
    bounds T allows, so only that slice is compared (with rapidfuzz)."""

    def __init__(self, units: Iterable[tuple[int, str]]) -> None:
        rows = sorted(((len(f), uid, f) for uid, text in units if (f := fold(text))), key=lambda r: r[0])
        self.lengths = [r[0] for r in rows]
        self.ids = [r[1] for r in rows]
        self.texts = [r[2] for r in rows]

    def __len__(self) -> int:
        return len(self.texts)

    def search(self, query: str, threshold: float = 70.0, limit: int = 5) -> list[FuzzyMatch]:
        """Units whose folded source matches ``query`` at ``threshold`` % or more, best first."""
        from rapidfuzz import fuzz, process

        q = fold(query)
        if not q:
            return []
        t = threshold / 100
        # ratio = 2·matches / (len(a) + len(b)) ≥ t  ⇒  len(b) within [len(a)·t/(2−t), len(a)·(2−t)/t]
        lo = bisect.bisect_left(self.lengths, int(len(q) * t / (2 - t)))
        hi = bisect.bisect_right(self.lengths, int(len(q) * (2 - t) / t) + 1)
        hits = process.extract(q, self.texts[lo:hi], scorer=fuzz.ratio, limit=limit, score_cutoff=threshold)
        return [FuzzyMatch(self.ids[lo + i], score, self.texts[lo + i]) for _, score, i in hits]
