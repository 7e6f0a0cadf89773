"""What counts as a Hanzi, in one place: every plane's CJK ideographs, so a term with a character outside the
Basic Multilingual Plane (𫟼 darmstadtium, 𬭊, rare names) is mined, searched and checked like any other.

>>> bool(HAN.search("𫟼")), bool(HAN.search("ㄅ")), HAN_RUN.findall("钕铁硼NdFeB和𫟼")
(True, False, ['钕铁硼', '和𫟼'])
>>> is_han("镝"), is_han("A")
(True, False)
"""

from __future__ import annotations

import re
import unicodedata

#: the CJK Unified Ideographs and their extensions A–I, and the compatibility ideographs
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003347f"

#: the Latin letters with accents and other marks (Latin-1, Extended A and B, Extended Additional): é, ø, ł, ş, ễ
ACCENTED_CLASS = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
#: the Latin letters, plain and accented (Société Générale, Škoda, Nestlé are one word each)
LATIN_CLASS = f"A-Za-z{ACCENTED_CLASS}"

#: the same as (first, last) code points
HAN_RANGES = tuple((ord(HAN_CLASS[i]), ord(HAN_CLASS[i + 2])) for i in range(0, len(HAN_CLASS), 3))

HAN = re.compile(f"[{HAN_CLASS}]")
HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
#: the dots between the parts of a foreign name in Chinese (埃隆·马斯克): the middle dot, and the ones typed for it
#: (Taiwan's hyphenation point ‧, the katakana and half-width dots, the bullet)
NAME_DOTS = "·‧・･•"
NAME_DOT = re.compile(f"[{NAME_DOTS}]")


def count_hanzi(text: str) -> int:
    """How many Hanzi ``text`` holds (counted by runs: a list of every character, at 16 MB three and a half
    million strings, took three times as long).

    >>> count_hanzi("齿轮 gear 小部件𠀀")
    6
    """
    return sum(map(len, HAN_RUN.findall(text)))


def is_han(ch: str) -> bool:
    """True when the one character ``ch`` is a CJK ideograph of any plane."""
    return HAN.fullmatch(ch) is not None


def is_wide(ch: str) -> bool:
    """Whether ``ch`` is set as wide as two Latin letters (a Hanzi, full-width punctuation): a line break between
    two such characters is no space, as CSS reads a break between two East Asian characters.

    >>> is_wide("镝"), is_wide("，"), is_wide("A")
    (True, True, False)
    """
    return unicodedata.east_asian_width(ch) in ("W", "F")


def wrap_join(before: str, after: str) -> str:
    """What a line break a layout made (not the writer) stands for between the characters ``before`` and
    ``after``: nothing between two wide characters, else a space (a web page's markup, a PDF's set lines).

    >>> wrap_join("冷", "却"), wrap_join("and", "LNG"), wrap_join("，", "液")
    ('', ' ', '')
    """
    return "" if before and after and is_wide(before[-1]) and is_wide(after[0]) else " "
