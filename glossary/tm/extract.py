"""Bilingual term extraction: each term's rendering in the English of the aligned sentences that hold it.

For a term, every English word span of the units whose source holds the term is a candidate, described by
features (:mod:`glossary.tm.spans`): how the senses of the term's parts are covered (CC-CEDICT's and ECDICT's),
how consistently and exclusively the span comes with the term, its length and shape. A logistic regression
fitted on hand translations (``scripts/train_tm.py``, `make train`; the weights in ``glossary/data/tm_spans.json``)
turns them into the probability that the span is the term's rendering: that probability ranks the spans and is
the confidence shown. Works from one unit up: with one unit the parts' senses decide, with many the statistics
weigh in.

>>> pairs = [("大豆出口增加。", "Soybean exports rose."), ("大豆价格下跌。", "Soybean prices fell."),
...          ("钢铁出口增加。", "Steel exports rose.")]
>>> propose(["大豆"], pairs)["大豆"][0][0]
'soybean'
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache

from ..data import log_odds, logistic, read_weights
from ..mining import lexicon
from ..normalise.script import to_simplified
from ..workers import collection_paused, default_workers, fork_map_inherited, split
from .brackets import spelled_out
from .memory import Memory, sample_units
from .spans import FEATURES, span_features
from .words import FUNCTION_WORDS

#: below this probability a span is no rendering worth proposing (leave-one-article-out, 1 of 41 such spans was
#: right; from it to 0.05, 6 of 88: the best span of a term that may have no other English among them); what is
#: proposed shows its calibrated confidence, and a term whose English is all guesses says it has no reliable one
MIN_SCORE = 0.02
#: renderings proposed per term, the best and its runners-up (as many as a composition offers less one: with
#: three, the memory's leave-one-article-out "any" read 0.913 / 0.962 / 0.898 on the dev translations, with five
#: 0.942 / 0.962 / 0.909, the first rendering unchanged; the runners-up's confidence is calibrated on the four)
RENDERINGS = 5
#: from this (calibrated) confidence on the memory's rendering goes before the dictionary's and composed
#: suggestions: off the reference field the first suggestion without a memory is right about one time in four
#: (`make eval`), and spans of confidence 0.2 and up are right more often than that
STRONG = 0.2


#: the score of a long form the memory spells out for an abbreviation the source gives the term in brackets
#: (:mod:`glossary.tm.brackets`): its confidence is 0.9, near the share right of the 12 found on the dev
#: translations (12 of 12; as (right + 1) / (found + 2), 0.93), where the span model scored 8 of them under 0.5
SPELLED_OUT = 0.9


#: names another weights file (one fitted by ``scripts/train_tm.py`` on your own translations)
SPANS_ENV = "GLOSSARY_TM_SPANS"


def model() -> dict:
    """The fitted span weights: ``$GLOSSARY_TM_SPANS`` when set, else ``glossary/data/tm_spans.json``.

    :raises ModelError: the file cannot be read, is not JSON, or was fitted on other features than
        :data:`~glossary.tm.spans.FEATURES` (its weights would be applied to the wrong measures).
    """
    return _weights(os.environ.get(SPANS_ENV) or "")


@lru_cache(maxsize=4)
def _weights(path: str) -> dict:
    return read_weights(path, "tm_spans.json", "span weights", SPANS_ENV, FEATURES, "scripts/train_tm.py")


def probability(weights: Mapping, features: Sequence[float]) -> float:
    """The fitted logistic regression's probability that a span with ``features`` is the term's rendering."""
    return logistic(log_odds(weights, features, "weights"))


def confidence(score: float, weights: Mapping | None = None, runner_up: bool = False) -> float:
    """The confidence shown for a span of probability ``score``: the share of spans so scored that were right,
    leave-one-article-out (the calibrations ``scripts/train_tm.py`` writes beside the weights), interpolated.
    A ``runner_up`` (a term's second or third rendering) has its own: of two spans scored alike, the one ranked
    below another of the same term is right less often (often that one cut short: "national energy").

    >>> 0.0 <= confidence(0.0) <= confidence(0.5) <= confidence(1.0) <= 1.0
    True
    >>> confidence(0.9, runner_up=True) <= confidence(0.9)
    True
    """
    weights = weights or model()
    best = _read(weights.get("calibration") or [[0.0, 0.0], [1.0, 1.0]], score)
    rest = weights.get("calibration_rest")
    # (never surer than a best span scored alike: where runners-up are few their curve says little)
    return min(best, _read(rest, score)) if runner_up and rest else best


def _read(points: list[list[float]], score: float) -> float:
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
    owners: Sequence[Mapping[str, str]] = (),
) -> list[tuple[float, str]]:
    """Every candidate span of the English ``units`` (those whose source holds ``term``) with its probability,
    best first; a plural and its singular both found count as the singular, as glossaries list terms.
    ``count(span)`` is how many units of the whole memory hold a (lower-cased) span; ``sources`` are the units'
    source sentences (their other words take the English they account for), ``owners`` each one's abbreviations
    in brackets → the terms they abbreviate (:func:`glossary.tm.brackets.abbreviated`)."""
    weights = model()
    spans = span_features(term, units, count, known, sources)
    keys = {s.key for s in spans}
    best: dict[str, tuple[float, str]] = {}
    shown = {s.key: s.text for s in spans}
    for s in spans:
        p = probability(weights, s.features)
        key = s.key[:-1] if s.key.endswith("s") and s.key[:-1] in keys else s.key
        text = shown[key]
        # a word before the head in the plural or not is one rendering ("widget exports licensing"): the likelier
        # probability, shown as running text writes it
        key = _inner_singular(key)
        was = best.get(key)
        if was is None:
            best[key] = (round(p, 4), text)
        else:
            best[key] = (round(max(p, was[0]), 4), text if _preferred((p, text), was) else was[1])
    # an abbreviation the source gives the term in brackets, spelled out before it in the English, says the
    # rendering outright (总拥有成本（TCO）, "total cost of ownership (TCO)"): on the dev translations each of the 12
    # long forms so found was a gold rendering, so it stands first at the confidence that measures
    for key, text in spelled_out(term, units, owners).items():
        p, shown_as = best.get(key, (0.0, text))
        best[key] = (max(SPELLED_OUT, p), shown_as)
    ranked = sorted(best.values(), key=lambda t: (-t[0], len(t[1]), t[1]))
    out: dict[str, tuple[float, str]] = {}
    for p, text in ranked:  # a glossary lists a compound in the singular ("heat pump systems" → "… system")
        # and writes the apostrophe the dictionaries do, so the memory's "People’s Bank" and theirs are one
        one = citation_form(singular_compound(text).replace("’", "'"), known)
        out.setdefault(one.lower(), (p, one))
    return list(out.values())


def _inner_singular(key: str) -> str:
    words = key.split(" ")
    return " ".join([*(lexicon.singular(w) or w for w in words[:-1]), *words[-1:]])


def _title_cased(text: str) -> bool:
    words = text.split()
    return len(words) > 1 and all(w[:1].isupper() for w in words)


def _preferred(new: tuple[float, str], old: tuple[float, str]) -> bool:
    """Whether ``new`` (probability, text) shows a rendering better than ``old``: as running text writes it
    rather than as a title's capitals do, then the likelier."""
    return (not _title_cased(new[1]), new[0]) > (not _title_cased(old[1]), old[0])


def citation_form(text: str, known: Sequence[str]) -> str:
    """A one-word rendering in a verb's past form, as the sentence's grammar had it ("the book was published"),
    in the form the dictionaries give the same verb, where one of ``known`` (the term's suggestions without the
    memory) is that verb or its -ing form: a glossary cites "publish", not "published". A past form no suggestion
    speaks for stays (an adjective: "crowded"), as does a phrase ("recently released").

    >>> citation_form("published", ["issue", "publish"]) if lexicon.available() else "publish"
    'publish'
    >>> citation_form("crowded", ["crowdedness"])
    'crowded'
    """
    if " " in text or not text.islower():
        return text
    form = lexicon.verb_form(text)
    if form is None or not set(form[1]) & {"p", "d"}:
        return text
    for k in known:
        if " " not in k and k.islower() and k != text:
            other = lexicon.verb_form(k)
            if k == form[0] or other is not None and other[0] == form[0] and "i" in other[1]:
                return k
    return text


#: what may stand between two words of a rendering as the translator wrote it: a space, a dash joining two
#: places (Ningbo–Zhoushan), a slash, a sign before a number (±800 kV); not a comma or a bracket
_JOINS = r"[\s\u2013\u2014/±·]+"


def as_written(text: str, units: Sequence[str], qualified: bool = False) -> str:
    """``text`` (a span's words, one space apart) as the first of ``units`` that holds it writes it: a span is
    cut from words, so the dash of a line between two places or the sign of a voltage was lost; for the
    rendering of a ``qualified`` term, with the bracket after it too (:func:`with_qualifier`).

    >>> as_written("Ningbo Zhoushan port", ["The Ningbo–Zhoushan port grew."])
    'Ningbo–Zhoushan port'
    >>> as_written("Ningbo Zhoushan port", ["Ningbo, Zhoushan port"])
    'Ningbo Zhoushan port'
    """
    words = text.split(" ")
    if len(words) > 1:
        written = re.compile(r"(?<![\w-])" + _JOINS.join(map(re.escape, words)) + r"(?![\w-])")
        text = next((found.group() for unit in units if (found := written.search(unit))), text)
    return with_qualifier(text, units) if qualified else text


#: a term that ends in a bracketed qualifier (a rule's 试行, a list's edition): the title's English writes one too
_QUALIFIER = re.compile(r"[（(][^（）()]{1,12}[）)]$")


def with_qualifier(text: str, units: Sequence[str]) -> str:
    """``text`` with the bracketed qualifier that follows it in the first of ``units`` to have one: the words
    are the title's and the bracket is part of its name, as the term's own is.

    >>> with_qualifier("Basic Rules", ["It issued the Basic Rules (Trial) in May."])
    'Basic Rules (Trial)'
    >>> with_qualifier("Basic Rules", ["It issued the Basic Rules in May."])
    'Basic Rules'
    """
    after = re.compile(r"\s+".join(map(re.escape, text.split())) + r"\s*(\([^()]{1,40}\))", re.IGNORECASE)
    for unit in units:
        found = after.search(unit)
        if found:
            return f"{text} {found.group(1)}"
    return text


#: an abbreviation in the plural: capitals (or digits) and a small s, as English writes "NGOs" or "A4Ts"
_ABBREVIATION_PLURAL = re.compile(r"[A-Z][A-Z0-9]+s")


def singular_compound(text: str) -> str:
    """A noun compound (two words or more, no function word) with its last word in the singular when it is a
    plural the English lexicon knows; one word stays as it is ("photovoltaics", "biologics"), except an
    abbreviation in the plural, which English writes with a small s whatever it stands for ("WFCs").

    >>> singular_compound("spot prices") if lexicon.available() else "spot price"
    'spot price'
    >>> singular_compound("WFCs"), singular_compound("new WFCs"), singular_compound("AIDS")
    ('WFC', 'new WFC', 'AIDS')
    """
    words = text.split(" ")
    if _ABBREVIATION_PLURAL.fullmatch(words[-1]) and not any(w.lower() in FUNCTION_WORDS for w in words):
        return " ".join([*words[:-1], words[-1][:-1]])
    # a phrase with a function word has its head elsewhere ("rights of way"): left as it is
    compound = len(words) > 1 and not any(w.lower() in FUNCTION_WORDS for w in words)
    one = lexicon.singular(words[-1]) if compound and words[-1].isalpha() and words[-1].islower() else None
    return " ".join([*words[:-1], one]) if one else text


def propose(
    terms: Iterable[str],
    pairs: Sequence[tuple[str, str]],
    min_pairs: int = 1,
    limit: int = RENDERINGS,
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
    limit: int = RENDERINGS,
    known: Mapping[str, Sequence[str]] | None = None,
    workers: int | None = None,
) -> dict[str, list[tuple[str, float, list[int]]]]:
    """:func:`propose`, each rendering with the indexes (into ``pairs``) of the units whose English holds it.

    :param workers: processes to align in; by default one per core (up to 4) from :data:`PARALLEL_MIN` unit
        visits on, in the main thread only (forking a threaded server can deadlock). Any split gives the same.
    """
    terms = list(terms)
    with collection_paused():  # millions of postings and spans, no cycles: the collector would only walk them
        memory = Memory(pairs, terms)
        jobs = []
        for term in terms:
            ids = memory.units(to_simplified(term))  # (the memory's sources are indexed in Simplified)
            if len(ids) < min_pairs or not ids:
                continue
            jobs.append((term, sample_units(ids)))
        if workers is None:
            big = sum(len(ids) for _, ids in jobs) >= PARALLEL_MIN
            workers = default_workers() if big and threading.current_thread() is threading.main_thread() else 1
        if workers <= 1 or len(jobs) <= _WARM_UP:
            return dict(_align(memory, jobs, limit, known or {}))
        # the first terms in this process load the dictionaries every worker then shares (forked, not loaded again)
        done = _align(memory, jobs[:_WARM_UP], limit, known or {})
        # (ECDICT's plurals and verb forms opened, or built on a first run, here once rather than in every worker)
        lexicon.singular("")
        lexicon.verb_form("")
        parts = split(jobs[_WARM_UP:], workers * 4)  # small parts: a worker with frequent terms is not waited for
        shared = (memory, limit, known or {})
        done += [found for part in fork_map_inherited(_align_part, shared, parts, workers) for found in part]
        return dict(done)


#: from this many units to read (each term's, sampled, summed over the terms) the terms are shared among forked
#: workers: about five seconds' work, against a tenth of a second to start them
PARALLEL_MIN = 20_000
#: terms aligned before forking, so the dictionaries they load are loaded once
_WARM_UP = 5


def _align_part(
    shared: tuple[Memory, int, Mapping[str, Sequence[str]]], jobs: list[tuple[str, list[int]]]
) -> list[tuple[str, list[tuple[str, float, list[int]]]]]:
    memory, limit, known = shared
    return _align(memory, jobs, limit, known)


def _align(
    memory: Memory, jobs: Sequence[tuple[str, list[int]]], limit: int, known: Mapping[str, Sequence[str]]
) -> list[tuple[str, list[tuple[str, float, list[int]]]]]:
    """Each term's renderings in its units (``jobs``: term, unit ids), terms without any left out."""
    out = []
    for term, ids in jobs:
        simplified = to_simplified(term)  # (a term given in Traditional is found and aligned as the sources are)
        units = [memory.targets[i] for i in ids]
        sources = [memory.sources[i] for i in ids]
        owners = [memory.abbreviations(i, simplified) for i in ids]
        spans = score_spans(simplified, units, memory.count, known.get(term, ()), sources, owners)
        kept = [(s, g) for s, g in spans if s >= MIN_SCORE][:limit]
        qualified = bool(_QUALIFIER.search(term))
        # (the kept ones only: each is a search of the units)
        scored = [(s, as_written(g, units, qualified)) for s, g in kept]
        if scored:
            out.append((term, [(g, s, memory.holding(ids, g)) for s, g in scored]))
    return out
