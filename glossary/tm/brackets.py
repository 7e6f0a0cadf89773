"""A term's abbreviation in brackets: a Chinese text introduces a term with its Latin abbreviation right after it
(总拥有成本（TCO）), and the English of the same unit spells the abbreviation out before it in turn ("total cost of
ownership (TCO)"). Those words are the term's rendering, whatever the dictionaries know of its parts.

Which term the abbreviation belongs to is decided much as the miner decides it for the English it records
(:func:`glossary.mining.evidence.code_owner`): of the terms the words before the bracket end with, the one
of about as many words as the abbreviation has letters — not 识别 of 光学字符识别（OCR）, nor a clause run into
the name (…服务器的总拥有成本（TCO）). The long form is found as Schwartz and Hearst find it
("A simple algorithm for identifying abbreviation definitions in biomedical text", 2003): the shortest run of
words before the bracket in which the abbreviation's letters appear in order, the first of them at the start of a
word. (The PyPI package ``abbreviations`` does this too, but configures the root logger when imported, which a
library must not do to the programs using it.)

>>> abbreviated("测算了服务器的总拥有成本（TCO）", {"总拥有成本", "拥有成本", "服务器的总拥有成本"})
{'TCO': '总拥有成本'}
>>> long_form("estimated the total cost of ownership (TCO), which was high", "TCO")
'total cost of ownership'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Mapping, Sequence

from ..mining.marks import CLAUSE_MARKS
from ..normalise.hanzi import HAN

#: a Latin abbreviation in either script's brackets: a letter, then up to 11 letters, digits or joiners (TCO,
#: COVID-19, R&D), in ASCII or full-width forms (ＴＣＯ), maybe said to be one (（简称TCO）, （以下简称“TCO”）)
_BRACKETED = re.compile(
    r"[（(]\s*(?:以下简称|下称|简称)?[“\"]?([A-Za-zＡ-Ｚａ-ｚ][A-Za-z0-9&+./\-Ａ-Ｚａ-ｚ０-９＆＋．／－]{1,11})[”\"]?\s*[）)]"
)
#: what ends the clause before a bracket, or the item of a list: the words before it back to here are the ones a
#: term may span
_CLAUSE_BREAK = re.compile(f"[{CLAUSE_MARKS}、]")


def abbreviated(source: str, terms: Container[str]) -> dict[str, str]:
    """Each acronym (two capitals at least) ``source`` sets in brackets → the term among ``terms`` it
    abbreviates, where one does: of the terms the clause before the bracket ends with, the one whose length
    is nearest to the English its letters stand for (one word a letter, about two Hanzi a word; the longer on
    a tie).

    >>> abbreviated("票据采用光学字符识别（OCR）读取", {"光学字符识别", "字符识别", "识别"})
    {'OCR': '光学字符识别'}
    """
    out: dict[str, str] = {}
    for m in _BRACKETED.finditer(source):
        short = unicodedata.normalize("NFKC", m.group(1))  # (as the English writes it: ＴＣＯ is TCO)
        if short in out or sum(ch.isupper() for ch in short) < 2:
            continue
        span = _CLAUSE_BREAK.split(source[: m.start()].rstrip())[-1]
        owners = [span[i:] for i in range(len(span) - 1) if span[i:] in terms]
        letters = sum(ch.isalnum() for ch in short)
        if owners:
            out[short] = min(owners, key=lambda t: (abs(_english_words(t) - letters), -len(t)))
    return out


def _english_words(term: str) -> float:
    """About how many English words say ``term``: one per two Hanzi, a Latin run one."""
    return len(HAN.findall(term)) / 2 + len(re.findall(r"[A-Za-z0-9]+", term))


def long_form(english: str, short: str) -> str | None:
    """The words of ``english`` that spell out ``short``: before its first "(short)", or in the bracket after it
    ("short (long form)"), or None. At most min(letters + 5, letters × 2) words, as the algorithm's authors bound
    it.

    >>> long_form("software for optical character recognition (OCR) of invoices", "OCR")
    'optical character recognition'
    >>> long_form("a superconductor (SC) cable", "SC"), long_form("new rules (TCO)", "TCO")
    ('superconductor', None)
    >>> long_form("its TCO (total cost of ownership) fell", "TCO")
    'total cost of ownership'
    """
    at = english.find(f"({short})")
    if at >= 0:
        return _spelled(english[:at], short)
    after = re.search(rf"(?<![\w-]){re.escape(short)} \(([^()]{{3,120}})\)", english)
    return _spelled(after.group(1), short) if after else None


def _spelled(text: str, short: str) -> str | None:
    """The shortest run of words ending ``text`` in which the letters of ``short`` appear in order, the first of
    them starting a word (Schwartz and Hearst), or None."""
    words = text.split()
    letters = [ch.lower() for ch in short if ch.isalnum()]
    window = " ".join(words[max(0, len(words) - min(len(letters) + 5, 2 * len(letters))) :])
    # each letter of the short form, last first, matched leftwards; the first must start a word
    i = len(window) - 1
    for n in range(len(letters) - 1, -1, -1):
        while i >= 0 and (window[i].lower() != letters[n] or (n == 0 and i > 0 and window[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
    start = window.rfind(" ", 0, i + 1) + 1
    out = window[start:].strip(" ,;:")
    return out if len(out) > len(short) and short.lower() not in out.lower().split() else None


def spelled_out(term: str, units: Sequence[str], owners: Sequence[Mapping[str, str]]) -> dict[str, str]:
    """The long forms (lower-cased → as first written) the English ``units`` give the abbreviations that their
    sources set in brackets after ``term``; ``owners`` is each unit's :func:`abbreviated`.

    >>> spelled_out("总拥有成本", ["The total cost of ownership (TCO) rose."], [{"TCO": "总拥有成本"}])
    {'total cost of ownership': 'total cost of ownership'}
    """
    out: dict[str, str] = {}
    for english, owned in zip(units, owners):
        for short, owner in owned.items():
            if owner == term and (found := long_form(english, short)):
                out.setdefault(found.lower(), found)
    return out
