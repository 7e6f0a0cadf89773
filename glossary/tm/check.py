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


def _english_present(target: str, english: str) -> bool:
    # whole words, case-insensitive, a final plural s allowed ("soybeans" for "soybean")
    pattern = r"(?<![\w-])" + re.escape(english.lower()) + r"(?:e?s)?(?![\w-])"
    return re.search(pattern, target.lower()) is not None


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
                if expected and not any(_english_present(tgt, x) for x in expected):
                    out.append(Problem(n, src, tgt, e.simplified, expected, "missing"))
        for e in forbidden:
            if holds_term(simp, e.simplified) or any(_english_present(tgt, q.text) for q in e.chosen_english[:1]):
                out.append(Problem(n, src, tgt, e.simplified, [], "forbidden"))
    return out
