"""A translation memory's sentence pairs indexed for term extraction: a term's units found by its Hanzi bigrams,
a span's units counted by its words, without scanning the whole memory (100,000 units take seconds).

>>> m = Memory([("大豆出口增加。", "Soybean exports rose."), ("钢铁出口增加。", "Steel exports rose.")])
>>> m.units("大豆"), m.count("exports rose")
([0], 2)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..normalise.script import to_simplified
from ..normalise.text import holds_term
from .brackets import abbreviated
from .words import padded


class Memory:
    """Sentence pairs indexed for term extraction: Hanzi bigram → units, English word → units, so finding a
    term's units and counting a span's units never scans the whole memory (100,000 units take seconds). Given
    the ``terms`` to be looked up, only their bigrams (and single characters) are indexed."""

    def __init__(self, pairs: Sequence[tuple[str, str]], terms: Iterable[str] | None = None) -> None:
        self.sources = [to_simplified(s) for s, _ in pairs]
        self.targets = [t for _, t in pairs]
        self.padded = [padded(t) for t in self.targets]
        # the terms looked up, as the sources are indexed (in Simplified)
        self.terms = None if terms is None else {to_simplified(t) for t in terms}
        needed = None if self.terms is None else {g for t in self.terms for g in _grams(t)}
        self.chars = needed is not None  # single characters indexed too
        self.by_gram: dict[str, list[int]] = {}
        for i, src in enumerate(self.sources):
            grams = {src[k : k + 2] for k in range(max(1, len(src) - 1))}
            if needed is not None:
                grams = (grams | set(src)) & needed
            for g in grams:
                self.by_gram.setdefault(g, []).append(i)
        # a word and two words in a row → the units holding them: a span of one or two words is counted by its
        # posting alone, a longer one among the units holding its rarest two-word piece
        self.by_word: dict[str, list[int]] = {}
        for i, text in enumerate(self.padded):
            words = text.split()
            for w in {*words, *(f"{a} {b}" for a, b in zip(words, words[1:]))}:
                self.by_word.setdefault(w, []).append(i)
        self.counts: dict[str, int] = {}
        self._abbreviations: dict[int, dict[str, str]] = {}

    def abbreviations(self, i: int, term: str) -> dict[str, str]:
        """Unit ``i``'s Latin abbreviations in brackets → the terms they abbreviate, of the terms looked up (of
        ``term`` alone where none were given)."""
        if self.terms is None:
            return abbreviated(self.sources[i], {term})
        if i not in self._abbreviations:
            self._abbreviations[i] = abbreviated(self.sources[i], self.terms)
        return self._abbreviations[i]

    def holding(self, ids: Sequence[int], english: str) -> list[int]:
        """The units among ``ids`` whose English holds ``english`` (whole words, any case)."""
        needle = padded(english)
        return [i for i in ids if needle in self.padded[i]]

    def units(self, term: str) -> list[int]:
        """The units whose (Simplified) source holds ``term``."""
        if len(term) == 1 and self.chars:
            return list(self.by_gram.get(term, []))
        if len(term) == 1:  # no character index: the bigrams that hold it
            rarest = [i for g, ids in self.by_gram.items() if term in g for i in ids]
        else:
            rarest = min((self.by_gram.get(g, []) for g in _grams(term)), key=len, default=[])
        # (as itself: 3号线 is not in 13号线)
        return [i for i in dict.fromkeys(rarest) if holds_term(self.sources[i], term)]

    def count(self, span: str) -> int:
        """How many units' English holds the (lower-cased) span."""
        if span not in self.counts:
            words = span.split()
            pieces = [f"{a} {b}" for a, b in zip(words, words[1:])] or words
            posting = min((self.by_word.get(p, []) for p in pieces), key=len, default=[])
            if len(words) <= 2:  # the padded text is whole words, one space apart: the posting is exact
                self.counts[span] = len(posting)
            else:
                needle = padded(span)
                self.counts[span] = sum(1 for i in posting if needle in self.padded[i])
        return self.counts[span]


def _grams(term: str) -> list[str]:
    """What the memory indexes a term's units by: its bigrams, a single character itself."""
    return [term] if len(term) == 1 else [term[k : k + 2] for k in range(len(term) - 1)]


#: a term in more units than this is aligned on an even sample of this many (the statistics are settled by then)
MAX_UNITS = 30


def sample_units(ids: Sequence[int], most: int | None = None) -> list[int]:
    """At most ``most`` (:data:`MAX_UNITS`) of a term's units, evenly spread over all of them.

    (Exactly ``most``: the step of ceil(n / most) this replaces kept between half of ``most`` and all of it.)

    >>> sample_units(list(range(10)), 4), sample_units([1, 2], 4)
    ([0, 2, 5, 7], [1, 2])
    """
    most = MAX_UNITS if most is None else most
    return list(ids) if len(ids) <= most else [ids[k * len(ids) // most] for k in range(most)]
