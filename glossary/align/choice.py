"""Which rendering of each word a composition takes, by a fitted model rather than by the order of the rules.

:mod:`glossary.align.compose` gives each word of a term its options in the order its rules prefer (the
dictionary's senses, act nouns, the forms compounds take …). This module adds the renderings English compounds
give the same word at the same place (a *parts table*: ECDICT's two- and three-word headwords whose Chinese splits
into as many dictionary words, word for word — 股票市场 "stock market" says 市场 heads as "market", which
CC-CEDICT lists after "marketplace"), describes every option by general features (its rank by the rules and in
the dictionary, how often the parts table gives it there, its English frequency, its length and form …), and a
logistic regression fitted on the annotated corpora (``scripts/train_senses.py``, `make train`) ranks them. A
whole composition is then ranked by its words' probabilities and by the English word pairs it makes that English
uses (a bigram list of the web's English, ``wordsegment``, and ECDICT's headwords): "labour market" before
"manpower marketplace". Nothing here names a particular term or word.

>>> [o for o, _ in ranked("市场", True, False, None, ["marketplace", "market"])][0]
'market'
"""

from __future__ import annotations

import csv
import math
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from itertools import product
from pathlib import Path

from ..cache import cached_table
from ..data import log_odds, logistic, read_weights
from ..mining import cedict, lexicon
from ..table import Table
from ..tm import words as english_words
from ..tm.words import FUNCTION_WORDS
from . import dictionary, discourse, english, kinds
from .discourse import discourse_support

#: what is measured of each option, in this order (the fitted weights follow it)
FEATURES: tuple[str, ...] = (
    "rule_first",
    "rule_inv",
    "raw_in",
    "raw_inv",
    "raw_first",
    "parts_log",
    "parts_share",
    "parts_top",
    "parts_total",
    "ecdict",
    "words",
    "zipf_min",
    "zipf_gap",
    "ing",
    "ed",
    "capital",
    "verb_only",
    "chars",
    "final",
    "first",
    "added",
    "discourse",
    "discourse_top",
)

#: names another weights file (one fitted by ``scripts/train_senses.py`` on your own annotated texts)
MODEL_ENV = "GLOSSARY_SENSE_MODEL"
#: compositions ranked jointly up to this many (a long title's words keep the rules' order beyond it)
MAX_COMBINATIONS = 256
#: options the parts table adds to a word's: its commonest renderings there, each given this often at least
PARTS_ADDED, PARTS_MIN = 3, 2

_WORD = re.compile(r"[a-z0-9]+")
_HEADWORD = re.compile(r"[a-z][a-z\-]*")


def _place(final: bool) -> str:
    return "head" if final else "mod"


def _build_parts(src: Path) -> dict[str, list[list]]:
    """(Chinese word, place) → its renderings in ECDICT's compounds, commonest first, with their counts."""
    found: dict[str, Counter[str]] = {}
    for row, _li, label, items in lexicon.translation_lines(src):
        # (lower-case words only: a name's capitals are no compound's)
        words = (row.get("word") or "").split()
        if not 2 <= len(words) <= 3 or label == "网络" or not all(_HEADWORD.fullmatch(w) for w in words):
            continue
        if any(w in FUNCTION_WORDS for w in words):
            continue  # ("the market", "go through": Chinese has no article or particle for them to render)
        for item in items[:3]:
            if not 2 <= len(item) <= 8 or not all("\u4e00" <= ch <= "\u9fff" for ch in item):
                continue
            parts = dictionary.segment(item, max_len=len(item) - 1)
            if len(parts) != len(words):
                continue  # (word for word only: which English word renders which part is then certain)
            for i, (part, word) in enumerate(zip(parts, words)):
                # (a plural counts for its singular: "subsidies" and "subsidy" are one rendering)
                one = lexicon.singular(word) or word if i == len(parts) - 1 else word
                found.setdefault(f"{part}\t{_place(i == len(parts) - 1)}", Counter())[one] += 1
    return {k: [[w, n] for w, n in c.most_common(8)] for k, c in found.items()}


