"""Word alignment inside a translation unit: which English words a term's characters say.

A term's rendering is a span of its units' English; how far the span should run is what a word aligner answers.
Two parts, both deterministic:

- a *lexical table* p(English word | Hanzi), fitted once by IBM Model 1 (five rounds of EM) on CC-CEDICT's
  senses taken as tiny parallel sentences (a headword's characters, a sense's words): 价 says "price", 电 says
  "electricity" and "power" (水电 "hydroelectric power", 发电厂 "power plant"). Cached on disk with the dictionary's
  edition (:func:`glossary.cache.cached`), entries below :data:`MIN_P` left out;
- an *HMM aligner* (Vogel, Ney and Tillmann 1996) over one unit: each English word is emitted by a source token
  (a Hanzi or a Latin word) or by none, and the source position moves between neighbouring English words with
  a fixed preference for small steps forward (:data:`JUMP_DECAY`) — English keeps a noun phrase's words
  together, so "price" after "oil" goes with 价 beside 油 even where the table alone is unsure.
  Forward-backward gives each English word's probability of coming from each source token.

The span features of :mod:`glossary.tm.spans` read how much of a span the term's characters account for and how
much of what they account for the span holds (``scripts/train_tm.py``, leave-one-article-out top-1 of the best
span 0.720 → 0.745 when they came).

>>> [round(m, 1) for m in term_mass("油价上涨。", "Oil prices rose.", "油价")][:2]
[1.0, 0.9]
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..cache import cached
from ..normalise.hanzi import HAN_CLASS
from ..normalise.text import find_term
from .words import tokenise

if TYPE_CHECKING:  # pragma: no cover
    from numpy.typing import NDArray

#: a source token: one Hanzi, or a run of Latin letters and digits
_SOURCE_TOKEN = re.compile(rf"[{HAN_CLASS}]|[A-Za-z0-9]+")
#: the empty source word, which emits what no source token says (articles, "of")
NULL = ""
#: rounds of EM fitting the lexical table
ROUNDS = 5
#: table entries less likely than this are left out (3.7 MB on disk instead of 9, and no measurable loss)
MIN_P = 1e-3
#: the senses of a headword taken, and the longest sense (in words) taken as a sentence
SENSES, MAX_WORDS = 3, 8
#: how fast the probability of a step falls with its distance from one step forward (per source token)
JUMP_DECAY = 0.5
#: the probability that an English word comes from no source token
P_NULL = 0.2
#: what an English word the table has never seen with a token is given (every word can come from anywhere)
FLOOR = 1e-4
#: a unit with more source tokens or English words than this is not aligned: the HMM's step matrix grows with the
#: square of its tokens (a 5,000-character paragraph as one unit would need 800 MB)
MAX_TOKENS = 400


def _pairs() -> Iterator[tuple[list[str], list[str]]]:
    from ..align.glosses import clean_gloss
    from ..mining import cedict

    han = re.compile(rf"[{HAN_CLASS}]+")
    for simp, rows in cedict.load().items():
        if not han.fullmatch(simp):
            continue
        senses = [g for g in (clean_gloss(s) for s in cedict.raw_senses(rows)) if g][:SENSES]
        for sense in senses:
            words = list(tokenise(sense)[1])
            if words and len(words) <= MAX_WORDS:
                yield list(simp), words


def _fit() -> dict[str, dict[str, float]]:
    """IBM Model 1 over the dictionary's senses: p(word | Hanzi), the empty source word included."""
    pairs = list(_pairs())
    t: dict[str, dict[str, float]] = defaultdict(dict)
    for chars, words in pairs:
        for c in [*chars, NULL]:
            row = t[c]
            for w in words:
                row[w] = 1.0
    for _ in range(ROUNDS):
        counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for chars, words in pairs:
            source = [*chars, NULL]
            rows = [t[c] for c in source]
            for w in words:
                ps = [r.get(w, FLOOR) for r in rows]
                z = sum(ps)
                for c, p in zip(source, ps):
                    counts[c][w] += p / z
        t = defaultdict(dict)
        for c, row in counts.items():
            total = sum(row.values())
            t[c] = {w: v / total for w, v in row.items()}
    return {c: {w: round(p, 5) for w, p in row.items() if p >= MIN_P} for c, row in t.items()}


