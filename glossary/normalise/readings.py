"""pypinyin's readings from a compact cached copy of its tables, so that a command reads pinyin without
importing pypinyin.

Importing pypinyin loads its phrase and character tables and trains its segmenter: 0.26 s, a third of mining
a 1,500-Hanzi file, and all of ``glossary show``'s wait. Its tables are read once, by pypinyin itself, into
a table of what glossary asks of them (numbered syllables), kept in the cache folder; :func:`numbered` then
cuts a text as pypinyin's forward maximum matching does, phrase by phrase, so it reads every text as
``pypinyin.pinyin(text, style=Style.TONE3)`` does, item for item (the same over every CC-CEDICT headword and
60,000 slices of the shared texts when it came; the test suite compares a sample).
The copy is built once per pypinyin version (4 s), a table read a key at a time (:class:`glossary.table.Table`):
a small file's terms read a few hundred keys, where the whole would take 90 ms to load.

>>> numbered("重金属LG化学")
['zhong4', 'jin1', 'shu3', 'LG', 'hua4', 'xue2']
>>> heteronyms("还"), is_phrase("金属"), tone_marks("nv3")
(['hai2', 'huan2', 'fu2'], True, 'nǚ')
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..cache import cached, cached_table
from ..table import Table

#: after this many texts and characters asked for, the whole table is loaded (90 ms) rather than read a key at a
#: time: a small file's terms ask for a few hundred, a megabyte's for tens of thousands
WHOLE_AFTER = 20_000
#: the table's answer for a text it does not hold: no phrase, no character
_ABSENT: tuple[None, None, None] = (None, None, None)


@lru_cache(maxsize=1)
def _key() -> str:
    from importlib.metadata import version

    return version("pypinyin")


@lru_cache(maxsize=1)
def _table() -> Table:
    """Text → (its numbered syllables where it is a phrase, ``""`` where it only begins one, or None; for a
    character, its first reading numbered, and all its readings numbered with the neutral tone as 5)."""
    return cached_table("pypinyin-readings", _key(), _build_table, whole_after=WHOLE_AFTER)


@lru_cache(maxsize=1)
def _small() -> dict[str, Any]:
    """The pattern of the characters pypinyin reads, and each numbered syllable → its tone-marked form."""
    return cached("pypinyin-marks", _key(), _build_small)


def load() -> None:
    """Hold the whole table in memory (before forking workers that will all read it)."""
    _table().load_whole()


def _build_table() -> dict[str, tuple[str | None, str | None, str | None]]:
    """pypinyin's phrase and character tables as glossary reads them, each value worked out by pypinyin itself."""
    from pypinyin import Style, pinyin
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    def tone3(text: str) -> str:
        return " ".join(item[0] for item in pinyin(text, style=Style.TONE3, heteronym=False))

    phrases: dict[str, str] = {}
    for phrase in PHRASES_DICT:
        for end in range(1, len(phrase)):
            phrases.setdefault(phrase[:end], "")
    for phrase in PHRASES_DICT:
        phrases[phrase] = tone3(phrase)
    chars = {chr(c) for c in PINYIN_DICT}
    return {
        text: (
            phrases.get(text),
            tone3(text) if text in chars else None,
            " ".join(pinyin(text, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True)[0])
            if text in chars
            else None,
        )
        for text in chars | phrases.keys()
    }


def _build_small() -> dict[str, Any]:
    from pypinyin.constants import PINYIN_DICT, RE_HANS
    from pypinyin.contrib.tone_convert import to_tone, to_tone3

    bases = {
        re.sub(r"[1-5]$", "", to_tone3(r, neutral_tone_with_five=True))
        for v in PINYIN_DICT.values()
        for r in v.split(",")
    }
    marks = {
        b + t: to_tone(b.replace("v", "ü") + t) for b in bases if b.isalpha() for t in ("", "1", "2", "3", "4", "5")
    }
    return {"hans": RE_HANS.pattern, "marks": marks}


