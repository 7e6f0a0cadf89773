"""Pinyin for a term: pypinyin, with CC-CEDICT's reading where the dictionary knows the word.

pypinyin's phrase table is good but not perfect (it reads 框架 kuāng jià); CC-CEDICT gives one
reading for most words. Where a dictionary word of the term has a single reading whose syllables
agree with pypinyin's except for tones, the dictionary's tones win (except its neutral tones:
a glossary gives citation tones). A character that has several readings and stands in no word either
dictionary knows (a new field's coinage: 调压) takes the reading it most often has at the same place
in the dictionary's words, not pypinyin's reading of the character alone (:func:`_positional`).

>>> reading("框架结构设计")
'kuàng jià jié gòu shè jì'
>>> reading("重金属"), reading("还款期限")
('zhòng jīn shǔ', 'huán kuǎn qī xiàn')
>>> reading("转接子"), reading("我们的")
('zhuǎn jiē zǐ', 'wǒ men de')
>>> reading("调压站"), reading("长周期")
('tiáo yā zhàn', 'cháng zhōu qī')
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from ..cache import cached
from ..mining.cedict import has_word, headwords, source, source_key
from ..normalise.hanzi import HAN_RUN
from ..normalise.pinyin import to_pinyin, tone_marks
from ..normalise.readings import heteronyms, is_phrase
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
    readings = {_TONELESS.sub("", r.replace("ü", "v")) for r in heteronyms(char)}
    return len(readings) > 1 and _TONELESS.sub("", syllable) in readings


#: the segmenter's tags of particles, modal particles, the plural suffix and interjections: neutral as words
_NEUTRAL_TAGS = ("u", "y", "k", "e", "zg")


def _citation(char: str, neutral: str) -> str:
    """The citation tone of ``char`` read ``neutral`` (no number) in a term: its reading of the same sound
    with a tone (子 zi → zi3), unless the character is a particle, read neutral as a word of its own (的 de)."""
    import rjieba

    tags = rjieba.tag(char, hmm=False)
    if len(tags) != 1 or tags[0][1].startswith(_NEUTRAL_TAGS):
        return neutral
    readings = heteronyms(char)
    return next((r for r in readings if r[-1:] in "1234" and r[:-1] == neutral), neutral)


#: a word needs this many dictionary words with the character at that place to say how it is read there
_POSITIONAL_MIN_WORDS = 3


@lru_cache(maxsize=1)
def _positional_readings() -> dict[str, str]:
    """``char + place`` (``I`` first, ``M`` inside, ``F`` last) → the numbered reading the character most often
    has there in CC-CEDICT's words of one reading, for characters read more than one way. Cached on disk."""
    return cached("cedict-positional-readings", source_key(source()), _build_positional_readings, depends=(dictionary,))


def _build_positional_readings() -> dict[str, str]:
    counts: dict[str, Counter[str]] = {}
    for word in headwords():
        if len(word) < 2 or not HAN_RUN.fullmatch(word):
            continue
        readings = {dictionary.fold_reading(e.pinyin) for e in dictionary.lookup(word) if e.pinyin[:1].islower()}
        syllables = readings.pop().lower().split() if len(readings) == 1 else []
        if len(syllables) != len(word):
            continue
        for i, (ch, syl) in enumerate(zip(word, syllables)):
            if syl[-1:] in "1234":  # (a neutral tone is speech: a glossary gives citation tones)
                place = "I" if i == 0 else "F" if i == len(word) - 1 else "M"
                counts.setdefault(ch + place, Counter())[syl] += 1
    several = {k[0] for k, c in counts.items() if len(c) > 1}
    return {
        k: c.most_common(1)[0][0]
        for k, c in counts.items()
        if k[0] in several and sum(c.values()) >= _POSITIONAL_MIN_WORDS
    }


#: a character the texts' own dictionary words read one way — in this many words at least, and this share of them —
#: is read so where no word of a term says how (one sense per discourse: Gale, Church and Yarowsky 1992)
DISCOURSE_MIN_WORDS, DISCOURSE_SHARE = 3, 0.8
_DISCOURSE: dict[str, str] = {}