@lru_cache(maxsize=1)
def lexical_table() -> dict[str, dict[str, float]]:
    """p(English word | Hanzi) from CC-CEDICT (fitted on first use, about 20 seconds; then read from the cache)."""
    from ..align.glosses import clean_gloss
    from ..mining.cedict import source, source_key

    # (the senses are cleaned and cut into words by other modules' rules: a change to either refits the table)
    return cached("tm-lexical-table", source_key(source()), _fit, depends=(clean_gloss, tokenise))


@lru_cache(maxsize=1)
def _by_word() -> dict[str, dict[str, float]]:
    """:func:`lexical_table` the other way round: English word → {Hanzi: p(word | Hanzi)}."""
    out: dict[str, dict[str, float]] = defaultdict(dict)
    for c, row in lexical_table().items():
        if c != NULL:
            for w, p in row.items():
                out[w][c] = p
    return dict(out)


@lru_cache(maxsize=4096)  # a unit's source is read by its alignment and by every term it holds
def source_tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """The source tokens of ``text`` with where each starts and ends.

    >>> [t for t, _, _ in source_tokens("5G基站")]
    ['5G', '基', '站']
    """
    return tuple((m.group(), m.start(), m.end()) for m in _SOURCE_TOKEN.finditer(text))


@lru_cache(maxsize=4096)  # a unit's alignment serves every term and span of it
def posteriors(source: str, target: str) -> NDArray:
    """For each English word of ``target`` (:func:`~glossary.tm.words.tokenise`), the probability that each source
    token of ``source`` emits it (a row a word; what the empty word emits is left out, so a row may sum below 1).

    Worked out by the compiled twin of :func:`numpy_posteriors` (``glossary/native/hmm.c``) where one could be
    built, about five times faster a unit: the same numbers to rounding.

    >>> posteriors("油价上涨。", "Oil prices rose.").shape
    (3, 4)
    """
    import numpy as np

    src = [t for t, _, _ in source_tokens(source)]
    words = tokenise(target)[1]
    n, m = len(src), len(words)
    if not n or not m or n > MAX_TOKENS or m > MAX_TOKENS:
        return np.zeros((m, n))  # (a paragraph as one unit: the aligner says nothing, the other features speak)
    native = _native()
    if native is None:
        return numpy_posteriors(src, words)
    lib, chars, vocabulary, arrays = native
    tokens = np.array([chars.get(c, -1) for c in src], dtype=np.intc)
    ids = np.array([vocabulary.get(w, -1) for w in words], dtype=np.intc)
    gamma = np.empty((m, n))
    if lib.hmm_posteriors(n, m, tokens, ids, *arrays, P_NULL, JUMP_DECAY, FLOOR, gamma) != 0:
        raise MemoryError(f"aligning a unit of {n} source tokens and {m} English words")
    return gamma


@lru_cache(maxsize=1)
def _native() -> tuple[Any, dict[str, int], dict[str, int], tuple[NDArray, ...]] | None:
    """The compiled aligner and :func:`lexical_table` as it reads it: char → id, word → id, and the table by word
    (CSR: each word's row of char ids, ascending, and probabilities) with p(word | empty word) by word id."""
    import numpy as np

    from ..native import load

    lib = load("hmm")
    if lib is None:
        return None
    array = np.ctypeslib.ndpointer
    lib.hmm_posteriors.restype = ctypes.c_int
    lib.hmm_posteriors.argtypes = [
        ctypes.c_int,
        ctypes.c_int,
        array(np.intc, flags="C"),
        array(np.intc, flags="C"),
        array(np.int64, flags="C"),
        array(np.intc, flags="C"),
        array(np.float64, flags="C"),
        array(np.float64, flags="C"),
        ctypes.c_double,
        ctypes.c_double,
        ctypes.c_double,
        array(np.float64, flags=("C_CONTIGUOUS", "WRITEABLE")),
    ]
    # (read from the table itself: :func:`_by_word`, the numpy path's index, is not built beside it)
    table = lexical_table()
    null = table.get(NULL, {})
    chars = {c: i for i, c in enumerate(c for c in table if c != NULL)}
    vocabulary: dict[str, int] = {}
    entries = sorted(
        (vocabulary.setdefault(w, len(vocabulary)), chars[c], p)
        for c, row in table.items()
        if c != NULL
        for w, p in row.items()
    )
    for w in null:
        vocabulary.setdefault(w, len(vocabulary))
    rows = np.array([w for w, _, _ in entries], dtype=np.int64)
    indptr = np.searchsorted(rows, np.arange(len(vocabulary) + 1)).astype(np.int64)
    null_p = np.zeros(len(vocabulary))
    for w, p in null.items():
        null_p[vocabulary[w]] = p
    cols = np.array([c for _, c, _ in entries], dtype=np.intc)
    arrays = (indptr, cols, np.array([p for _, _, p in entries]), null_p)
    return lib, chars, vocabulary, arrays


