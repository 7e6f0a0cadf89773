"""Pinyin for a term: pypinyin, with CC-CEDICT's reading where the dictionary knows the word.

pypinyin's phrase table is good but not perfect (it reads 框架 kuāng jià); CC-CEDICT gives one
reading for most words. Where a dictionary word of the term has a single reading whose syllables
agree with pypinyin's except for tones, the dictionary's tones win (except its neutral tones:
a glossary gives citation tones).

>>> reading("框架结构设计")
'kuàng jià jié gòu shè jì'
>>> reading("重金属"), reading("还款期限")
('zhòng jīn shǔ', 'huán kuǎn qī xiàn')
>>> reading("连接子"), reading("我们的")
('lián jiē zǐ', 'wǒ men de')
"""

from __future__ import annotations

import re

from ..normalise.hanzi import HAN_RUN
from ..normalise.pinyin import to_pinyin, tone_marks
from . import dictionary

_TONELESS = re.compile(r"[1-5]$")


#: a sense CC-CEDICT labels with a field of knowledge: "(math) numerator of a fraction", "(chemistry) …"
_FIELD_SENSE = re.compile(
    r"\((?:math|computing|medicine|physics|chemistry|finance|law|geology|astronomy|anatomy|zoology|economics|"
    r"biology|botany|agriculture|electricity|engineering|statistics|pharmacology)"
)


def _dictionary_syllables(word: str) -> list[str] | None:
    """The numbered syllables CC-CEDICT reads ``word`` with: its one reading, or, where it has several (not
    counting names), the one reading some sense of which is labelled with a field of knowledge, as a term's
    words are (分子 fēn zǐ "(chemistry) molecule", not fèn zǐ "member"); else None.

    >>> _dictionary_syllables("分子"), _dictionary_syllables("转动")
    (['fen1', 'zi3'], None)
    """
    entries = dictionary.lookup(word)
    readings = {dictionary.fold_reading(e.pinyin) for e in entries}
    if len(readings) > 1:
        labelled = {
            dictionary.fold_reading(e.pinyin)
            for e in entries
            if e.pinyin[:1].islower() and any(_FIELD_SENSE.match(x.strip()) for x in e.senses)
        }
        readings = labelled if len(labelled) == 1 else set()
    if len(readings) != 1:
        return None
    syl = readings.pop().split()
    return syl if len(syl) == len(word) and all(s[-1:].isdigit() for s in syl) else None


def _polyphone(char: str, syllable: str) -> bool:
    """True when ``syllable`` (numbered) is one of the readings of a character that has several (还: hai2,
    huan2): the dictionary's word then says which one it is (还款 huán kuǎn, 薄膜 bó mó)."""
    from pypinyin import Style, pinyin

    readings = {
        _TONELESS.sub("", r.replace("ü", "v"))
        for r in pinyin(char, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True)[0]
    }
    return len(readings) > 1 and _TONELESS.sub("", syllable) in readings


#: the segmenter's tags of particles, modal particles, the plural suffix and interjections: neutral as words
_NEUTRAL_TAGS = ("u", "y", "k", "e", "zg")


def _citation(char: str, neutral: str) -> str:
    """The citation tone of ``char`` read ``neutral`` (no number) in a term: its reading of the same sound
    with a tone (子 zi → zi3), unless the character is a particle, read neutral as a word of its own (的 de)."""
    import rjieba
    from pypinyin import Style, pinyin

    tags = rjieba.tag(char, hmm=False)
    if len(tags) != 1 or tags[0][1].startswith(_NEUTRAL_TAGS):
        return neutral
    readings = pinyin(char, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True)[0]
    return next((r for r in readings if r[-1:] in "1234" and r[:-1] == neutral), neutral)


def reading(term: str) -> str:
    """Tone-marked pinyin, one syllable per Hanzi, Latin kept as written."""
    if not HAN_RUN.fullmatch(term):
        return to_pinyin(term)  # Latin parts or punctuation: pypinyin's alignment as it is
    numbered = to_pinyin(term, "numbers").split()
    if len(numbered) != len(term):
        return to_pinyin(term)
    # a glossary gives citation tones: pypinyin's neutral tone inside a term (连接子 lián jiē zi) is the
    # character's own tone, except for a character that is neutral alone too (的 de, 们 men)
    numbered = [s if s[-1:].isdigit() else _citation(ch, s) for ch, s in zip(term, numbered)]
    # one pypinyin call: the marks are the numbered syllables converted
    out = [tone_marks(s) if s[-1:].isdigit() else s.replace("v", "ü") for s in numbered]
    i = 0
    for piece in dictionary.segment(term):
        syl = _dictionary_syllables(piece) if len(piece) > 1 else None
        if syl and all(
            _TONELESS.sub("", a) == _TONELESS.sub("", b.replace("ü", "v")) or _polyphone(ch, a)
            for ch, a, b in zip(piece, syl, numbered[i : i + len(piece)])
        ):
            # a neutral tone (5) in the dictionary is speech, not the citation tone a glossary gives
            out[i : i + len(piece)] = [out[i + k] if s.endswith("5") else tone_marks(s) for k, s in enumerate(syl)]
        i += len(piece)
    return " ".join(out)