def use_discourse(terms: Iterable[str]) -> None:
    """Read the characters no word of a term places as the texts' other words read them: of ``terms`` (the texts'
    words, or a run's candidates), the dictionary words that hold a character read several ways say its reading,
    where nearly all agree (a text about power supply reads 供 gōng in a coinage, where CC-CEDICT's words ending in 供 mostly read
    gòng: 口供, 招供). ``use_discourse([])`` forgets them.

    >>> use_discourse(["供电", "供应", "供热"]); reading("管道互供")
    'guǎn dào hù gōng'
    >>> use_discourse([]); reading("管道互供")
    'guǎn dào hù gòng'
    """
    _DISCOURSE.clear()
    several = {k[0] for k in _positional_readings()}
    words: dict[str, dict[str, set[str]]] = {}
    for term in dict.fromkeys(terms):
        if not HAN_RUN.fullmatch(term) or several.isdisjoint(term):
            continue
        # (a word the dictionary lists is its own one piece: the texts' words mostly are)
        pieces = [term] if has_word(term) else dictionary.segment(term)
        spans = _words(term) if len(pieces) > 1 else []
        at = 0
        for piece in pieces:
            known = len(piece) > 1 and not _across(at, at + len(piece), spans)
            for ch, syllable in zip(piece, (known and _dictionary_syllables(piece)) or ()):
                if ch in several and syllable[-1:] in "1234":
                    words.setdefault(ch, {}).setdefault(syllable.lower(), set()).add(piece)
            at += len(piece)
    for ch, by_reading in words.items():
        counts = Counter({syllable: len(found) for syllable, found in by_reading.items()})
        (top, n), total = counts.most_common(1)[0], sum(counts.values())
        if total >= DISCOURSE_MIN_WORDS and n >= DISCOURSE_SHARE * total:
            _DISCOURSE[ch] = top


def _positional(term: str, numbered: list[str], spans: list[tuple[int, int]], covered: list[bool]) -> list[str]:
    """``numbered`` with the characters that stand in no word the readers know (pypinyin's phrases, CC-CEDICT:
    not ``covered``, :func:`_covered`) read as they most often are at their place in a word: first, inside or last in the run of such characters
    within a word of the segmenter's (``spans``); a lone one by its place in that word, or in the term (削减 |
    量 | 计划: 量 inside, liàng, where the dictionary's 量计 "gauge" across two words said liáng). Measured on
    CC-CEDICT's own words that pypinyin lacks, each left out of the counts, this reads 97.2 % of such characters
    right where pypinyin's reading of the character alone reads 95.5 %. Where the texts' own words read the character
    one way (:func:`use_discourse`), that reading goes first."""
    n = len(term)
    table = _positional_readings()
    out = list(numbered)
    for start, end in spans:
        i = start
        while i < end:
            if covered[i]:
                i += 1
                continue
            j = i
            while j < end and not covered[j]:
                j += 1
            first, last = (i, j - 1) if j - i > 1 else (start, end - 1) if end - start > 1 else (0, n - 1)
            for k in range(i, j):
                if out[k][-1:].isdigit():  # (a particle read neutral stays so: 的 de)
                    place = "I" if k == first else "F" if k == last else "M"
                    out[k] = _DISCOURSE.get(term[k]) or table.get(term[k] + place, out[k])
            i = j
    return out


def _covered(term: str, spans: list[tuple[int, int]]) -> list[bool]:
    """Whether each character of ``term`` stands in a word the readers know (pypinyin's phrases, CC-CEDICT) that
    cuts across none of the segmenter's words (``spans``)."""
    n = len(term)
    covered = [False] * n
    for a in range(n - 1):
        for b in range(a + 2, n + 1):
            if (is_phrase(term[a:b]) or has_word(term[a:b])) and not _across(a, b, spans):
                covered[a:b] = [True] * (b - a)
    return covered


#: English words too common to say which sense a character has
_PLAIN = frozenset({"the", "and", "for", "with", "from", "that", "this", "into", "onto", "sth", "something", "someone"})


