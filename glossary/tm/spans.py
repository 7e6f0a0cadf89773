"""The candidate renderings of a term in the English of aligned sentences, and what speaks for each: the
spans of the units' English (up to a few words more than the term has parts, not beginning or ending with a
function word) with their features — how the term's parts' dictionary senses (CC-CEDICT, and ECDICT's English for
the Chinese) are covered, how consistently and exclusively the span comes with the term (Dice), its length
against the term's, its shape (cut names, punctuation crossed, articles, plural). The weights are learned
(:mod:`glossary.tm.extract`); nothing here is a particular term.

Words match by their first four letters, so "trading" meets "trade" and "issuance" "issue".

>>> spans = span_features("大豆", ["Soybean exports rose.", "Soybean prices fell."], lambda s: 2)
>>> "soybean" in [s.text for s in spans], len(FEATURES) == len(spans[0].features)
(True, True)
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .links import TermAlignment
from .senses import foreign_keys, gloss_head, head_keys, sense_keys, sense_sets, term_parts
from .words import FUNCTION_WORDS, WORD, content_words, cut_spans, tokenise, vocabulary, word_key

#: a span may have this many words more than the term has parts
_SLACK = 2
#: a word the aligner gives the term at least this probability of saying makes its spans candidates
SAID_MIN = 0.15
#: ... in at least this share of the term's units, of at most this many aligned for it
SAID_SHARE, SAID_UNITS = 0.5, 10
#: a word the aligner gives the term at least this probability of saying in a unit is the term's there, whatever
#: the dictionary senses of the source's other words say of it
OWN_MASS = 0.5


#: an article inside a span joins two phrases ("price and a capacity"), no term
_ARTICLE = re.compile(r" (?:a|an|the) ")


#: endings of English adjectives: a span ending in one lacks its head noun ("structural" of "structural steel")
_ADJECTIVE_END = re.compile(r"(?:al|ic|ive|ory|ous|ary|ible|able)$")


#: what is measured of each span, in this order (the learned weights follow it)
FEATURES: tuple[str, ...] = (
    "covered_parts",
    "least_part",
    "unknown_parts",
    "accounted",
    "unaccounted",
    "consistency",
    "dice",
    "log_units",
    "log_count",
    "length",  # (words as English counts them: a hyphenated modifier is one; "words" split it)
    "too_short",
    "too_long",
    "cut_name",
    "crosses_punctuation",
    "head_last",
    "article_inside",
    "adjective_end",
    "plural",
    "name_case",  # (a name's inner "of" or "and" in lower case; "title_case" wanted every word capitalised)
    "acronym",
    "gloss_exact",
    "known_exact",
    "digits",
    "commonest",
    "next_same",
    "prev_same",
    "foreign",
    "foreign_edge",
    "aligned_in",
    "aligned_held",
    "aligned_only",
    "same_words",
    "edge_unexplained",
    "conjunct_unexplained",
    # how the span stands among the term's others (appended last, once all are measured)
    "coverage_gap",
    "dice_gap",
)
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,}\b")


def _closed(beside: Counter[str]) -> float:
    """How often a span comes with the same content word beside it (the share of its occurrences; ``beside``
    counts the words' keys, "" for a function word or none): a span always followed by "administration" is a
    name cut short, one followed by anything stands on its own."""
    word, n = beside.most_common(1)[0] if beside else ("", 0)
    return 0.0 if not word else n / sum(beside.values())


class _Anchors(dict):
    """Word → whether some of ``evidence`` (sense keys) speaks for it or for its plural (so a plural span's
    singular is cut too): a span without such a word is no rendering. Filled as words are asked for."""

    def __init__(self, evidence: set[str]) -> None:
        super().__init__()
        self.evidence = evidence

    def __missing__(self, word: str) -> bool:
        found = not self.evidence.isdisjoint(_anchor_keys(word))
        self[word] = found
        return found


@lru_cache(maxsize=65536)  # the words of a memory recur for every term
def _anchor_keys(word: str) -> frozenset[str]:
    """The keys evidence for ``word`` would have: its content words' and their plurals'."""
    return frozenset(k for p in content_words(word) for k in (word_key(p), word_key(p + "s")))


@dataclass
class Span:
    """A candidate rendering: as the memory writes it, its lower-cased key, its features (:data:`FEATURES`)."""

    text: str
    key: str
    features: list[float]


_COORDINATOR = re.compile(r",? (?:and|or|as well as) |, ")


def _conjunct_unexplained(key: str, explained: set[str]) -> float:
    """Whether a span joins phrases one of which nothing of the term explains ("a and b" where the term says b).

    >>> _conjunct_unexplained("gadget halls and fermenters", {"ferm"}), _conjunct_unexplained("fermenters", {"ferm"})
    (1.0, 0.0)
    """
    parts = _COORDINATOR.split(key)
    if len(parts) < 2:
        return 0.0
    return float(any(not any(word_key(w) in explained for w in content_words(p)) for p in parts if p.strip()))


def _name_cased(words: Sequence[str]) -> bool:
    """Whether a span is written as a name is: every word capitalised, but for function words inside it (a
    name's "of" or "and": "Bank of England").

    >>> _name_cased(["Bank", "of", "England"]), _name_cased(["bank", "of", "England"]), _name_cased(["Bank", "of"])
    (True, False, False)
    """
    last = len(words) - 1
    return all(w[:1].isupper() or (0 < i < last and w in FUNCTION_WORDS) for i, w in enumerate(words))


def span_features(
    term: str,
    units: Sequence[str],
    count: Callable[[str], int],
    known: Sequence[str] = (),
    sources: Sequence[str] = (),
) -> list[Span]:
    """Every candidate span of the English ``units`` (those whose source holds ``term``) that some sense of
    the term or of its parts, or the word aligner, speaks for, with its features; ``count(span)`` is how many
    units of the whole memory hold the (lower-cased) span, ``known`` the term's English suggestions so far,
    ``sources`` the units' (Simplified) source sentences, whose other words' senses speak against a span."""
    from ..align import dictionary
    from ..mining import lexicon

    parts = term_parts(term)
    part_senses = [sense_sets(p) for p in parts]
    part_unions = [set().union(*senses) for senses in part_senses]
    evidence = set().union(sense_keys(term), *(k for senses in part_senses for k in senses))
    evidence |= {word_key(w) for text in known for w in content_words(text)}
    last_sense = " ".join(sorted(part_senses[-1][0])) if part_senses and part_senses[-1] else ""
    # English puts the head last: the last part's (or the whole term's) sense should end the span
    head = set(head_keys(parts[-1])) if parts else set()
    whole = [] if term.isascii() else [*dictionary.ranked_glosses(term, limit=4), *lexicon.english(term)]
    head |= {word_key(h) for h in map(gloss_head, whole) if h}
    exact = {g.lower() for g in whole}
    suggested = {k.lower() for k in known}
    # the content words of a whole term's sense or suggestion, in any order: "share prices" says "price of shares"
    said_whole = {frozenset(word_key(w) for w in content_words(g)) for g in [*whole, *known]} - {frozenset()}
    # English says a Chinese term in about one word per two Hanzi (a Latin part is its own words)
    hanzi = sum(1 for ch in term if not ch.isascii())
    expected = max(1, round(hanzi / 2) + len(WORD.findall(term)))
    seen: Counter[str] = Counter()
    surface: dict[str, str] = {}
    shape: dict[str, tuple[int, bool]] = {}  # span → (the units where it cuts a name short, crosses punctuation in all)
    nexts: dict[str, Counter[str]] = {}
    prevs: dict[str, Counter[str]] = {}
    where: dict[str, list[int]] = {}  # span → the units that hold it
    aligned = TermAlignment(term, units, sources)
    # the words the word aligner says the term's characters render, in at least half its units: a rendering no
    # dictionary knows (a company's English name, a field's sense of everyday characters) is still a candidate
    said = aligned.said(SAID_MIN, SAID_SHARE, SAID_UNITS, _anchor_keys) - evidence
    explained = evidence | said
    anchors = _Anchors(explained)
    # the most units any span is in (a feature is being that one): a single word's count bounds every span's
    # that holds it, so the single words' counts say it without the spans cut
    alone: Counter[str] = Counter()
    for n, u in enumerate(units):
        alone.update(vocabulary(u))
        spans = cut_spans(u, max(len(parts), expected) + _SLACK, anchors)
        first = next(iter(tokenise(u)[0]), "")
        for s, (cut, crossed, before, after) in spans.items():
            k = s.lower()
            if not s.startswith(first) or k not in surface:
                # a capital that only starts the sentence is no part of the term ("Soybean" → "soybean")
                at_start = s.startswith(first) and s[:1].isupper() and s.split()[0][1:].islower()
                surface[k] = s[:1].lower() + s[1:] if at_start and k not in surface else s
            was = shape.get(k, (0, True))
            shape[k] = (was[0] + cut, was[1] and crossed)
            # the word beside it by its key: "silicon" before "wafers" and before "wafer" is cut short alike
            nexts.setdefault(k, Counter())["" if after in FUNCTION_WORDS else word_key(after)] += 1
            prevs.setdefault(k, Counter())["" if before in FUNCTION_WORDS else word_key(before)] += 1
        for k in dict.fromkeys(s.lower() for s in spans):  # in the text's order: a fit does not vary by hash seed
            seen[k] += 1
            where.setdefault(k, []).append(n)
    top = max(alone.values(), default=0)
    taken: dict[int, set[str]] = {}  # unit → the keys its source's other words take (asked for lazily)
    out = []
    for k, c in seen.items():
        keys = [word_key(w) for w in content_words(k)]
        have = set(keys)
        hits = have & evidence
        if not keys or not (hits or have & said):
            continue  # a span no sense, suggestion or alignment speaks for is no rendering of the term
        # the share of its words the source's other words account for, and whether one is at its edge
        foreign = edge = 0.0
        for n in where[k]:
            if n >= len(sources):
                continue
            if n not in taken:
                # (competitive linking both ways: a word the term's own characters say in this unit is not another's)
                own = {word_key(w) for w in aligned.words_said(n, OWN_MASS)}
                taken[n] = foreign_keys(sources[n], term, evidence) - own
            foreign += sum(w in taken[n] for w in keys) / len(keys)
            edge += keys[0] in taken[n] or keys[-1] in taken[n]
        align_in, align_held = aligned.of(k, where[k])
        # each part by its best sense: the share of that sense's words the span says ("power plant" for 电厂)
        by_part = [
            max((len(sense & have) / len(sense) for sense in senses), default=0.0) if have & union else 0.0
            for senses, union in zip(part_senses, part_unions)
        ]
        # a part no word of the span accounts for is said by some word all the same: one word needs no evidence
        unknown = sum(1 for share in by_part if share == 0)
        accounted = len(hits) + min(unknown, len(keys) - len(hits))
        text = surface[k]
        words = text.split()
        # its length in words as English counts them: a hyphenated modifier (oil-fired, cost-effective) is one
        length = sum(1 for w in words if w.lower() not in FUNCTION_WORDS) or len(keys)
        out.append(
            Span(
                text,
                k,
                [
                    sum(by_part) / max(1, len(by_part)),
                    min(by_part, default=0.0),
                    unknown / max(1, len(by_part)),
                    accounted / len(keys),
                    len(keys) - accounted,
                    c / len(units),
                    2 * c / (len(units) + count(k)),
                    math.log1p(len(units)),
                    math.log1p(count(k)),
                    length,
                    max(0, expected - length),
                    max(0, length - expected),
                    min(1.0, shape[k][0] / c),
                    float(shape[k][1]),
                    float(keys[-1] in head),
                    float(bool(_ARTICLE.search(f" {k} "))),
                    float(bool(_ADJECTIVE_END.search(k)) and not _ADJECTIVE_END.search(last_sense)),
                    float(k.endswith("s") and k[:-1] in seen),
                    float(_name_cased(words)),
                    float(bool(_ACRONYM.search(text))),
                    float(k in exact),
                    float(k in suggested),
                    float(any(ch.isdigit() for ch in k)),
                    float(c == top),
                    _closed(nexts[k]),
                    _closed(prevs[k]),
                    foreign / c,
                    edge / c,
                    align_in,
                    align_held,
                    float(not hits),
                    float(len(keys) > 1 and frozenset(keys) in said_whole),
                    # the edges no sense or alignment explains: a name before the term, a verb after it (the
                    # count of such words forgives one per unknown part, and cannot say where they stand)
                    float(keys[0] not in explained) + float(len(keys) > 1 and keys[-1] not in explained),
                    _conjunct_unexplained(k, explained),
                ],
            )
        )
    # how each span stands among the term's others: a pointwise model sees the ranking it is part of
    if out:
        best_cover = max(s.features[0] for s in out)
        best_dice = max(s.features[6] for s in out)
        for span in out:
            span.features += [best_cover - span.features[0], best_dice - span.features[6]]
    return out
