"""Bilingual term extraction: each term's rendering in the English of the aligned sentences that hold it.

For a term, every English word span of the units whose source holds the term is a candidate (up to a few words
more than the term has parts, not beginning or ending with a function word). A span is scored by evidence:

- how many of the term's parts (its dictionary words; a one-word term's characters) have a sense in CC-CEDICT
  whose words the span holds, and how many of the span's words some sense (or the entry's own suggestions)
  accounts for — so 换流站 finds "converter station" from 换流 and 站 "station";
- how consistently the span comes with the term across its units, and Dice over all units;
- how close its length is to what English gives so many Hanzi, about one word per two (no head alone, no
  clause).

Words match by their first four letters, so "trading" meets "trade" and "issuance" "issue". Works from one
unit up: with one unit the parts' senses decide, with many the statistics weigh in.

>>> pairs = [("稀土出口增加。", "Rare earth exports rose."), ("稀土价格下跌。", "Rare earth prices fell."),
...          ("钢铁出口增加。", "Steel exports rose.")]
>>> propose(["稀土"], pairs)["稀土"][0][0]
'rare earth'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

from ..normalise.script import to_simplified

_WORDS = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9'’&./-]*[A-Za-z0-9])?")
_FUNCTION = frozenset(
    [
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
        "been",
        "its",
        "their",
        "this",
        "that",
        "these",
        "those",
        "it",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "should",
        "which",
        "who",
        "whom",
        "whose",
        "than",
        "then",
        "also",
        "not",
        "no",
        "but",
        "into",
        "over",
        "under",
        "between",
        "after",
        "before",
        "during",
        "while",
        "about",
        "such",
        "each",
        "any",
        "all",
        "other",
        "more",
        "most",
        "some",
        "up",
        "down",
        "out",
        "off",
        "so",
        "if",
        "there",
        "they",
        "we",
        "he",
        "she",
        "his",
        "her",
        "our",
    ]
)
#: a span may have this many words more than the term has parts
_SLACK = 2
#: below this score a span is no rendering worth proposing
MIN_SCORE = 1.2
#: from this score on the memory's rendering goes before the dictionary's and composed suggestions
STRONG = 2.0


def confidence(score: float) -> float:
    """A span's score as the share of spans so scored that are right, read off the hand translations of
    ``../shared/eval/parallel`` (about 270 gold terms: top spans scored 3.75 and up were right 0.75 of the time,
    3.0–3.5 about 0.67, 2.25–2.75 about 0.28, below 2 hardly ever), interpolated between those points. No
    band reached 0.9, so no rendering from a memory claims 0.8 or more.

    >>> confidence(3.9), confidence(3.0), confidence(1.2)
    (0.75, 0.6, 0.05)
    """
    points = ((1.2, 0.05), (1.75, 0.1), (2.25, 0.25), (2.75, 0.3), (3.0, 0.6), (3.5, 0.7), (3.75, 0.75))
    if score <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if score <= x1:
            return round(y0 + (y1 - y0) * (score - x0) / (x1 - x0), 2)
    return points[-1][1]


def _key(word: str) -> str:
    w = word.lower()
    return w[:4] if len(w) > 4 else w


def _content(words: Sequence[str]) -> list[str]:
    return [w for w in words if w.lower() not in _FUNCTION]


def _padded(text: str) -> str:
    """``text``'s words, lower-cased, one space between and around: a span is in it as ``_padded(span)``.

    >>> _padded("Rare-earth exports, rose.")
    ' rare-earth exports rose '
    """
    return " " + " ".join(w.lower() for w in _WORDS.findall(text)) + " "


def _cut_spans(text: str, n_max: int) -> dict[str, bool]:
    """Every span of ``text`` → whether it cuts a name short: a capitalised word at its edge with another
    capitalised word beside it ("Center for Drug" of "Center for Drug Evaluation")."""
    words = _WORDS.findall(text)
    out: dict[str, bool] = {}
    for i in range(len(words)):
        if words[i].lower() in _FUNCTION:
            continue
        for j in range(i + 1, min(len(words), i + n_max) + 1):
            if words[j - 1].lower() in _FUNCTION:
                continue
            cut = (j < len(words) and words[j - 1][0].isupper() and words[j][0].isupper()) or (
                i > 0 and words[i][0].isupper() and words[i - 1][0].isupper()
            )
            span = " ".join(words[i:j])
            out[span] = out.get(span, False) or cut
    # a title in title case, whatever its length ("Trial Administrative Measures of Overseas Securities …")
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and (words[j][0].isupper() or (j > i and words[j] in _JOINERS)):
            j += 1
        while j > i and words[j - 1] in _JOINERS:
            j -= 1
        if j - i > n_max:
            out.setdefault(" ".join(words[i:j]), False)
        i = max(j, i + 1)
    return out


#: lower-case words inside an English title
_JOINERS = frozenset({"of", "and", "for", "on", "the", "by", "in", "to", "with", "a"})


#: an article inside a span joins two phrases ("price and a capacity"), no term
_ARTICLE = re.compile(r" (?:a|an|the) ")


def _glosses(word: str) -> list[str]:
    from ..align import dictionary

    return [] if word.isascii() else dictionary.ranked_glosses(word, limit=4)


#: endings of English adjectives: a span ending in one lacks its head noun ("clinical" of "clinical trial")
_ADJECTIVE_END = re.compile(r"(?:al|ic|ive|ory|ous|ary|ible|able)$")


def _parts(term: str) -> list[str]:
    """The term's dictionary words, loose characters in a row joined (串 + 级 of 串级萃取 is one word the
    dictionary lacks); a term the dictionary has whole is split into the words inside it."""
    from ..align import dictionary

    if term.isascii():
        return [term]
    parts = dictionary.segment(term)
    if len(parts) == 1 and len(term) > 1:
        parts = dictionary.segment(term, max_len=len(term) - 1)
    out: list[str] = []
    loose = False
    for p in parts:
        single = len(p) == 1 and not p.isascii() and len(parts) > 1
        if single and loose:
            out[-1] += p
        else:
            out.append(p)
        loose = single
    return [p for p in out if p.strip()]


def _words(text: str) -> list[str]:
    """Content words, a hyphenated compound as its words (new-type: new, type)."""
    return _content([w for token in _WORDS.findall(text) for w in token.split("-") if w])


def _senses(word: str) -> list[set[str]]:
    """Each of ``word``'s CC-CEDICT senses as the keys of its content words (a Latin part is itself); a word
    the dictionary lacks has its characters' senses."""
    from ..align import dictionary

    if word.isascii():
        return [k] if (k := {_key(w) for w in _words(word)}) else []
    senses = [k for g in dictionary.ranked_glosses(word, limit=8) if (k := {_key(w) for w in _words(g)})]
    if senses or len(word) == 1:
        return senses
    return [k for ch in word for k in _senses(ch)]