@lru_cache(maxsize=1)
def _parts() -> Table:
    src = lexicon.path()
    if src is None:
        return Table(None, {})
    # (and keyed by CC-CEDICT's edition, whose words the Chinese is split into)
    key = f"{lexicon.source_key(src)}-{cedict.source_key(cedict.source())}"
    # (ECDICT's lines read, the Chinese split and the function words left out by other modules' rules)
    return cached_table("ecdict-parts", key, lambda: _build_parts(src), depends=(lexicon, dictionary, english_words))


def compound_renderings(word: str, final: bool) -> list[tuple[str, int]]:
    """How ECDICT's compounds render ``word`` as their head (``final``) or before it, commonest first.

    >>> compound_renderings("市场", True)[0][0] if lexicon.available() else "market"
    'market'
    """
    return [(w, n) for w, n in _parts().get(f"{word}\t{_place(final)}", [])]


def _build_bigrams() -> dict[str, int]:
    """English word pairs in use: the web's commonest (``wordsegment``'s list) and ECDICT's headwords'."""
    out = {pair: 1 for pair in lexicon.web_bigrams() if pair.count(" ") == 1}
    src = lexicon.path()
    if src is not None:
        with src.open(encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                words = _WORD.findall(row[0].lower()) if row else []
                for a, b in zip(words, words[1:]):
                    out[f"{a} {b}"] = 1
    return out


@lru_cache(maxsize=1)
def _bigrams() -> Table:
    from importlib.metadata import PackageNotFoundError, version

    try:
        ws = version("wordsegment")
    except PackageNotFoundError:
        ws = "none"
    src = lexicon.path()
    key = f"{ws}-{lexicon.source_key(src) if src else 'none'}"
    return cached_table("english-bigrams", key, _build_bigrams, depends=(lexicon,))


def attested(left: str, right: str) -> bool:
    """True when English writes the last word of ``left`` before the first of ``right``.

    >>> attested("power", "grid") if lexicon.available() else True
    True
    """
    key = _pair(left, right)
    return key is not None and key in _bigrams()


def _pair(left: str, right: str) -> str | None:
    """The bigram table's key for the last word of ``left`` and the first of ``right``; None where either is
    none (a hyphenated word is one: "blow-off" before "right" is no "off right")."""
    a, b = left.lower().split(), right.lower().split()
    if a and b and _WORD.fullmatch(a[-1]) and _WORD.fullmatch(b[0]):
        return f"{a[-1]} {b[0]}"
    return None


def model() -> dict | None:
    """The fitted weights in use: those set by :func:`use`, else ``$GLOSSARY_SENSE_MODEL``, else the shipped
    ``glossary/data/sense_choice.json``.

    :raises ModelError: the file cannot be read, is not JSON, or was fitted on other features.
    """
    return _chosen[0] if _chosen else _load(os.environ.get(MODEL_ENV) or "")


_chosen: list[dict | None] = []


def use(weights: dict | None) -> None:
    """Rank by ``weights`` from now on (None: the rules' order, as before any model; how training collects)."""
    _chosen[:] = [weights]
    _ranked.cache_clear()


def use_shipped() -> None:
    """Back to :func:`model`'s default."""
    _chosen.clear()
    _ranked.cache_clear()


@contextmanager
def using(weights: dict | None) -> Iterator[None]:
    """:func:`use` ``weights`` while open, then what was in use before (training with a shipped file fitted on
    other features must never read it)."""
    before = list(_chosen)
    use(weights)
    try:
        yield
    finally:
        _chosen[:] = before
        _ranked.cache_clear()


@lru_cache(maxsize=4)
def _load(path: str) -> dict:
    return read_weights(
        path, "sense_choice.json", "sense-choice weights", MODEL_ENV, FEATURES, "scripts/train_senses.py"
    )


def options(word: str, final: bool, ruled: Sequence[str]) -> tuple[list[str], set[int]]:
    """``ruled`` (the rules' options, in their order) and the renderings compounds give ``word`` there that
    none of them says, with the indexes of those added. A word that only cuts an option short is not added
    ("heavy" beside "heavy metal")."""
    out = list(dict.fromkeys(ruled))
    added: set[int] = set()
    # (a plural is its singular's option already: "facility" beside "facilities")
    said = {_singular(o) for o in out}  # (and "heavy-metal" is "heavy metal")
    inside = {w for o in map(spaced, out) if " " in o for w in o.split()}  # (and "high-speed" holds "high")
    found = [w for w, n in compound_renderings(word, final)[:PARTS_ADDED] if n >= PARTS_MIN]
    for w in found + lexicon.english(word)[:2]:
        # (a head is a noun: no "machine made" beside "mechanism" at the end of a term, as the rules say)
        if _singular(w) not in said and w.lower() not in inside and not (final and english.participle(w)):
            added.add(len(out))
            out.append(w)
            said.add(_singular(w))
    return out, added


def spaced(text: str) -> str:
    """``text`` in lower case, its hyphens spaces ("High-speed" → "high speed")."""
    return text.lower().replace("-", " ")


def _singular(text: str) -> str:
    low = spaced(text)
    return lexicon.singular(low) or low if " " not in low else low


@lru_cache(maxsize=65536)  # (a word's options recur in the terms holding it)
def _zipf(text: str) -> float:
    """The Zipf frequency of the rarest word of ``text`` (0 for a word English does not use)."""
    out = []
    for w in _WORD.findall(text.lower()):
        f = english.frequency(w)
        out.append(math.log10(f) + 9 if f > 0 else 0.0)
    return min(out, default=0.0)


def features(
    word: str, final: bool, first: bool, reading: str | None, opts: Sequence[str], added: set[int]
) -> list[list[float]]:
    """Each option's features (:data:`FEATURES`)."""
    raw = dictionary.ranked_glosses(word, limit=12, reading=reading)
    # (a hyphen and a space are one rendering, as in :func:`options`: the compounds' "high-speed" is the rules'
    # "high speed", which found no count and lost to "expressway")
    counts: Counter[str] = Counter()
    for w, n in compound_renderings(word, final):
        counts[spaced(w)] += n
    total = sum(counts.values())
    top = counts.most_common(1)[0][0] if counts else None
    ecdict = {spaced(e) for e in lexicon.english(word)}
    zipfs = [_zipf(o) for o in opts]
    # (the commonest of the rules' own options: a rare or stray word the lexicon adds moves no other's gap)
    best = max((z for k, z in enumerate(zipfs) if k not in added), default=0.0)
    told = [discourse_support(word, o) for o in opts] if discourse.known() else [0] * len(opts)
    most = max(told, default=0)
    rows = []
    for k, o in enumerate(opts):
        words, low = o.split(), spaced(o)
        edge = (words[-1] if final else words[0]).lower() if words else ""
        n = counts.get(low, 0) or (counts.get(edge, 0) if len(words) > 1 else 0)
        r = raw.index(o) if o in raw else -1
        rows.append(
            [
                float(k == 0),
                1 / (1 + k),
                float(r >= 0),
                1 / (1 + r) if r >= 0 else 0.0,
                float(r == 0),
                math.log1p(n),
                n / total if total else 0.0,
                float(low == top),
                math.log1p(total),
                float(low in ecdict),
                float(len(words)),
                zipfs[k],
                best - zipfs[k],
                float(low.endswith("ing")),
                float(low.endswith("ed")),
                float(o[:1].isupper()),
                float(kinds.is_verb_only(word, o)),
                float(len(word)),
                float(final),
                float(first),
                float(k in added),
                math.log1p(told[k]),
                float(most > 0 and told[k] == most),
            ]
        )
    return rows


def use_discourse(entries: dict[str, list[tuple[str, str]]]) -> None:
    """Rank a word's renderings by how the run's other terms render it too (one sense per discourse): ``entries``
    maps each word to the terms holding it whose whole English is known, with that English (:func:`said`). In a
    software manual 对象 is an "object" (对象类型 "object type"), in a news story a "partner"."""
    discourse.use(entries)
    _ranked.cache_clear()


def ranked(
    word: str, final: bool, first: bool, reading: str | None, ruled: Sequence[str]
) -> list[tuple[str, float | None]]:
    """``word``'s options in a term, best first, each with its probability (None without a model: the rules'
    order stands)."""
    ruled = list(dict.fromkeys(ruled))
    # (a single character's renderings are the rules' alone: its prefix, suffix and head senses are read from
    # the dictionary's compounds, and what it gives in a compound of ECDICT's is mostly that compound's; a
    # name, a country's among them, is said as the naming rules say it: US, not "American")
    chosen = bool(ruled) and not word.isascii() and len(word) >= 2 and not kinds.is_proper(word)
    if chosen and _recorders:
        _recorders[-1](word, final, first, reading, ruled)
    weights = None if _recorders else model()
    if len(word) == 1 and len(ruled) > 1 and discourse.terms_holding(word):
        # a character the run's words say one way leads with that sense (a Taiwan text's 档 is a "file", as its
        # 档案 says, not the dictionary's first "shelves")
        told = {o: discourse_support(word, o) for o in ruled}
        ruled = sorted(ruled, key=lambda o: -told[o])
    if weights is None or not chosen:
        return [(o, None) for o in ruled]
    return list(_ranked(id(weights), word, final, first, reading, tuple(ruled)))


@lru_cache(maxsize=65536)  # the words of a corpus's terms recur (市场 in hundreds of them)
def _ranked(
    weights_id: int, word: str, final: bool, first: bool, reading: str | None, ruled: tuple[str, ...]
) -> tuple[tuple[str, float | None], ...]:
    weights = model()
    assert weights is not None and id(weights) == weights_id  # (use() empties this cache)
    opts, added = options(word, final, ruled)
    if len(opts) < 2:
        return tuple((o, None) for o in opts)
    odds = [log_odds(weights, row) for row in features(word, final, first, reading, opts, added)]
    # the rules' first option keeps a head start (log-odds ``rule_bias``): they know what features do not say
    odds[0] += float(weights.get("rule_bias", 0.0))
    probs = [logistic(z) for z in odds]
    order = sorted(range(len(opts)), key=lambda k: (-probs[k], k))
    return tuple((opts[k], probs[k]) for k in order)


_recorders: list[Callable[[str, bool, bool, str | None, list[str]], None]] = []


@contextmanager
def recording(callback: Callable[[str, bool, bool, str | None, list[str]], None]) -> Iterator[None]:
    """While open, every word the model would rank is told to ``callback`` (word, whether it ends the term,
    whether it begins it, its reading, the rules' options) and keeps the rules' order: how
    ``scripts/train_senses.py`` collects its examples."""
    _recorders.append(callback)
    try:
        yield
    finally:
        _recorders.remove(callback)


def combinations(options: Sequence[Sequence[str]], probs: dict[str, float]) -> Iterator[tuple[str, ...]]:
    """Every choice of one option per word, the likeliest first: by the options' probabilities (``probs``; an
    option without one counts as a coin toss) and the attested English word pairs they make, each worth the
    model's ``bigram_bonus`` in log-odds. Without probabilities, or with too many choices, the rules' order."""
    weights = model()
    every = product(*options)
    size = math.prod(len(o) for o in options)
    if weights is None or not probs or size > MAX_COMBINATIONS:
        yield from every
        return
    bonus = float(weights.get("bigram_bonus", 0.0))
    # each option's log-probability and each pair of neighbours' bonus, once (not once per combination)
    logs = {o: math.log(max(1e-3, probs.get(o, 0.5))) for opts in options for o in opts}
    neighbours = [(a, b) for left, right in zip(options, options[1:]) for a in left for b in right]
    _bigrams().prefetch(key for a, b in neighbours if (key := _pair(a, b)))
    pairs = {(a, b): bonus * attested(a, b) for a, b in neighbours}

    def score(combo: tuple[str, ...]) -> float:
        return sum(logs[o] for o in combo) + sum(pairs[p] for p in zip(combo, combo[1:]))

    yield from sorted(every, key=lambda c: -score(c))
