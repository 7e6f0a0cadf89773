"""Bilingual term extraction: English equivalents for Chinese terms from aligned sentence pairs.

For each term, every English n-gram (1–4 words, not starting or ending with a function word)
of the segments is scored by Dice: 2·f(term, ngram) / (f(term) + f(ngram)), where f counts
segments. The best candidates become suggestions with the translation memory as their source.

>>> pairs = [("稀土出口增加。", "Rare earth exports rose."), ("稀土价格下跌。", "Rare earth prices fell."),
...          ("钢铁出口增加。", "Steel exports rose.")]
>>> propose(["稀土"], pairs)["稀土"][0]
('rare earth', 1.0)
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ..normalise.script import to_simplified

_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9'-]*")
_FUNCTION = {
    "a",
    "an",
    "the",
    "of",
    "and",
    "or",
    "to",
    "in",
    "on",
    "for",
    "with",
    "by",
    "at",
    "from",
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "its",
    "their",
    "this",
    "that",
    "these",
    "those",
    "it",
    "has",
    "have",
}


def ngrams(text: str, n_max: int = 4) -> set[str]:
    """Lower-cased English word n-grams that neither begin nor end with a function word."""
    words = [w.lower() for w in _WORDS.findall(text)]
    out = set()
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + n_max) + 1):
            gram = words[i:j]
            if gram[0] not in _FUNCTION and gram[-1] not in _FUNCTION:
                out.add(" ".join(gram))
    return out


def propose(
    terms: Iterable[str], pairs: Sequence[tuple[str, str]], min_pairs: int = 2, limit: int = 3
) -> dict[str, list[tuple[str, float]]]:
    """Term -> [(English, Dice)] best first, for terms seen in at least ``min_pairs`` segments."""
    segs = [(to_simplified(s), ngrams(t)) for s, t in pairs]
    gram_freq: Counter[str] = Counter(g for _, grams in segs for g in grams)
    out: dict[str, list[tuple[str, float]]] = {}
    for term in terms:
        hits = [grams for src, grams in segs if term in src]
        if len(hits) < min_pairs:
            continue
        co: Counter[str] = Counter(g for grams in hits for g in grams)
        scored = []
        for g, c in co.items():
            dice = 2 * c / (len(hits) + gram_freq[g])
            # on a tie the longer n-gram wins (the whole name, not a word of it), up to about
            # one English word per one and a half Hanzi
            n = len(g.split())
            scored.append((-round(dice, 3), n > max(1, math.ceil(len(term) / 1.5)), -n, g))
        scored.sort()
        out[term] = [(g, -d) for d, _, _, g in scored[:limit] if -d >= 0.5]
    return {k: v for k, v in out.items() if v}
