"""Pinyin through pypinyin: phrase-aware, one syllable per Hanzi, Latin kept as written.

>>> to_pinyin("重金属")
'zhòng jīn shǔ'
>>> to_pinyin("LG化学")
'LG huà xué'
>>> to_pinyin("镨钕", style="numbers")
'pu3 nv3'
>>> to_pinyin("镨钕", style="plain")
'pu nv'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import readings
from .hanzi import HAN
from .readings import tone_marks

# pypinyin itself is never imported to read: its tables are read from a cached copy (:mod:`.readings`)


def to_pinyin(text: str, style: str = "marks") -> str:
    """Pinyin of ``text``: tone marks (default), ``numbers`` or ``plain``.

    Non-Hanzi runs (Latin names, digits) are kept as written; punctuation such
    as ``、`` or ``·`` is dropped because it has no reading; a Hanzi with no known reading is kept as itself.

    >>> to_pinyin("𠮷野家")
    '𠮷 yě jiā'
    """
    return _to_pinyin(text, style)


#: a pinyin syllable written with its tone number (lower case; v for ü, as pypinyin and the keys write it)
_SYLLABLE = re.compile(r"([a-z]+)([1-5])")


@lru_cache(maxsize=65536)  # alignment, the term base and `show` ask for the same terms again
def _to_pinyin(text: str, style: str) -> str:
    pieces = _read(text)
    if style == "numbers":
        return " ".join(piece for piece, _ in pieces)
    # one pypinyin reading per text; the other styles are written from its numbered syllables (only those read
    # from Hanzi: Latin that ends in a digit, mp3 or co2, is no syllable in a tone)
    out = []
    for syl, han in pieces:
        m = _SYLLABLE.fullmatch(syl) if han else None
        if m:
            syl = tone_marks(syl) if style == "marks" else m.group(1)
        elif han and style == "marks" and syl in ("nv", "lv", "nve", "lve"):
            syl = syl.replace("v", "ü")  # a neutral tone: no number, no mark
        out.append(syl)
    return " ".join(out)


@lru_cache(maxsize=65536)
def _read(text: str) -> tuple[tuple[str, bool], ...]:
    """``text``'s numbered syllables and the runs of other text kept as written, each with whether it was read
    from Hanzi (:func:`~glossary.normalise.readings.numbered_runs`), punctuation dropped."""
    out: list[tuple[str, bool]] = []
    for syl, han in readings.numbered_runs(text):
        syl = syl.strip()
        if syl and re.search(r"[A-Za-z0-9\u00c0-\u024f]", syl):
            out.append((syl, han))
        else:
            # a Hanzi no reading is known for stays itself, one per character, so no syllable goes missing
            # unseen (𠮷野家: "𠮷 yě jiā"); punctuation has no reading and goes
            out.extend((ch, True) for ch in HAN.findall(syl))
    return tuple(out)


def pinyin_keys(text: str) -> tuple[str, str]:
    """Search keys for a Hanzi term read by pypinyin alone: (numbered, plain), without spaces and with ü
    folded to u, so that ``nü``, ``nv`` and ``nu`` all find 钕. An entry's keys are those of the reading it
    shows (:func:`reading_keys`): this is for text that has none.

    >>> pinyin_keys("镨钕")
    ('pu3nu3', 'punu')
    """
    return reading_keys(to_pinyin(text))


#: combining tone marks (after NFD) → tone number
TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


@lru_cache(maxsize=8192)
def _syllable_keys(syllable: str) -> tuple[str, str]:
    letters, tone = [], ""
    for ch in unicodedata.normalize("NFD", syllable.lower()):
        if ch in TONE_MARKS:
            tone = TONE_MARKS[ch]
        elif not unicodedata.combining(ch):  # (the diaeresis of ü goes: ü is folded to u)
            letters.append("u" if ch == "v" else ch)
    plain = "".join(letters)
    return plain + tone, plain


def reading_keys(reading: str) -> tuple[str, str]:
    """Search keys of a reading as an entry shows it (tone marks, as a reviewer may have corrected it): what
    ``glossary find`` matches a pinyin query against, so the reading found is the reading shown. A syllable
    written with a number keeps it; Latin parts are kept as written, lower-cased.

    >>> reading_keys("xiǎo fēn zǐ"), reading_keys("pǔ nǚ"), reading_keys("LG huà xué")
    (('xiao3fen1zi3', 'xiaofenzi'), ('pu3nu3', 'punu'), ('lghua4xue2', 'lghuaxue'))
    >>> reading_keys("pu3 nv3"), reading_keys("N52 cí tǐ"), reading_keys("CO2 jiǎn pái")
    (('pu3nu3', 'punu'), ('n52ci2ti3', 'n52citi'), ('co2jian3pai2', 'co2jianpai'))
    """
    num, plain = [], []
    for syllable in reading.split():
        if HAN.fullmatch(syllable):
            continue  # (a character with no known reading has no key: the rest of the reading still finds it)
        if syllable.isascii():
            m = _SYLLABLE.fullmatch(syllable)  # (lower case: CO2 is Latin, not a syllable in tone 2)
            if m:
                letters = m.group(1).replace("v", "u")
                num.append(letters + m.group(2).replace("5", ""))  # the neutral tone has no number in the keys
                plain.append(letters)
            else:
                num.append(syllable.lower())
                plain.append(syllable.lower())
        else:
            n, p = _syllable_keys(syllable)
            num.append(n)
            plain.append(p)
    return "".join(num), "".join(plain)


def pinyin_query(query: str) -> tuple[str, list[tuple[int, str]]]:
    """A pinyin query in any spelling, read once: its letters (a–z, ü and v as u, everything else left out) and the
    tones it gives (a mark over a vowel, or a digit 1–4 after a syllable), each with the place of the letter it
    goes with: ``lü diàn`` gives dian's 4, and says nothing of lü's.

    >>> pinyin_query("lü diàn"), pinyin_query("lv4dian"), pinyin_query("Pu3 nü")
    (('ludian', [(4, '4')]), ('ludian', [(1, '4')]), ('punu', [(1, '3')]))
    """
    letters: list[str] = []
    tones: list[tuple[int, str]] = []
    for ch in unicodedata.normalize("NFD", query.lower()):
        if ch in TONE_MARKS:
            tones.append((len(letters) - 1, TONE_MARKS[ch]))
        elif ch in "1234":
            tones.append((len(letters) - 1, ch))
        elif "a" <= ch <= "z":
            letters.append("u" if ch == "v" else ch)
    return "".join(letters), tones


def tones_agree(typed: list[tuple[int, str]], numbered: str) -> bool:
    """Whether each tone of :func:`pinyin_query` is the tone of the syllable its letter falls in, in a folded
    numbered reading (``lu4dian4``; a neutral syllable has no digit).

    >>> tones_agree(pinyin_query("lü diàn")[1], "lu4dian4"), tones_agree(pinyin_query("lü dian2")[1], "lu4dian4")
    (True, False)
    """
    ends: list[tuple[int, str]] = []
    at = 0
    for letters, tone in re.findall(r"([a-z]+)([1-5]?)", numbered):
        at += len(letters)
        ends.append((at, tone))
    return all(next((t for end, t in ends if i < end), None) == tone for i, tone in typed)
