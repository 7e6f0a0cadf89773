"""Bilingual term extraction: each term's rendering in the English of the aligned sentences that hold it.

For a term, every English word span of the units whose source holds the term is a candidate, described by
features (:mod:`glossary.tm.spans`): how the senses of the term's parts are covered (CC-CEDICT's and ECDICT's),
how consistently and exclusively the span comes with the term, its length and shape. A logistic regression
fitted on hand translations (``scripts/train_tm.py``, `make train`; the weights in ``glossary/data/tm_spans.json``)
turns them into the probability that the span is the term's rendering: that probability ranks the spans and is
the confidence shown. Works from one unit up: with one unit the parts' senses decide, with many the statistics
weigh in.

>>> pairs = [("稀土出口增加。", "Rare earth exports rose."), ("稀土价格下跌。", "Rare earth prices fell."),
...          ("钢铁出口增加。", "Steel exports rose.")]
>>> propose(["稀土"], pairs)["稀土"][0][0]
'rare earth'
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources

from ..mining import lexicon
from ..normalise.script import to_simplified
from .spans import span_features
from .words import _FUNCTION, _padded

#: below this probability a span is no rendering worth proposing
MIN_SCORE = 0.05
#: from this (calibrated) confidence on the memory's rendering goes before the dictionary's and composed
#: suggestions: off the reference field the first suggestion without a memory is right about one time in four
#: (`make eval`), and spans of confidence 0.2 and up are right more often than that
STRONG = 0.2


#: names another weights file (one fitted by ``scripts/train_tm.py`` on your own translations)
SPANS_ENV = "GLOSSARY_TM_SPANS"


@lru_cache(maxsize=1)
def model() -> dict:
    """The fitted span weights: ``$GLOSSARY_TM_SPANS`` when set, else ``glossary/data/tm_spans.json``."""
    other = os.environ.get(SPANS_ENV)
    if other:
        with open(other, encoding="utf-8") as f:
            return dict(json.load(f))
    return dict(json.loads(resources.files("glossary.data").joinpath("tm_spans.json").read_text(encoding="utf-8")))


def probability(weights: Mapping, features: Sequence[float]) -> float:
    """The fitted logistic regression's probability that a span with ``features`` is the term's rendering."""
    z = float(weights["intercept"]) + sum(
        w * (x - m) / s for w, x, m, s in zip(weights["weights"], features, weights["mean"], weights["scale"])
    )
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def confidence(score: float, weights: Mapping | None = None) -> float:
    """The confidence shown for a span of probability ``score``: the share of spans so scored that were right,
    leave-one-article-out (the calibration ``scripts/train_tm.py`` writes beside the weights), interpolated.

    >>> 0.0 <= confidence(0.0) <= confidence(0.5) <= confidence(1.0) <= 1.0
    True
    """
    points = (weights or model()).get("calibration") or [[0.0, 0.0], [1.0, 1.0]]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if score <= x1:
            return round(y0 + (y1 - y0) * (max(score, x0) - x0) / ((x1 - x0) or 1), 2)
    return round(points[-1][1], 2)


def score_spans(
    term: str,
    units: Sequence[str],
    count: Callable[[str], int],
    known: Sequence[str] = (),
    sources: Sequence[str] = (),
) -> list[tuple[float, str]]:
    """Every candidate span of the English ``units`` (those whose source holds ``term``) with its probability,
    best first; a plural and its singular both found count as the singular, as glossaries list terms.
    ``count(span)`` is how many units of the whole memory hold a (lower-cased) span; ``sources`` are the units'
    source sentences (their other words take the English they account for)."""
    weights = model()
    spans = span_features(term, units, count, known, sources)
    keys = {s.key for s in spans}
    best: dict[str, tuple[float, str]] = {}
    shown = {s.key: s.text for s in spans}
    for s in spans:
        p = probability(weights, s.features)
        key = s.key[:-1] if s.key.endswith("s") and s.key[:-1] in keys else s.key
        if key not in best or p > best[key][0]:
            best[key] = (round(p, 4), shown[key])
    ranked = sorted(best.values(), key=lambda t: (-t[0], len(t[1]), t[1]))
    out: dict[str, tuple[float, str]] = {}
    for p, text in ranked:  # a glossary lists a compound in the singular ("CAR-T cell therapies" → "… therapy")
        one = singular_compound(text)
        out.setdefault(one.lower(), (p, one))
    return list(out.values())


def singular_compound(text: str) -> str:
    """A noun compound (two words or more, no function word) with its last word in the singular when it is a
    plural the English lexicon knows; one word stays as it is ("photovoltaics", "biologics").

    >>> singular_compound("nodal prices") if lexicon.available() else "nodal price"
    'nodal price'
    """
    words = text.split(" ")
    # a phrase with a function word has its head elsewhere ("drugs for rare diseases"): left as it is
    compound = len(words) > 1 and not any(w.lower() in _FUNCTION for w in words)
    one = lexicon.singular(words[-1]) if compound and words[-1].isalpha() and words[-1].islower() else None
    return " ".join([*words[:-1], one]) if one else text


class _Memory:
    """Sentence pairs indexed for term extraction: Hanzi bigram → units, English word → units, so finding a
    term's units and counting a span's units never scans the whole memory (100,000 units take seconds)."""

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        self.sources = [to_simplified(s) for s, _ in pairs]
        self.targets = [t for _, t in pairs]
        self.padded = [_padded(t) for t in self.targets]
        self.by_gram: dict[str, list[int]] = {}
        for i, src in enumerate(self.sources):
            for g in {src[k : k + 2] for k in range(max(1, len(src) - 1))}:
                self.by_gram.setdefault(g, []).append(i)
        self.by_word: dict[str, list[int]] = {}
        for i, text in enumerate(self.padded):
            for w in set(text.split()):
                self.by_word.setdefault(w, []).append(i)
        self.counts: dict[str, int] = {}

    def holding(self, ids: Sequence[int], english: str) -> list[int]:
        """The units among ``ids`` whose English holds ``english`` (whole words, any case)."""
        needle = _padded(english)
        return [i for i in ids if needle in self.padded[i]]

    def units(self, term: str) -> list[int]:
        """The units whose (Simplified) source holds ``term``."""
        grams = [term[k : k + 2] for k in range(max(1, len(term) - 1))]
        postings = [self.by_gram.get(g, []) for g in grams]
        if len(term) == 1:
            postings = [[i for g, ids in self.by_gram.items() if term in g for i in ids]]
        rarest = min(postings, key=len) if postings else []
        return [i for i in dict.fromkeys(rarest) if term in self.sources[i]]

    def count(self, span: str) -> int:
        """How many units' English holds the (lower-cased) span."""
        if span not in self.counts:
            words = span.split()
            postings = [self.by_word.get(w, []) for w in words]
            rarest = min(postings, key=len) if postings else []
            needle = _padded(span)
            self.counts[span] = sum(1 for i in rarest if needle in self.padded[i])
        return self.counts[span]


