"""Quality checks run before an entry is approved: one plain function per check.

Each check takes the entry (and the term base, for checks across concepts) and
returns a list of problems, each a one-line message; none means it passed.

>>> from glossary.models import TermEntry
>>> no_english(TermEntry("大豆"))
['no English equivalent']
>>> traditional_matches_opencc(TermEntry("大豆管理条例", traditional="大豆管理条列"))
["Traditional '大豆管理条列' differs from OpenCC's '大豆管理條例'"]
>>> pinyin_matches_hanzi(TermEntry("大豆", pinyin="dà dū"))
["pinyin syllable 'dū' is not a reading of 豆"]
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..models import TermEntry
from ..normalise.hanzi import HAN
from ..normalise.script import to_simplified, to_traditional
from .backend import Connection

Check = Callable[[TermEntry, "Connection | None"], list[str]]


def no_english(e: TermEntry, con: Connection | None = None) -> list[str]:
    """An approved term needs an English equivalent."""
    return [] if e.english else ["no English equivalent"]


def english_taken(e: TermEntry, con: Connection | None = None) -> list[str]:
    """The preferred English should not already be the preferred English of another approved concept."""
    if con is None or not e.english:
        return []
    rows = con.execute(
        "SELECT c.simplified FROM concepts c JOIN equivalents q ON q.concept_id = c.id "
        "WHERE c.status = 'approved' AND q.folded = ? AND c.simplified != ? AND q.rank = "
        "(SELECT MIN(rank) FROM equivalents WHERE concept_id = c.id)",
        (e.english[0].text.lower(), e.simplified),
    )
    return [f"English {e.english[0].text!r} is already the preferred English of {s}" for (s,) in rows]


def traditional_matches_opencc(e: TermEntry, con: Connection | None = None) -> list[str]:
    """The Traditional form should be what OpenCC gives, or at least convert back to the Simplified one."""
    if not e.traditional:
        return []
    expected = {to_traditional(e.simplified, r) for r in ("", "tw", "hk")}
    if e.traditional in expected or to_simplified(e.traditional) == e.simplified:
        return []
    return [f"Traditional {e.traditional!r} differs from OpenCC's {to_traditional(e.simplified)!r}"]


def pinyin_matches_hanzi(e: TermEntry, con: Connection | None = None) -> list[str]:
    """One syllable per Hanzi, each a possible reading of its character."""
    from pypinyin import Style, pinyin

    han = HAN.findall(e.simplified)
    if not e.pinyin or not han:
        return []
    syllables = [s for s in e.pinyin.split() if re.search(r"[^\x00-\x7f]", s) or s.islower()]
    if len(syllables) != len(han):
        return [f"pinyin has {len(syllables)} syllables for {len(han)} Hanzi"]
    out = []
    for ch, syl in zip(han, syllables):
        readings = {r for group in pinyin(ch, style=Style.TONE, heteronym=True) for r in group}
        if syl not in readings:
            out.append(f"pinyin syllable {syl!r} is not a reading of {ch}")
    return out


def latin_spacing(e: TermEntry, con: Connection | None = None) -> list[str]:
    """Latin names: no doubled, leading or trailing spaces, no space before punctuation."""
    out = []
    for text in [e.simplified] + [q.text for q in e.english]:
        if re.search(r"[A-Za-z]", text) and (text != text.strip() or "  " in text or re.search(r" [,.;:)]", text)):
            out.append(f"odd spacing in {text!r}")
    return out


CHECKS: list[Check] = [no_english, english_taken, traditional_matches_opencc, pinyin_matches_hanzi, latin_spacing]


def run_checks(e: TermEntry, con: Connection | None = None) -> list[str]:
    """Every problem every check finds."""
    return [p for check in CHECKS for p in check(e, con)]