def _stems(text: str) -> set[str]:
    """The first five letters of each word of three letters or more of ``text``: "phase-locked" → phase, locke."""
    return {w[:5] for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in _PLAIN}


@lru_cache(maxsize=1)
def _sense_readings() -> dict[str, dict[str, list[str]]]:
    """``char`` (its own senses) and ``char + "+"`` (the senses of the two-character words it is in), for a
    character read more than one way → each reading → the stems of the English those senses say (相: xiang1
    "each other, mutual …", xiang4 "appearance, (physics) phase …"). Cached on disk."""
    return cached("cedict-sense-readings", source_key(source()), _build_sense_readings, depends=(dictionary,))


def _build_sense_readings() -> dict[str, dict[str, list[str]]]:
    found: dict[str, dict[str, set[str]]] = {}
    for word in headwords():
        if not 1 <= len(word) <= 2 or not HAN_RUN.fullmatch(word):
            continue
        entries = [e for e in dictionary.lookup(word) if e.pinyin[:1].islower()]  # (not a name's reading)
        readings = {dictionary.fold_reading(e.pinyin) for e in entries}
        if len(word) == 2 and len(readings) != 1:
            continue  # (a word read two ways says nothing of which reading goes with which sense)
        for e in entries:
            syllables = dictionary.fold_reading(e.pinyin).split()
            if len(syllables) != len(word):
                continue
            stems = set().union(*(_stems(x) for x in e.senses))
            for ch, syl in zip(word, syllables):
                if syl[-1:] in "1234":
                    found.setdefault(ch if len(word) == 1 else ch + "+", {}).setdefault(syl, set()).update(stems)
    # (a character read two ways only in its words counts too: 栅 is zhà alone, shān in 栅极 "gate")
    several = {k[0] for k in found if len(set(found.get(k[0], {})) | set(found.get(k[0] + "+", {}))) > 1}
    return {k: {r: sorted(st) for r, st in by.items()} for k, by in found.items() if k[0] in several}


def _by_sense(
    term: str, numbered: list[str], covered: list[bool], english: str, within: range | None = None
) -> list[str]:
    """``numbered`` with each character that stands in no word the readers know read as the one of its readings
    whose senses (its own, else its two-character words') say most words of the term's ``english``: 相电压
    "phase voltage" reads 相 xiàng ("(physics) phase"), not xiāng ("each other"). ``within``: only the
    characters at these places (those of a word inside the term that ``english`` is of)."""
    said = _stems(english)
    if not said:
        return numbered
    table = _sense_readings()
    out = list(numbered)
    for k, ch in enumerate(term):
        if covered[k] or not out[k][-1:].isdigit() or (within is not None and k not in within):
            continue
        # the character's own senses first; where they say nothing, its words'
        for key in (ch, ch + "+"):
            hits = {r: len(said & set(stems)) for r, stems in table.get(key, {}).items()}
            best = max(hits.values(), default=0)
            if best:
                # (the reading whose senses say most of the English's words; a tie, the one whose senses say most
                # of the term's other words' senses, as a reader takes the sense its neighbours share: Lesk)
                tied = [r for r, n in hits.items() if n == best]
                if len(tied) > 1:
                    around = _context_stems(term, k)
                    near = {r: len(around & set(table[key][r])) for r in tied}
                    tied = [r for r in tied if near[r] == max(near.values())] if max(near.values()) else tied
                if len(tied) == 1:
                    out[k] = tied[0]
                break
    return out


def _context_stems(term: str, k: int) -> set[str]:
    """The stems of the first senses of the dictionary words of ``term`` that do not hold its ``k``-th character.

    >>> sorted(_context_stems("绝缘栅场效应管", 2))[:2]  # 绝缘 "insulate; have no contact with", 效应 "effect"
    ['conta', 'effec']
    """
    out: set[str] = set()
    at = 0
    for word in dictionary.segment(term):
        if not at <= k < at + len(word) and len(word) > 1:
            out |= set().union(*(_stems(g) for g in dictionary.ranked_glosses(word, limit=2)))
        at += len(word)
    return out