@lru_cache(maxsize=1)
def _is_han() -> Any:
    return re.compile(_small()["hans"]).match


def numbered(text: str) -> list[str]:
    """``text`` read as pypinyin reads it in its numbered style (``Style.TONE3``): a syllable per character it
    reads (the character itself where it knows none), each other run of text kept whole."""
    return [piece for piece, _ in numbered_runs(text)]


def numbered_runs(text: str) -> list[tuple[str, bool]]:
    """:func:`numbered`'s pieces, each with whether it was read from Hanzi (a syllable, or a character with no
    reading) or is other text kept as written: "mp3" is Latin, not "mp" in the third tone.

    >>> numbered_runs("mp3播放")
    [('mp3', False), ('bo1', True), ('fang4', True)]
    """
    is_han = _is_han()
    out: list[tuple[str, bool]] = []
    run, han_run = "", False
    for ch in text:
        han = is_han(ch) is not None
        if run and han != han_run:
            out.extend([(s, True) for s in _run(run)] if han_run else [(run, False)])
            run = ""
        run += ch
        han_run = han
    if run or not out:
        out.extend([(s, True) for s in _run(run)] if han_run and run else [(run, False)])
    return out


def _run(run: str) -> list[str]:
    """A run of characters pypinyin reads, cut into phrases as its forward maximum matching cuts them."""
    table = _table()
    out: list[str] = []
    for word in _cut(run, table):
        phrase, char, _ = table.get(word, _ABSENT)
        if phrase:  # (anything else the cut gives is one character)
            out.extend(phrase.split(" "))
        else:
            out.append(char or word)
    return out


def _cut(text: str, table: Table) -> list[str]:
    """pypinyin's cut (``seg.mmseg.Seg`` with ``no_non_phrases``): from each place, the longest phrase reached
    through prefixes of phrases; one character where there is none, and every character alone where the text
    ends inside a prefix before any phrase."""
    out: list[str] = []
    remain = text
    while remain:
        last = 0
        for end in range(1, len(remain) + 1):
            phrase = table.get(remain[:end], _ABSENT)[0]
            if phrase is None:
                if last:
                    out.append(remain[:last])
                    remain = remain[last:]
                else:
                    out.append(remain[0])
                    remain = remain[1:]
                break
            if phrase:
                last = end
        else:  # (the rest of the text is a prefix, all of it)
            if last:
                out.append(remain[:last])
                remain = remain[last:]
            else:
                out.extend(remain)
                break
    return out


def heteronyms(char: str) -> list[str]:
    """Every reading pypinyin knows for ``char``, numbered, the neutral tone as 5 (``Style.TONE3``,
    ``heteronym=True``, ``neutral_tone_with_five=True``); for a character it has none for, the character,
    and in the neutral tone where it is one of the characters pypinyin reads (as pypinyin says: 𠮷5).

    >>> heteronyms("𠮷"), heteronyms("z")
    (['𠮷5'], ['z'])
    """
    said = _table().get(char, _ABSENT)[2]
    if said is not None:
        return said.split(" ")
    if len(char) == 1:
        return [char + "5"] if _is_han()(char) else [char]
    from pypinyin import Style, pinyin

    return list(pinyin(char, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True)[0])


def is_phrase(text: str) -> bool:
    """Whether ``text`` is one of pypinyin's phrases (it reads it as a whole)."""
    return bool(_table().get(text, _ABSENT)[0])


def tone_marks(numbered_syllable: str) -> str:
    """A numbered syllable with its tone mark: ``"nv3"`` → ``"nǚ"`` (pypinyin's ``to_tone``)."""
    said = _small()["marks"].get(numbered_syllable)
    if said is not None:
        return said
    from pypinyin.contrib.tone_convert import to_tone

    return to_tone(numbered_syllable.replace("v", "ü"))
