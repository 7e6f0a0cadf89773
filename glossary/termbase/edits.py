"""What a reviewer's edit may say: an English is never blank, a pinyin has a syllable per character and its
numbered syllables are written with tone marks.

>>> with_tone_marks("pu3 nv3"), english_given("  NdFeB ")
('pǔ nǚ', 'NdFeB')
"""

from __future__ import annotations

import re

from ..errors import InvalidEdit
from ..normalise.hanzi import HAN_RUN
from ..normalise.pinyin import tone_marks


def english_given(text: str | None) -> str | None:
    """A reviewer's English without the spaces around it; a blank one is refused (it would be the preferred
    English of the entry, exported and checked against as nothing)."""
    if text is None:
        return None
    if not text.strip():
        raise InvalidEdit("an English equivalent is never blank; give its words (an English is removed by dropping it)")
    return text.strip()


def with_tone_marks(pinyin: str) -> str:
    """A reading with each numbered syllable written with its tone mark, the rest as typed.

    >>> with_tone_marks("li3 zi3 zi"), with_tone_marks("LG hua4 xue2"), with_tone_marks("nv3 nv5")
    ('lǐ zǐ zi', 'LG huà xué', 'nǚ nü')
    """
    # (a neutral tone, 5, has no mark, but its v is still ü)
    return " ".join(tone_marks(s) if _NUMBERED.fullmatch(s) else s for s in pinyin.split())


#: a syllable of lower-case letters and a tone number (5: the neutral tone, written without a mark)
_NUMBERED = re.compile(r"[a-zü]+[1-5]")


def check_pinyin(term: str, pinyin: str) -> None:
    """Refuse a pinyin of a term written in Hanzi alone unless it has one syllable per character."""
    if not HAN_RUN.fullmatch(term):
        return
    syllables = pinyin.split()
    if len(syllables) != len(term):
        raise InvalidEdit(
            f"{term} has {len(term)} characters but the pinyin {pinyin!r} has {len(syllables)} syllable(s); "
            "write one syllable per character, separated by spaces"
        )