#: a term in more units than this is aligned on an even sample of them (the statistics are settled by then)
MAX_UNITS = 50


def propose(
    terms: Iterable[str],
    pairs: Sequence[tuple[str, str]],
    min_pairs: int = 1,
    limit: int = 3,
    known: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, list[tuple[str, float]]]:
    """Term -> [(English as the memory writes it, score)] best first, for terms seen in at least ``min_pairs``
    units; ``known`` gives each term's English suggestions so far (more evidence for its words)."""
    found = propose_with_evidence(terms, pairs, min_pairs, limit, known)
    return {term: [(g, s) for g, s, _ in spans] for term, spans in found.items()}


def propose_with_evidence(
    terms: Iterable[str],
    pairs: Sequence[tuple[str, str]],
    min_pairs: int = 1,
    limit: int = 3,
    known: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, list[tuple[str, float, list[int]]]]:
    """:func:`propose`, each rendering with the indexes (into ``pairs``) of the units whose English holds it."""
    memory = _Memory(pairs)
    out: dict[str, list[tuple[str, float, list[int]]]] = {}
    for term in terms:
        ids = memory.units(term)
        if len(ids) < min_pairs or not ids:
            continue
        if len(ids) > MAX_UNITS:
            ids = ids[:: -(-len(ids) // MAX_UNITS)]
        units = [memory.targets[i] for i in ids]
        sources = [memory.sources[i] for i in ids]
        spans = score_spans(term, units, memory.count, (known or {}).get(term, ()), sources)
        scored = [(s, g) for s, g in spans if s >= MIN_SCORE][:limit]
        if scored:
            out[term] = [(g, s, memory.holding(ids, g)) for s, g in scored]
    return out
