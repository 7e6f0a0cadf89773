"""Width folding and sentence splitting.

>>> fold("ＭＰ　Ｍａｔｅｒｉａｌｓ")
'MP Materials'
>>> split_sentences("大豆很重要。“是的！”他说。")
['大豆很重要。', '“是的！”', '他说。']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

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


def sentence_around(text: str, start: int, end: int, limit: int = 120) -> str:
    """The sentence (or line) of ``text`` that holds ``text[start:end]``, trimmed to ``limit``.

    >>> sentence_around("甲。大豆很重要。乙", 2, 4)
    '大豆很重要。'
    """
    left = max(text.rfind(c, 0, start) for c in "。！？!?\n") + 1
    rights = [i for c in "。！？!?\n" if (i := text.find(c, end)) != -1]
    right = min(rights) + 1 if rights else len(text)
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


#: what a Latin word or a number is made of, which a term's own Latin or number edge may not run on into
_LATIN_OR_DIGIT = "A-Za-z0-9"


@lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern[str] | None:
    """The guard a term with a Latin or digit edge needs; None for one without, which a plain search finds."""
    before = f"(?<![{_LATIN_OR_DIGIT}])" if re.match(f"[{_LATIN_OR_DIGIT}]", term) else ""
    after = f"(?![{_LATIN_OR_DIGIT}])" if re.search(f"[{_LATIN_OR_DIGIT}]$", term) else ""
    return re.compile(before + re.escape(term) + after) if before or after else None


def find_term(text: str, term: str) -> Iterator[tuple[int, int]]:
    """Where ``term`` stands in ``text`` as itself, as (start, end): a term that begins or ends with a Latin letter
    or a digit is not the piece of a longer Latin word or number (3号线 is not in 13号线, II期 not in III期).

    >>> list(find_term("13号线和3号线", "3号线")), holds_term("III期试验", "II期")
    ([(5, 8)], False)
    """
    if not term:
        return
    pattern = _term_pattern(term)
    if pattern is not None:
        for m in pattern.finditer(text):
            yield m.span()
        return
    # (most terms are Hanzi alone: a plain search, without compiling a pattern for each of thousands of terms)
    at, n = text.find(term), len(term)
    while at >= 0:
        yield at, at + n
        at = text.find(term, at + n)


def holds_term(text: str, term: str) -> bool:
    """Whether ``term`` stands in ``text`` as itself (:func:`find_term`)."""
    if not term:
        return False
    pattern = _term_pattern(term)
    return term in text if pattern is None else pattern.search(text) is not None