def numpy_posteriors(src: Sequence[str], words: Sequence[str]) -> NDArray:
    """:func:`posteriors` of a unit's source tokens and English words, in numpy: the reference the compiled
    aligner is held to, and what runs where none could be built."""
    import numpy as np

    n, m = len(src), len(words)
    null = lexical_table().get(NULL, {})
    # each word's entries against the unit's tokens, from whichever side is shorter: most words have a few
    # entries, a few ("the", "of") have thousands (a get for each word and token, 60 tokens by 30 words a unit,
    # was a third of a memory's alignment time)
    places: dict[str, list[int]] = {}
    for i, c in enumerate(src):
        places.setdefault(c, []).append(i)
    by_word = _by_word()
    empty = [FLOOR] * n
    lines = []
    for w in words:
        entries = by_word.get(w)
        line = empty
        if entries:
            line = empty.copy()
            small, large = (entries, places) if len(entries) < len(places) else (places, entries)
            for c in filter(large.__contains__, small):
                p = entries[c] + FLOOR
                for i in places[c]:
                    line[i] = p
        lines.append(line)
    said = np.array(lines)
    unsaid = np.array([null.get(w, 0.0) for w in words]) + FLOOR
    emit = np.hstack([said, np.repeat(unsaid[:, None], n, axis=1)])
    # states: a source token (0..n-1), or the empty word remembering the position it stands at (n..2n-1)
    at = np.arange(n)
    steps = np.exp(-JUMP_DECAY * np.abs(at[None, :] - at[:, None] - 1))
    steps /= steps.sum(axis=1, keepdims=True)
    move = np.zeros((2 * n, 2 * n))
    move[:n, :n] = move[n:, :n] = (1 - P_NULL) * steps
    move[at, n + at] = move[n + at, n + at] = P_NULL
    start = np.concatenate([np.full(n, (1 - P_NULL) / n), np.full(n, P_NULL / n)])
    alpha, beta, scale = np.zeros((m, 2 * n)), np.ones((m, 2 * n)), np.zeros(m)
    a = start * emit[0]
    scale[0] = a.sum()
    alpha[0] = a / scale[0]
    for j in range(1, m):
        a = (alpha[j - 1] @ move) * emit[j]
        scale[j] = a.sum()
        alpha[j] = a / scale[j]
    for j in range(m - 2, -1, -1):
        beta[j] = move @ (emit[j + 1] * beta[j + 1]) / scale[j + 1]
    gamma = alpha * beta
    gamma /= gamma.sum(axis=1, keepdims=True)
    return gamma[:, :n]


def term_mass(source: str, target: str, term: str) -> list[float]:
    """For each English word of ``target``, the probability that the characters of ``term`` in ``source`` say it
    (over its occurrences there, the one that says the most).

    >>> [round(m, 1) for m in term_mass("大豆价格上涨。", "Soybean prices rose.", "大豆")][:2]
    [1.0, 0.0]
    """
    gamma = posteriors(source, target)
    tokens = source_tokens(source)
    best: list[float] = [0.0] * gamma.shape[0]
    for start, end in find_term(source, term):
        held = [i for i, (_, a, b) in enumerate(tokens) if a < end and start < b]
        if held:
            mass = gamma[:, held].sum(axis=1).tolist()
            if sum(mass) > sum(best):
                best = mass
    return best