def _sense_keys(word: str) -> set[str]:
    return set().union(*_senses(word))


def score_spans(
    term: str, units: Sequence[str], count: Callable[[str], int], known: Sequence[str] = ()
) -> list[tuple[float, str]]:
    """Every candidate span of the English ``units`` (those whose source holds ``term``), best first;
    ``count(span)`` is how many units of the whole memory hold a (lower-cased) span."""
    parts = _parts(term)
    part_senses = [_senses(p) for p in parts]
    evidence = set().union(_sense_keys(term), *(k for senses in part_senses for k in senses))
    evidence |= {_key(w) for text in known for w in _words(text)}
    n_parts = max(1, len(parts))
    last_sense = " ".join(sorted(part_senses[-1][0])) if part_senses and part_senses[-1] else ""
    # English puts the head last: the last part's (or the whole term's) sense should end the span
    head = set().union(*part_senses[-1]) if part_senses and part_senses[-1] else set()
    head |= {_key(g.split()[-1]) for g in _glosses(term) if g.split()}
    # English says a Chinese term in about one word per two Hanzi (a Latin part is its own words)
    hanzi = sum(1 for ch in term if not ch.isascii())
    expected = max(1, round(hanzi / 2) + len(_WORDS.findall(term)))
    seen: Counter[str] = Counter()
    surface: dict[str, str] = {}
    cut: dict[str, bool] = {}
    for u in units:
        spans = _cut_spans(u, max(n_parts, expected) + _SLACK)
        first = next(iter(_WORDS.findall(u)), "")
        for s, short in spans.items():
            k = s.lower()
            if not s.startswith(first) or k not in surface:
                # a capital that only starts the sentence is no part of the term ("Rare earth" → "rare earth")
                at_start = s.startswith(first) and s[:1].isupper() and s.split()[0][1:].islower()
                surface[k] = s[:1].lower() + s[1:] if at_start and k not in surface else s
            cut[k] = cut.get(k, False) or short
        for k in {s.lower() for s in spans}:
            seen[k] += 1
    out = []
    for k, c in seen.items():
        keys = [_key(w) for w in _words(k)]
        if not keys:
            continue
        have = set(keys)
        hits = have & evidence
        if not hits:
            continue  # a span no sense or suggestion speaks for is no rendering of the term
        # each part by its best sense: the share of that sense's words the span says ("power plant" for 电厂)
        by_part = [max((len(sense & have) / len(sense) for sense in senses), default=0.0) for senses in part_senses]
        covered_parts = sum(by_part) / max(1, len(by_part))
        # a part no word of the span accounts for is said by some word all the same: one word needs no evidence
        unknown = sum(1 for share in by_part if share == 0)
        accounted = len(hits)  # (converter, converts: one word's evidence once)
        free = min(unknown, len(keys) - accounted)
        accounted += free
        consistency = c / len(units)
        dice = 2 * c / (len(units) + count(k))
        score = (
            2.0 * covered_parts
            + 1.0 * accounted / len(keys)
            + 0.5 * consistency
            + 0.3 * dice
            - 0.1 * (len(keys) - accounted)
            - (0.35 * (expected - len(keys)) if len(keys) < expected else 0.2 * (len(keys) - expected))
            - (0.5 if cut[k] else 0.0)
            + (0.3 if keys[-1] in head else 0.0)
            - (0.5 if _ARTICLE.search(k) else 0.0)
            - (0.5 if _ADJECTIVE_END.search(k) and not _ADJECTIVE_END.search(last_sense) else 0.0)
        )
        out.append((round(score, 3), surface[k]))
    # a plural and its singular both found: the singular, as glossaries list terms
    best: dict[str, tuple[float, str]] = {}
    for score, text in out:
        low = text.lower()
        key = low[:-1] if low.endswith("s") and low[:-1] in seen else low
        shown = surface[key] if key != low else text
        if key not in best or score > best[key][0]:
            best[key] = (score, shown)
    ranked = sorted(best.values(), key=lambda t: (-t[0], len(t[1]), t[1]))
    return ranked


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
        spans = score_spans(term, units, memory.count, (known or {}).get(term, ()))
        scored = [(s, g) for s, g in spans if s >= MIN_SCORE][:limit]
        if scored:
            out[term] = [(g, s, memory.holding(ids, g)) for s, g in scored]
    return out
