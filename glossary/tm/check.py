"""Terminology QA on bilingual text against the approved glossary.

For every segment: an approved source term that occurs (in either script) while none of the English a
reviewer chose for it (preferred or admitted; a machine's suggestion is no rendering) does, and any use of a
forbidden term.

>>> from glossary.models import TermEntry, Equivalent, Status
>>> gl = [TermEntry("大豆", english=[Equivalent("soybean", "reviewer", 1.0, "preferred"),
...     Equivalent("soya", "cedict")], status=Status.APPROVED)]
>>> [p.message for p in check_pairs([("大豆出口。", "Exports of soya.")], gl)]
["大豆 is not translated as 'soybean'"]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Status, TermEntry
from ..normalise.script import to_simplified
from ..normalise.text import holds_term
from .words import singulars


@dataclass
class Problem:
    """One QA finding: which segment, which term, what was expected."""

    segment: int
    source: str
    target: str
    term: str
    expected: list[str]
    kind: str  # "missing" | "forbidden"

    @property
    def message(self) -> str:
        if self.kind == "forbidden":
            return f"{self.term} is a forbidden term"
        return f"{self.term} is not translated as " + " or ".join(repr(x) for x in self.expected)


#: a word of English: letters and digits, with an apostrophe inside ("People's"); hyphens, dashes, slashes and
#: spaces only part words, so "anti-glare" and "anti glare" are the same two words
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _is_plural_of(word: str, head: str) -> bool:
    """Whether ``word`` is ``head`` or a plural of it, regular or as ECDICT lists it (analyses, criteria)."""
    if word in (head, head + "s") or head in singulars(word):  # (and a short word's: PCs)
        return True
    if word[:1] != head[:1]:
        return False  # (an irregular plural begins as its singular does: mice, people, criteria)
    from ..mining import lexicon

    return lexicon.available() and lexicon.singular(word) == head


def english_present(target: str, english: str) -> bool:
    """Whether ``english`` stands in ``target`` as whole words, whatever their case, a hyphen or a space between
    them, its last word in the plural or not: a translator's "Widget-factories" uses the glossary's "widget
    factory".

    >>> english_present("Exports of soybeans rose.", "soybean"), english_present("Widget-factories", "widget factory")
    (True, True)
    >>> english_present("The factory of widgets", "widget factory"), english_present("soybeanery", "soybean")
    (False, False)
    >>> english_present("Two PCs failed.", "PC"), english_present("new batteries", "battery")
    (True, True)
    """
    want, have = _words(english), _words(target)
    n = len(want)
    if not n:
        return False
    return any(
        have[i : i + n - 1] == want[:-1] and _is_plural_of(have[i + n - 1], want[-1]) for i in range(len(have) - n + 1)
    )


def check_pairs(pairs: Sequence[tuple[str, str]], glossary: Sequence[TermEntry]) -> list[Problem]:
    """Problems in (source, target) pairs; segments are numbered from 1."""
    approved = sorted((e for e in glossary if e.status == Status.APPROVED), key=lambda e: -len(e.simplified))
    forbidden = [e for e in glossary if e.status == Status.FORBIDDEN]
    out = []
    for n, (src, tgt) in enumerate(pairs, 1):
        simp = to_simplified(src)
        for e in approved:
            forms = {e.simplified, *e.variants}
            if any(holds_term(simp, to_simplified(f)) for f in forms if f):
                expected = [q.text for q in e.chosen_english]  # never a machine's suggestion
                if expected and not any(english_present(tgt, x) for x in expected):
                    out.append(Problem(n, src, tgt, e.simplified, expected, "missing"))
        for e in forbidden:
            if holds_term(simp, e.simplified) or any(english_present(tgt, q.text) for q in e.chosen_english[:1]):
                out.append(Problem(n, src, tgt, e.simplified, [], "forbidden"))
    return out
