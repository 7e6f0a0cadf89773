"""What the dictionaries say of a term and of the sentence it stands in, for the spans of its English
(:mod:`glossary.tm.spans`): the term's parts (CC-CEDICT's words, loose characters joined, Latin runs whole), each
part's senses as the keys of their content words (CC-CEDICT's, then ECDICT's English for the Chinese), the head
words of those senses, and the sense keys the source's other words take (competitive linking).

>>> term_parts("LED灯具"), "ferm" in foreign_keys("发酵罐涉及此案", "发酵罐", set())
(['LED', '灯具'], False)
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..normalise.hanzi import HAN_RUN
from ..normalise.text import find_term
from .words import content_words, word_key


def term_parts(term: str) -> list[str]:
    """The term's dictionary words, loose characters in a row joined (串 + 级 of 串级萃取 is one word the
    dictionary lacks); a term the dictionary has whole is split into the words inside it. A Latin or number
    run is one part, as English writes it (LED of LED灯具, IV of IV期临床研究, 5G).

    >>> term_parts("LED灯具"), term_parts("5G基站")
    (['LED', '灯具'], ['5G', '基站'])
    """
    from ..align import dictionary

    if term.isascii():
        return [term]
    parts: list[str] = []
    at = 0
    for run in [*HAN_RUN.finditer(term), None]:
        start = run.start() if run else len(term)
        latin = _LATIN_EDGES.sub("", term[at:start])
        if latin:
            parts.append(latin)
        if run:
            words = dictionary.segment(run.group())
            if len(words) == 1 and len(run.group()) > 1 and run.group() == term:
                words = dictionary.segment(term, max_len=len(term) - 1)
            parts += words
            at = run.end()
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


#: what stands around a Latin or number run in a term and is no part of it (brackets, spaces, dashes)
_LATIN_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def _glosses(word: str) -> list[str]:
    """``word``'s English: CC-CEDICT's senses, then ECDICT's headwords for it."""
    from ..align import dictionary
    from ..mining import lexicon

    return [*dictionary.ranked_glosses(word, limit=8), *lexicon.english(word)]


@lru_cache(maxsize=65536)  # the same parts recur in a memory's terms and sentences
def sense_sets(word: str) -> tuple[frozenset[str], ...]:
    """Each of ``word``'s senses — CC-CEDICT's, and the English ECDICT gives it — as the keys of its content
    words (a Latin part is itself); a word the dictionaries lack has its characters' senses."""
    if word.isascii():
        return (k,) if (k := frozenset(word_key(w) for w in content_words(word))) else ()
    glosses = _glosses(word)
    senses = tuple(k for g in glosses if (k := frozenset(word_key(w) for w in content_words(g))))
    if senses or len(word) == 1:
        return senses
    return tuple(k for ch in word for k in sense_sets(ch))


@lru_cache(maxsize=65536)  # the same words recur in the sentences of a memory
def sense_keys(word: str) -> frozenset[str]:
    """Every key of every sense of ``word`` (:func:`sense_sets`) in one set."""
    return frozenset().union(*sense_sets(word))


#: the source's other words shorter than this say too many things to speak against a span (大 "big; large")
_FOREIGN_MIN = 2


def foreign_keys(source: str, term: str, own: set[str]) -> set[str]:
    """The sense keys of the words of ``source`` outside ``term`` that are none of the term's own (``own``): an
    English word one of them accounts for renders that word, not the term — competitive linking, as word
    aligners exclude a word another has taken ("involved" in "fermenters involved" is 涉及's).

    >>> "invo" in foreign_keys("发酵罐涉及此案", "发酵罐", set()), "ferm" in foreign_keys("发酵罐涉及此案", "发酵罐", set())
    (True, False)
    """
    held = list(find_term(source, term))
    out: set[str] = set()
    for start, end, keys in _source_words(source):
        if not any(start < b and a < end for a, b in held):
            out |= keys
    return out - own


@lru_cache(maxsize=8192)  # a unit's source is read for every term it holds
def _source_words(source: str) -> tuple[tuple[int, int, frozenset[str]], ...]:
    """Each dictionary word of ``source`` (two characters or more) with its place and its senses' keys."""
    from ..align import dictionary

    out = []
    for run in HAN_RUN.finditer(source):
        at = run.start()
        for word in dictionary.segment(run.group()):
            if len(word) >= _FOREIGN_MIN and (keys := sense_keys(word)):
                out.append((at, at + len(word), keys))
            at += len(word)
    return tuple(out)


def gloss_head(gloss: str) -> str:
    """The head word of an English gloss: its last content word, or the last before "of" ("price of
    electricity" is a price, not electricity).

    >>> gloss_head("price of electricity"), gloss_head("stone wall"), gloss_head("to")
    ('price', 'wall', '')
    """
    words = content_words(gloss.split(" of ")[0])
    return words[-1] if words else ""


@lru_cache(maxsize=65536)
def head_keys(word: str) -> frozenset[str]:
    """The keys of the head words of ``word``'s senses (:func:`gloss_head`); a word the dictionaries lack has
    its last character's."""
    if word.isascii():
        return frozenset(word_key(w) for w in content_words(word)[-1:])
    glosses = _glosses(word)
    heads = frozenset(word_key(h) for h in map(gloss_head, glosses) if h)
    return heads if heads or len(word) == 1 else head_keys(word[-1])