def _by_inner_sense(term: str, numbered: list[str], covered: list[bool]) -> list[str]:
    """``numbered`` with each character the dictionaries do not read in a word of the term, and read more than one
    way, read by the English the larger lexicon gives the longest word inside the term that holds it (合模销钉:
    合模销 "mold closing pin" reads 模 mú, as in 模具 "mold", not mó as in 模型 "model"); the term's own English,
    where it says, comes after and decides (:func:`_by_sense`)."""
    from ..mining import lexicon

    table = _sense_readings()
    out = list(numbered)
    n = len(term)
    for k, ch in enumerate(term):
        if covered[k] or ch not in table and ch + "+" not in table:
            continue
        # the words around it, longest first (a word inside a term is short: at most INNER_WORD characters)
        inner = [
            term[a : a + size]
            for size in range(min(n - 1, INNER_WORD), 1, -1)
            for a in range(max(0, k - size + 1), min(k, n - size) + 1)
        ]
        lexicon.prefetch(inner)
        english = next((e for w in inner for e in [" ".join(lexicon.english(w))] if _stems(e)), "")
        if english:
            out = _by_sense(term, out, covered, english, within=range(k, k + 1))
    return out


#: the longest word inside a term whose English :func:`_by_inner_sense` reads
INNER_WORD = 6


def _across(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    """True when ``term[a:b]`` cuts across a word of two or more characters of the segmenter's: a dictionary
    word there is no word of the term (减量 + 计划 holds no 量计 "gauge")."""
    return any(c < a < d < b or a < c < b < d for c, d in spans if d - c > 1)


def _words(term: str) -> list[tuple[int, int]]:
    """Where the segmenter's words of ``term`` begin and end (its dictionary alone: no guessed words)."""
    import rjieba

    spans, start = [], 0
    for word in rjieba.cut(term, False):
        spans.append((start, start + len(word)))
        start += len(word)
    return spans


def reading(term: str, english: str = "") -> str:
    """Tone-marked pinyin, one syllable per Hanzi, Latin kept as written; ``english``, the term's English, says
    which reading a character the dictionaries do not read in a word of the term has (:func:`_by_sense`).

    >>> reading("相电压", "phase voltage"), reading("相电压")
    ('xiàng diàn yā', 'xiāng diàn yā')
    """
    if not HAN_RUN.fullmatch(term):
        return to_pinyin(term)  # Latin parts or punctuation: pypinyin's alignment as it is
    numbered = to_pinyin(term, "numbers").split()
    if len(numbered) != len(term):
        return to_pinyin(term)
    # a glossary gives citation tones: pypinyin's neutral tone inside a term (转接子 zhuǎn jiē zi) is the
    # character's own tone, except for a character that is neutral alone too (的 de, 们 men)
    numbered = [s if s[-1:].isdigit() else _citation(ch, s) for ch, s in zip(term, numbered)]
    spans = _words(term)
    covered = _covered(term, spans)  # (the characters in words the readers know: the two passes below skip them)
    numbered = _positional(term, numbered, spans, covered)
    numbered = _by_inner_sense(term, numbered, covered)
    if english:
        numbered = _by_sense(term, numbered, covered, english)
    # one pypinyin call: the marks are the numbered syllables converted
    out = [tone_marks(s) if s[-1:].isdigit() else s.replace("v", "ü") for s in numbered]
    i = 0
    for piece in dictionary.segment(term):
        across = _across(i, i + len(piece), spans)
        syl = _dictionary_syllables(piece) if len(piece) > 1 and not across else None
        if syl and all(
            _TONELESS.sub("", a) == _TONELESS.sub("", b.replace("ü", "v")) or _polyphone(ch, a)
            for ch, a, b in zip(piece, syl, numbered[i : i + len(piece)])
        ):
            # a neutral tone (5) in the dictionary is speech, not the citation tone a glossary gives
            out[i : i + len(piece)] = [out[i + k] if s.endswith("5") else tone_marks(s) for k, s in enumerate(syl)]
        i += len(piece)
    return " ".join(out)