def span_alignment(
    masses: Sequence[Sequence[float]], words: Sequence[Sequence[str]], span: Sequence[str]
) -> tuple[float, float]:
    """How much of ``span`` (lower-cased words) the term's characters say, and how much of what they say it holds,
    over the units (each unit's :func:`term_mass` and lower-cased words) where the span stands; (0, 0) where it
    stands in none.

    >>> mass, words = [[0.9, 0.8, 0.1]], [("oil", "prices", "rose")]
    >>> [round(v, 2) for v in span_alignment(mass, words, ["oil", "prices"])], span_alignment(mass, words, ["fell"])
    ([0.85, 0.94], (0.0, 0.0))
    """
    inside = held = 0.0
    units = 0
    n, span = len(span), tuple(span)
    for mass, lower in zip(masses, words):
        total = sum(mass)
        best: tuple[float, float] | None = None
        for p in range(len(lower) - n + 1):
            # (asked for every span of every unit: the first word is compared before the whole)
            if n and lower[p] == span[0] and tuple(lower[p : p + n]) == span:
                said = sum(mass[p : p + n])
                found = (said / n, said / total if total else 0.0)
                if best is None or sum(found) > sum(best):
                    best = found
        if best is not None:
            inside += best[0]
            held += best[1]
            units += 1
    return (inside / units, held / units) if units else (0.0, 0.0)


class TermAlignment:
    """A term's units aligned for it: each unit's lower-cased words and how likely the term's characters say each
    (:func:`term_mass`), worked out for a unit the first time it is asked about.

    >>> a = TermAlignment("油价", ["Oil prices rose."], ["油价上涨。"])
    >>> sorted(a.said(0.5, 1.0, 10)), [round(v, 1) for v in a.of("oil prices", [0])]
    (['oil', 'prices'], [0.9, 0.9])
    """

    def __init__(self, term: str, units: Sequence[str], sources: Sequence[str]) -> None:
        self.term, self.units, self.sources = term, units, sources
        self.done: dict[int, tuple[list[float], tuple[str, ...]]] = {}

    def _unit(self, n: int) -> tuple[list[float], tuple[str, ...]]:
        if n not in self.done:
            self.done[n] = (term_mass(self.sources[n], self.units[n], self.term), tokenise(self.units[n])[1])
        return self.done[n]

    def said(
        self, least: float, share: float, most: int, keys: Callable[[str], Iterable[str]] = lambda w: (w,)
    ) -> set[str]:
        """The ``keys`` of the words (by default the words) the term's characters say with at least probability
        ``least`` in at least a ``share`` of its units (up to ``most`` units, evenly sampled, are aligned for
        this): a rendering comes with its term, a word one unit's aligner happens to favour does not."""
        ids = list(range(min(len(self.units), len(self.sources))))
        ids = ids[:: -(-len(ids) // most)] if ids else ids
        votes: Counter[str] = Counter()
        for n in ids:
            votes.update({k for w in self.words_said(n, least) for k in keys(w)})
        return {k for k, v in votes.items() if v >= share * len(ids)}

    def words_said(self, n: int, least: float) -> set[str]:
        """The (lower-cased) words of unit ``n`` the term's characters say with at least probability ``least``.

        >>> sorted(TermAlignment("油价", ["Oil prices rose."], ["油价上涨。"]).words_said(0, 0.5))
        ['oil', 'prices']
        """
        masses, words = self._unit(n)
        return {w for m, w in zip(masses, words) if m >= least}

    def of(self, span: str, where: Sequence[int]) -> tuple[float, float]:
        """How much of ``span`` the term's characters say, and how much of what they say it holds, over the units
        ``where`` it stands that have a source (:func:`span_alignment`)."""
        held = [self._unit(n) for n in where if n < len(self.sources)]
        return span_alignment([m for m, _ in held], [w for _, w in held], span.split())
