"""Fuzzy matching of sentences: character-level, after folding script, width and punctuation.

>>> fold("「大豆」出口管制，  很重要！")
'大豆出口管制很重要'
>>> idx = FuzzyIndex([(1, "中国对大豆实施出口管制。"), (2, "美国扩大了芯片出口管制。")])
>>> [(m.unit_id, round(m.score)) for m in idx.search("中國對大豆實施出口管制", threshold=70)]
[(1, 100)]
"""

from __future__ import annotations

import bisect
import difflib
import math
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..normalise.text import fold_for_match as fold


@dataclass
class FuzzyMatch:
    """One earlier unit and how close it is (0–100)."""

    unit_id: int
    score: float
    folded: str


def diff(query: str, found: str) -> str:
    """The differences between two sentences, marked ``[-removed-]`` and ``{+added+}``.

    >>> diff("大豆出口管制", "大豆进口管制")
    '大豆[-出-]{+进+}口管制'
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

    def __init__(self, units: Iterable[tuple[int, str]], folded: bool = False, index_chars: bool = False) -> None:
        """:param folded: the texts are already folded (as the term base stores them).
        :param index_chars: build the character index now (a long-running process that will search
            many times); otherwise it is built on the second search.
        """
        rows = sorted(
            ((len(f), uid, f) for uid, text in units if (f := text if folded else fold(text))), key=lambda r: r[0]
        )
        self.lengths = [r[0] for r in rows]
        self.ids = [r[1] for r in rows]
        self.texts = [r[2] for r in rows]
        self._postings: dict[str, array] | None = None
        self._searches = 1 if index_chars else 0
        if index_chars:
            self._char_postings()

    def _char_postings(self) -> dict[str, array]:
        # character -> rows holding it; built on the second search, so one-shot use never pays for it
        if self._postings is None:
            post: dict[str, array] = {}
            for i, t in enumerate(self.texts):
                for c in set(t):
                    a = post.get(c)
                    if a is None:
                        a = post[c] = array("i")
                    a.append(i)
            self._postings = post
        return self._postings

    def __len__(self) -> int:
        return len(self.texts)

    def search(self, query: str, threshold: float = 70.0, limit: int = 5) -> list[FuzzyMatch]:
        """Units whose folded source matches ``query`` at ``threshold`` % or more, best first."""
        q = fold(query)
        if not q:
            return []
        t = threshold / 100
        # ratio = 2·matches / (len(a) + len(b)) ≥ t  ⇒  len(b) within [len(a)·t/(2−t), len(a)·(2−t)/t]
        lo = bisect.bisect_left(self.lengths, int(len(q) * t / (2 - t)))
        hi = bisect.bisect_right(self.lengths, int(len(q) * (2 - t) / t) + 1)
        self._searches += 1
        if self._searches < 2 or hi - lo < 5000:
            return self._scan(q, range(lo, hi), threshold, limit)
        # A match keeps at least m = |q|·t/(2−t) of the query's characters in order, so it must hold
        # one of any |q| − m + 1 of them: the rarest ones' rows are all the candidates there can be.
        post = self._char_postings()
        need = len(q) - math.ceil(len(q) * t / (2 - t)) + 1
        rare = sorted(set(q), key=lambda c: len(post.get(c, ())))
        chosen, covered = [], 0
        for c in rare:
            chosen.append(c)
            covered += q.count(c)
            if covered >= need:
                break
        if sum(len(post.get(c, ())) for c in chosen) > (hi - lo) // 3:
            return self._scan(q, range(lo, hi), threshold, limit)
        return self._scan(q, sorted({i for c in chosen for i in post.get(c, ()) if lo <= i < hi}), threshold, limit)

    def _scan(self, q: str, rows: Sequence[int], threshold: float, limit: int) -> list[FuzzyMatch]:
        from rapidfuzz import fuzz, process

        texts = self.texts[rows.start : rows.stop] if isinstance(rows, range) else [self.texts[i] for i in rows]
        hits = process.extract(q, texts, scorer=fuzz.ratio, limit=limit, score_cutoff=threshold)
        return [FuzzyMatch(self.ids[rows[i]], score, self.texts[rows[i]]) for _, score, i in hits]
