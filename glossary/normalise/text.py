"""Width folding and sentence splitting.

>>> fold("ＭＰ　Ｍａｔｅｒｉａｌｓ")
'MP Materials'
>>> split_sentences("大豆很重要。“是的！”他说。")
['大豆很重要。', '“是的！”', '他说。']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

# A sentence ends after 。！？ (or Western !?.) plus any closing quotes/brackets,
# never before a closing quote: CAT tools segment the same way.
_SENT = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）)\]]*|\n|$)")


def fold(text: str) -> str:
    """NFKC: full-width Latin, digits and spaces to their ordinary forms.

    Hanzi, ``·`` and non-BMP characters are left as they are.
    """
    return unicodedata.normalize("NFKC", text)


def split_sentences(text: str) -> list[str]:
    """Split Chinese text into sentences, keeping every character of the input."""
    return [s.strip() for s in _SENT.findall(text) if s.strip()]


#: what ends a sentence or a line, for :func:`sentence_around`, and how far from a term it looks first
_ENDS = "。！？!?\n"
_END = re.compile(f"[{_ENDS}]")
_REACH = 512


def sentence_around(text: str, start: int, end: int, limit: int = 120) -> str:
    """The sentence (or line) of ``text`` that holds ``text[start:end]``, trimmed to ``limit``.

    >>> sentence_around("甲。大豆很重要。乙", 2, 4)
    '大豆很重要。'
    """
    # (looked for near the term first: in a long text a mark that is not there, "!" in Chinese prose, was looked for
    # to the text's end or start, six times a context, 4 of the 5 s the contexts of a 4 MB file's terms took)
    near = max(0, start - _REACH)
    left = max(text.rfind(c, near, start) for c in _ENDS)
    if left < 0 < near:
        left = max(text.rfind(c, 0, near) for c in _ENDS)
    left += 1
    found = _END.search(text, end, end + _REACH) or _END.search(text, end + _REACH)
    right = found.start() + 1 if found else len(text)
    s = text[left:right].strip()
    if len(s) > limit:
        mid = start - left
        lo = max(0, mid - limit // 2)
        s = s[lo : lo + limit].strip()
    return s


_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def fold_for_match(text: str) -> str:
    """What translation-memory matching compares: Simplified, NFKC (full-width to half-width),
    no punctuation or spaces, lower case.

    >>> fold_for_match("「大豆」出口管制，  很重要！")
    '大豆出口管制很重要'
    """
    from .script import to_simplified

    return _NON_WORD.sub("", unicodedata.normalize("NFKC", to_simplified(text))).lower()


def _latin_or_digit(ch: str) -> bool:
    """What a Latin word or a number is made of (ASCII letters and digits), which a term's own Latin or number
    edge may not run on into."""
    return "0" <= ch <= "9" or "A" <= ch <= "Z" or "a" <= ch <= "z"


def find_term(
    text: str, term: str, limit: int | None = None, starts: Iterable[int] | None = None
) -> list[tuple[int, int]]:
    """Where ``term`` stands in ``text`` as itself, as (start, end), the first ``limit`` places (default all): a
    term that begins or ends with a Latin letter or a digit is not the piece of a longer Latin word or number
    (3号线 is not in 13号线, II期 not in III期). ``starts``: every place ``term`` begins in ``text``, in order, where
    they were found already (:func:`term_starts`); else ``text`` is searched.

    >>> find_term("13号线和3号线", "3号线"), holds_term("III期试验", "II期"), find_term("甲乙甲乙", "甲", limit=1)
    ([(5, 8)], False, [(0, 1)])
    >>> find_term("甲甲甲", "甲甲", starts=[0, 1]), find_term("甲甲甲", "甲甲")
    ([(0, 2)], [(0, 2)])
    """
    if not term or (limit is not None and limit <= 0):
        return []
    # (a plain search, each place it finds checked at the edges a Latin or digit edge needs guarded: a pattern
    # with a look-behind was tried at every character, 90 µs a text, and the evidence asks for the first few
    # places of 5,000 terms in twenty files each)
    before, after = _latin_or_digit(term[0]), _latin_or_digit(term[-1])
    out: list[tuple[int, int]] = []
    n, size = len(term), len(text)
    most = size if limit is None else limit
    places = _found(text, term) if starts is None else iter(starts)
    free = 0  # (where the next place may begin: the places taken do not overlap)
    for at in places:
        if len(out) >= most:
            break
        end = at + n
        if (
            at < free
            or (before and at and _latin_or_digit(text[at - 1]))
            or (after and end < size and _latin_or_digit(text[end]))
        ):
            continue
        out.append((at, end))
        free = end
    return out


def _found(text: str, term: str) -> Iterator[int]:
    """Every place ``term`` begins in ``text``, in order (overlapping ones too)."""
    at = text.find(term)
    while at >= 0:
        yield at
        at = text.find(term, at + 1)


def term_starts(text: str, terms: Iterable[str]) -> dict[str, list[int]]:
    """Every place each of ``terms`` begins in ``text``, in order, found in one pass (Aho–Corasick, pyahocorasick)
    rather than a search of the whole text for each: what :func:`find_term` takes as ``starts``, for a long text
    and many terms (a book in one file, and its 5,000 terms). Terms not in ``text`` are left out.

    >>> term_starts("甲乙甲乙𠀀乙", ["甲乙", "乙", "丙"])
    {'甲乙': [0, 2], '乙': [1, 3, 5]}
    """
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for term in terms:
        if term:
            automaton.add_word(term, term)
    if not len(automaton):
        return {}
    automaton.make_automaton()
    out: dict[str, list[int]] = {}
    for last, term in automaton.iter(text):
        out.setdefault(term, []).append(last - len(term) + 1)
    return out


def holds_term(text: str, term: str) -> bool:
    """Whether ``term`` stands in ``text`` as itself (:func:`find_term`)."""
    return bool(find_term(text, term, limit=1))
