"""The English side of a memory's units: words (letters and digits with joiners inside; an abbreviation keeps its
dot), function words, a word's four-letter key ("trading" meets "trade"), and every span of a sentence with its
shape (:func:`cut_spans`). :mod:`glossary.tm.spans` describes the spans; nothing here is a particular term.

>>> padded("Soy-based exports, rose."), content_words("new-type U.S. controls")
(' soy-based exports rose ', ['new', 'type', 'U.S.', 'controls'])
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

#: a word: letters and digits with joiners inside (T+1, R&D); an abbreviation of dotted letters keeps its last dot
#: ("U.S.")
WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z0-9](?:[A-Za-z0-9'’&./+-]*[A-Za-z0-9])?")
FUNCTION_WORDS = frozenset(
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


#: the verbs that make a clause (be, do, have and the modals): a span beginning or ending in one is a piece of a
#: clause ("the transmission does", "must adapt")
AUXILIARIES = frozenset(
    ["am", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "has", "have", "had"]
    + ["will", "would", "shall", "should", "can", "could", "may", "might", "must"]
)
#: prepositions, conjunctions and adverbs that the function words above leave out: a span beginning or ending in one
#: runs into the sentence around the term ("unlike widget-based systems", "including")
LINKS = frozenset(
    ["unlike", "like", "against", "among", "amid", "through", "throughout", "across", "without", "within", "via"]
    + ["per", "toward", "towards", "upon", "despite", "beyond", "onto", "since", "until", "along", "around"]
    + ["behind", "below", "above", "near", "except", "including", "excluding", "regarding", "concerning", "versus"]
    + ["because", "although", "though", "unless", "whether", "when", "where", "what", "how", "why", "both"]
    + ["either", "neither", "nor", "yet", "only", "even", "just", "very", "too", "again", "already", "still"]
)
#: no span begins or ends with one of these
EDGE_WORDS = FUNCTION_WORDS | AUXILIARIES | LINKS


#: an inflection ending a word: -ing, -ed (not the -eed of "speed"), -es, -e, -s, with three letters left
_INFLECTION = re.compile(r"^(.{3,}?)(?:ing|(?<!e)ed|es|e|s)$")


def word_key(word: str) -> str:
    """What an English word is matched by: its first four letters once an inflection is off, so that the
    memory's "filing" says the dictionary's "to file" (their first four letters differ) as "widgets" says
    "widget".

    >>> word_key("filing") == word_key("file"), word_key("widgets") == word_key("widget")
    (True, True)
    """
    w = word.lower()
    m = _INFLECTION.match(w)
    if m:
        w = m.group(1)
    return w[:4] if len(w) > 4 else w


def singulars(word: str) -> list[str]:
    """The singulars ``word`` is a regular plural of, as English spells them (none where it is no such plural).

    >>> singulars("batteries"), singulars("taxes"), singulars("soybeans"), singulars("glass")
    (['battery'], ['tax', 'taxe'], ['soybean'], [])
    """
    if word.endswith("ies") and len(word) > 4:
        return [word[:-3] + "y"]  # batteries
    if word.endswith("es") and len(word) > 3:
        return [word[:-2], word[:-1]]  # taxes, cases
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return [word[:-1]]
    return []


def _content(words: Sequence[str]) -> list[str]:
    return [w for w in words if w.lower() not in FUNCTION_WORDS]


def padded(text: str) -> str:
    """``text``'s words, lower-cased, one space between and around: a span is in it as ``padded(span)``.

    >>> padded("Soy-based exports, rose.")
    ' soy-based exports rose '
    """
    return " " + " ".join(w.lower() for w in WORD.findall(text)) + " "


_BREAK = re.compile(r"[,;:()\[\]（）“”\"!?。，；：]|\s[-–—]\s")


def cut_spans(
    text: str, n_max: int, anchor: Mapping[str, bool] | None = None
) -> dict[str, tuple[bool, bool, str, str]]:
    """Every span of ``text`` → (whether it cuts a name short: a capitalised word at its edge with another
    capitalised word beside it, "Bureau of Food" of "Bureau of Food Safety"; whether it runs across
    punctuation, "Safety (BFS" of "Safety (BFS)"; the word before it and the word after it, lower-cased,
    "" at punctuation or the sentence's edge). With ``anchor`` (word → whether it is one), only the spans
    holding an anchor: a term's evidence is in a few words of a sentence, and most spans have none.

    >>> sorted(cut_spans("Steel exports rose", 2, anchor={"Steel": False, "exports": True, "rose": False}))
    ['Steel exports', 'exports', 'exports rose']
    """
    words, lower, breaks = tokenise(text)
    # the first anchor at or after each word (len(words) when none): a span (i, j) holds one when j > this
    first_anchor = [len(words)] * (len(words) + 1)
    for k in range(len(words) - 1, -1, -1):
        first_anchor[k] = k if anchor is None or anchor[words[k]] else first_anchor[k + 1]
    out: dict[str, tuple[bool, bool, str, str]] = {}

    def beside(i: int, j: int) -> tuple[str, str]:
        before = lower[i - 1] if i > 0 and not breaks[i] else ""
        after = lower[j] if j < len(words) and not breaks[j] else ""
        return before, after

    # whether a span ending before word j (starting at word i) cuts a name short depends on j (on i) alone
    cut_after = [_cuts_after(words, breaks, j) for j in range(len(words) + 1)]
    # (an acronym is no function word: "IT services", "AM radio")
    edge = [low in EDGE_WORDS and not (len(w) > 1 and w.isupper()) for w, low in zip(words, lower)]
    for i in range(len(words)):
        last = min(len(words), i + n_max)
        if first_anchor[i] >= last or edge[i]:
            continue
        crossed = False
        cut_before = _cuts_before(words, breaks, i)
        for j in range(i + 1, last + 1):
            crossed = crossed or (j - 1 > i and breaks[j - 1])
            if j <= first_anchor[i] or edge[j - 1]:
                continue
            cut = cut_after[j] or cut_before
            span = " ".join(words[i:j])
            was = out.get(span)
            out[span] = (was[0] or cut, was[1] and crossed, *was[2:]) if was else (cut, crossed, *beside(i, j))
    # a title in title case, whatever its length ("Trial Administrative Measures of Overseas Securities …"), up to
    # punctuation: a bracket after it holds a qualifier or an abbreviation, a comma the next name of a list
    i = 0
    while i < len(words):
        j = i
        while (
            j < len(words) and (j == i or not breaks[j]) and (words[j][0].isupper() or (j > i and words[j] in _JOINERS))
        ):
            j += 1
        while j > i and words[j - 1] in _JOINERS:
            j -= 1
        while i < j and edge[i]:
            i += 1  # (a sentence's capital: "The Widget Law of …" is cited as "Widget Law of …")
        if j - i > n_max and first_anchor[i] < j:
            out.setdefault(" ".join(words[i:j]), (False, any(breaks[i + 1 : j]), *beside(i, j)))
        i = max(j, i + 1)
    return out


def _cuts_after(words: Sequence[str], breaks: Sequence[bool], j: int) -> bool:
    """Whether a span ending before word ``j`` cuts a name short: a capitalised word goes on after its last, or
    "of" and one ("Widget Works Corporation" of "Widget Works Corporation of Ruritania"), or a title's "for the"
    or "on the" and one ("Basic Rules" of "Basic Rules for the Widget Exchange"), with no punctuation between
    ("National Widget Administration (NWA)" is whole).

    >>> w, b = ("Widget", "Works", "of", "Ruritania", "WWR"), (False, False, False, False, True)
    >>> _cuts_after(w, b, 2), _cuts_after(w, b, 4), _cuts_after(w, b, 1)
    (True, False, True)
    """
    if j >= len(words) or j == 0 or breaks[j] or not words[j - 1][0].isupper():
        return False
    if words[j][0].isupper():
        return True
    if words[j] == "of" and j + 1 < len(words) and not breaks[j + 1] and words[j + 1][0].isupper():
        return True
    # a title's "for the" or "on the" before its object ("Basic Rules for the Widget Exchange")
    return (
        words[j] in ("for", "on")
        and j + 2 < len(words)
        and words[j + 1] == "the"
        and not breaks[j + 1]
        and not breaks[j + 2]
        and words[j + 2][0].isupper()
    )


def _cuts_before(words: Sequence[str], breaks: Sequence[bool], i: int) -> bool:
    """Whether a span starting at word ``i`` cuts a name short: a capitalised word stands before its first,
    or one and lower-case title words ("Registration of" of "Registration of Widget Imports"), with no
    punctuation between; a sentence's first word is no title's ("According to the Widget Board …").

    >>> w, b = ("The", "Rules", "on", "the", "Widget", "Trade"), (False,) * 6
    >>> _cuts_before(w, b, 4), _cuts_before(w, b, 5), _cuts_before(w, b, 1)
    (True, True, True)
    >>> _cuts_before(("According", "to", "the", "Widget", "Board"), (False,) * 5, 3)
    False
    """
    if i == 0 or breaks[i] or not words[i][0].isupper():
        return False
    k = i - 1
    while k > 0 and words[k] in _JOINERS and not breaks[k]:
        k -= 1
    return words[k][0].isupper() and (k > 0 or k == i - 1)


@lru_cache(maxsize=65536)  # a unit is cut for every term its source holds
def tokenise(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[bool, ...]]:
    """``text``'s words, the same lower-cased, and whether punctuation stands before each (a break)."""
    found = list(WORD.finditer(text))
    words = tuple(m.group() for m in found)
    # punctuation never sits inside a word, so one pass over the text finds every gap's
    marks = iter([m.start() for m in _BREAK.finditer(text)] + [len(text)])
    mark = next(marks)
    breaks = [False]
    for a, b in zip(found, found[1:]):
        while mark < a.end():
            mark = next(marks)
        breaks.append(mark < b.start())
    return words, tuple(w.lower() for w in words), tuple(breaks)


@lru_cache(maxsize=65536)
def vocabulary(text: str) -> frozenset[str]:
    """The content words of ``text``, lower-cased: each a span of its own."""
    return frozenset(tokenise(text)[1]) - FUNCTION_WORDS


#: lower-case words inside an English title
_JOINERS = frozenset({"of", "and", "for", "on", "the", "by", "in", "to", "with", "a"})


def content_words(text: str) -> list[str]:
    """Content words, a hyphenated compound as its words (new-type: new, type)."""
    return _content([w for token in WORD.findall(text) for w in token.split("-") if w])
