"""What the termhood features read of a corpus as a whole, measured once for all its candidates: each
candidate's nesting in longer ones (C-value), the candidates an English gloss follows, the field's core words.

>>> from collections import Counter
>>> count = Counter({"稀有": 3, "稀有金属": 2, "金属": 5})
>>> m = measure_corpus(count, {"稀有金属": "\\x02\\x02"}, {}, Counter({"稀有": 4}), lambda w: 2.0)
>>> m.parents_n["稀有"], m.parents_max["稀有"], "稀有" in m.core
(1, 2, True)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from ..native import load_module
from .evidence import longest_ending
from .filters import elements
from .ngrams import words_in

#: core vocabulary: seen at least this often, and this specific (log10 ratio to general Chinese)
CORE_MIN_COUNT = 3
CORE_MIN_SPEC = 1.5


class CorpusMeasures(NamedTuple):
    """For each candidate the summed and largest counts of the longer candidates seen twice or more that hold
    it, and how many they are (C-value); the candidates an English gloss follows; the field's core words."""

    parents_f: Counter[str]
    parents_n: Counter[str]
    parents_max: Counter[str]
    glossed: set[str]
    core: set[str]


def measure_corpus(
    count: Mapping[str, int],
    shapes: Mapping[str, str],
    glossed: Iterable[str],
    tok_count: Mapping[str, int],
    specificity: Callable[[str], float],
) -> CorpusMeasures:
    """:class:`CorpusMeasures` of the candidates ``count``ed (their words' :func:`~.ngrams.shape` in ``shapes``), the texts an English gloss
    follows (``glossed``) and the words' counts and ``specificity``."""
    return CorpusMeasures(*nesting(count, shapes), glossed_terms(glossed, count), core_words(tok_count, specificity))


def nesting(count: Mapping[str, int], shapes: Mapping[str, str]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """C-value bookkeeping: for each candidate, the summed and largest counts of the longer candidates
    (seen twice or more) that contain it and how many they are (in C, the ``counts`` module, where both are
    dicts: a loop over every candidate, 0.7 s of ranking 16 MB in bytecode)."""
    parents_f: Counter[str] = Counter()
    parents_n: Counter[str] = Counter()
    parents_max: Counter[str] = Counter()
    native = load_module("counts")
    if native is not None and isinstance(count, dict) and isinstance(shapes, dict):
        native.nesting(count, shapes, parents_f, parents_n, parents_max)
        return parents_f, parents_n, parents_max
    return _nesting(count, shapes, parents_f, parents_n, parents_max)


def _nesting(
    count: Mapping[str, int],
    shapes: Mapping[str, str],
    parents_f: Counter[str],
    parents_n: Counter[str],
    parents_max: Counter[str],
) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """:func:`nesting` in Python."""
    for key, shape in shapes.items():
        n = len(shape)
        c = count[key]
        if n < 2 or c < 2:
            continue  # a longer phrase seen once is no evidence that its parts are fragments
        toks = words_in(key, shape)
        for i in range(n):
            sub = ""
            for j in range(i, n if i else n - 1):
                sub += toks[j]
                if sub in count:
                    parents_f[sub] += c
                    parents_n[sub] += 1
                    if c > parents_max[sub]:
                        parents_max[sub] = c
    return parents_f, parents_n, parents_max


def glossed_terms(glossed: Iterable[str], count: Mapping[str, int]) -> set[str]:
    """For each text an English gloss follows, the longest candidate it ends with (the ``glossed`` feature:
    the owner the English says, :func:`~glossary.mining.evidence.gloss_owner`, ranked worse leave-one-corpus-out,
    must 0.686 → 0.678)."""
    return {t for t in (longest_ending(span, count) for span in glossed) if t}


def core_words(tok_count: Mapping[str, int], specificity: Callable[[str], float]) -> set[str]:
    """The field's core vocabulary: words seen a few times and much more often than in general Chinese,
    and chemical elements."""
    core = {w for w, n in tok_count.items() if n >= CORE_MIN_COUNT and specificity(w) >= CORE_MIN_SPEC}
    return core | set(elements())
