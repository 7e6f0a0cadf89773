"""Word segmentation behind a small interface (default: jieba-rs through ``rjieba``).

Tokens keep every input character, so offsets add up; Latin names split by the
segmenter (``MP`` + `` `` + ``Materials``, ``SEG`` + ``+``) are joined again, and so
are foreign names it cut (莱纳 + 斯); a phrase its dictionary lists whole but that is a
clause (逐步提高) is split into its words, and a guessed noun that is a number (两剂) is
tagged as one.

>>> [t.text for t in JiebaTokeniser().tokenize("给MP Materials公司的Pro+产品")]
['给', 'MP Materials', '公司', '的', 'Pro+', '产品']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import rjieba

from ..normalise.hanzi import ACCENTED_CLASS, HAN_RANGES, HAN_RUN, NAME_DOT
from .cedict import has_word, is_verb, split_words
from .filters import ends_in_head, transliteration_chars
from .joins import join_dotted_names, join_latin, join_names, where
from .nonwords import NO_WORD


@dataclass(frozen=True)
class Token:
    """A word with its part-of-speech tag (jieba's tag set; ``eng`` for Latin) and start offset."""

    text: str
    tag: str
    start: int


class Tokeniser(Protocol):
    """Anything that turns text into :class:`Token` objects covering every character."""

    def tokenize(self, text: str) -> list[Token]: ...


class JiebaTokeniser:
    """jieba-rs with its HMM for unknown words, and Latin-name repair."""

    def tokenize(self, text: str) -> list[Token]:
        out = []
        pos = 0
        for word, tag in self.pairs(text):
            out.append(Token(word, tag, pos))
            pos += len(word)
        return out

    #: ``known(word)``: True when the word is in the segmenter's dictionary (not invented by its HMM); rjieba's own
    #: function, with no method around it (the features ask it of every candidate: a million calls at 16 MB)
    known = staticmethod(rjieba.has_word)

    def pairs(self, text: str) -> list[tuple[str, str]]:
        """(word, tag) pairs covering ``text``; the fast path the miner uses. A program's format directive (%s,
        {0}), a web or e-mail address or a file's path (:mod:`~.nonwords`) is one pair of its own, tagged as
        punctuation: it is no word, and cuts the words around it as a comma would.

        >>> JiebaTokeniser().pairs("无法打开%.250s文件")[-2:]
        [('%.250s', 'x'), ('文件', 'n')]
        >>> JiebaTokeniser().pairs("见https://example.org/a.html。")[1:]
        [('https://example.org/a.html', 'x'), ('。', 'x')]
        """
        if ("%" in text or "{" in text or "@" in text or "/" in text or "www." in text) and NO_WORD.search(text):
            out: list[tuple[str, str]] = []
            start = 0
            for m in NO_WORD.finditer(text):
                out += self._words(text[start : m.start()])
                out.append((m.group(), "x"))
                start = m.end()
            return out + self._words(text[start:])
        return self._words(text)

    def _words(self, text: str) -> list[tuple[str, str]]:
        if not text:
            return []
        pairs = _unknown_characters(rjieba.tag(text, hmm=True))
        if _ACCENTED.search(text):
            pairs = _accented_letters(pairs)
        pairs = _split_measure_words(pairs)
        pairs = _numbers(pairs)
        pairs = _split_phrases(pairs)
        pairs = join_names(pairs)
        if NAME_DOT.search(text):
            pairs = join_dotted_names(pairs)
        marks = [
            k
            for k in where(pairs, _LATIN_TAGS)
            if pairs[k][1] == "eng" or (pairs[k][0].isascii() and pairs[k][0][:1].isalnum())
        ]
        if not marks:
            return pairs
        out: list[tuple[str, str]] = []
        prev = 0
        for k in marks:
            if k < prev:
                continue  # already joined into the previous Latin token
            out.extend(pairs[prev:k])
            word, tag, last = join_latin(pairs, k)
            out.append((word, tag))
            prev = last + 1
        out.extend(pairs[prev:])
        return _quantities(out)


_LATIN_TAGS = frozenset({"eng", "m"})
_NUMBER_TAGS = frozenset({"m"})


#: the tags of the Hanzi after a number in figures that belong to it: its multiplier, unit or measure word
_QUANTITY_TAGS = frozenset({"m", "mq", "q"})
_FIGURES = re.compile(r"\d[\d.,]*")
#: a date's or a time's units after figures (2024年, 1月1日): left as they were, a date neither joins nor begins terms
_DATE_UNITS = frozenset("年月日号時时分秒")


def _quantities(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """'3200' + '万' → '3200万': the multiplier, unit or measure word written in Hanzi after a number in figures
    is one number with it (3200万, 24.59亿元, 17种), tagged as one. Left apart, it began candidates of its own
    (万标准箱, 亿元技改项目), which are no terms: in a term a number stands whole or not at all.

    >>> _quantities([("达到", "v"), ("3200", "m"), ("万", "m"), ("标准箱", "n"), ("17", "m"), ("种", "q")])
    [('达到', 'v'), ('3200万', 'm'), ('标准箱', 'n'), ('17种', 'm')]
    """
    hits = [
        k
        for k in where(pairs, _NUMBER_TAGS, firsts="0123456789")
        if k + 1 < len(pairs)
        and pairs[k + 1][1] in _QUANTITY_TAGS
        and HAN_RUN.fullmatch(pairs[k + 1][0])
        and pairs[k + 1][0][0] not in _DATE_UNITS
        and _FIGURES.fullmatch(pairs[k][0])
    ]
    if not hits:
        return pairs
    out = list(pairs)
    for k in reversed(hits):
        out[k : k + 2] = [(out[k][0] + out[k + 1][0], "m")]
    return out


_UNKNOWN_TAGS = frozenset({"x"})


def _unknown_characters(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Hanzi the segmenter's dictionary lacks (newer and supplementary-plane characters: 鿏, 𫟼) as nouns.

    jieba tags them ``x``, as it tags punctuation, and the miner cuts its chunks at ``x``: a term holding one
    would never be a candidate. An unknown character in a technical text is mostly a name (an element, a
    person, a place), so it is tagged as a noun.

    >>> _unknown_characters([("合成", "v"), ("𫟼", "x"), ("元素", "n"), ("，", "x")])
    [('合成', 'v'), ('𫟼', 'n'), ('元素', 'n'), ('，', 'x')]
    """
    hits = where(pairs, _UNKNOWN_TAGS, low=1, firsts=HAN_RANGES)
    if not hits:
        return pairs
    out = list(pairs)
    for k in hits:
        if HAN_RUN.fullmatch(out[k][0]):
            out[k] = (out[k][0], "n")
    return out


#: a Latin letter outside ASCII (é, ø, ł, ş, ễ): jieba tags it ``x``, as it tags punctuation
_ACCENTED = re.compile(f"[{ACCENTED_CLASS}]")


def _accented_letters(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Accented Latin letters tagged as Latin, so that the name they stand in is one token: jieba cuts Nestlé
    into "Nestl", "é" and Škoda into "Š", "koda", and the miner counted the pieces.

    >>> _accented_letters([("Nestl", "eng"), ("é", "x"), ("公司", "n"), ("（", "x")])
    [('Nestl', 'eng'), ('é', 'eng'), ('公司', 'n'), ('（', 'x')]
    """
    return [(w, "eng" if t == "x" and _ACCENTED.match(w) and w.isalpha() else t) for w, t in pairs]


#: measure words that follow a number (7种, 3家, 10吨); the segmenter's HMM sometimes glues them to the next word
MEASURE_WORDS = frozenset("种个项家吨名位条次件座台辆批份类款倍成亿万千百元美元颗艘架枚粒块根支篇套张只段片层所间")


def _split_measure_words(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """'7' + '种中重' → '7' + '种' + '中重', '数千' + '项符合' → '数千' + '项' + '符合': split a measure word off
    the word after a number."""
    n = len(pairs)
    hits = [
        k + 1
        for k in where(pairs, _NUMBER_TAGS)
        if k + 1 < n
        and pairs[k][0][-1:].isnumeric()
        and len(pairs[k + 1][0]) > 1
        and pairs[k + 1][0][0] in MEASURE_WORDS
        and pairs[k + 1][1] != "m"
    ]
    if not hits:
        return pairs
    out = list(pairs)
    for k in reversed(hits):
        word, tag = out[k]
        rest = rjieba.tag(word[1:], hmm=False)  # the rest as a word of its own: 符合 is a verb
        out[k : k + 1] = [(word[0], "q"), *(rest if len(rest) == 1 else [(word[1:], tag)])]
    return out


#: Chinese numerals that begin a number with its measure word (两剂, 三项)
_NUMERALS = "一二两三四五六七八九十百千万几数"


def _numbers(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """'两剂' tagged a noun by the segmenter's guess → a number: a numeral and one more character that the
    dictionary does not hold as a word (两用 "dual-use" and 三星 Samsung are words) is a number and its measure."""
    hits = [
        k for k in where(pairs, low=2, high=2, firsts=_NUMERALS) if pairs[k][1] != "m" and not has_word(pairs[k][0])
    ]
    if not hits:
        return pairs
    out = list(pairs)
    for k in hits:
        out[k] = (out[k][0], "m")
    return out


#: tags of names, which stay whole even when made of dictionary words (美国农业部)
_WHOLE_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "eng", "m", "x"})


def _split_phrases(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """'进度缓慢' → '进度' + '缓慢': a word of three or more characters the segmenter's dictionary holds but
    CC-CEDICT does not, made of CC-CEDICT words, is read as those words, each with its own tag, when it is a
    clause (a phrase such as 逐步提高 "gradually raise" or 覆盖全国 is no term for being listed whole); a
    particle glued to such a word is split off (输送到). Names stay whole, unless the name tag is a slip
    (:func:`_misnamed`)."""
    hits = [
        k
        for k in where(pairs, low=3)
        if _retagged(*pairs[k]) and (pairs[k][1] not in _WHOLE_TAGS or _misnamed(*pairs[k]))
    ]
    if not hits:
        return pairs
    out = list(pairs)
    for k in reversed(hits):
        out[k : k + 1] = _retagged(*out[k]) or (out[k],)  # hits are retagged: never the fallback
    return out


#: a phrase of dictionary words is a clause when a verb begins it (覆盖全国) or a verb, adverb or adjective
#: ends it (逐步提高, 进度缓慢); 价格上限, 最终产品 (最终 is tagged an adverb), 出口管制 stay whole
_CLAUSE_TAGS = frozenset({"v", "d", "a", "ad"})


#: tags of people's names, which the segmenter's guesses give to phrases too (明显改善 "clearly improve")
_PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})


def _misnamed(word: str, tag: str) -> bool:
    """True when a word tagged a name is a phrase of common words: a person's name tag on words that are not
    a transliteration (明显改善 → 明显 + 改善; 特朗普 stays), or a name that begins with a particle (之日起,
    "from the day of")."""
    if word[0] in _LEADING_PARTICLES and not has_word(word):
        return True
    return tag in _PERSON_TAGS and not all(c in transliteration_chars() for c in word)


#: particles, prepositions and localizers that begin or end no content word the dictionary lacks, whatever the
#: segmenter glued them to (之日起, 输送到, 在短期内, 每公斤); other function words do (功能, 动能: 能 "can";
#: 可用性: 可 "may"), and words the dictionary has keep them (在建 "under construction", 国内)
_LEADING_PARTICLES = frozenset("之的了着把被在每")
_TRAILING_PARTICLES = frozenset("到了着的地得过内")


@lru_cache(maxsize=65536)
def _retagged(word: str, tag: str) -> tuple[tuple[str, str], ...] | None:
    """``word`` (tagged ``tag``) as its dictionary words with their tags when it is a clause, else None.

    >>> _retagged("逐步提高", "l"), _retagged("价格上限", "n")
    ((('逐步', 'd'), ('提高', 'v')), None)
    """
    parts = split_words(word)
    if not parts and not has_word(word) and (word[0] in _LEADING_PARTICLES or word[-1] in _TRAILING_PARTICLES):
        # a particle the segmenter glued to a word (输送到 "transport to", 之日起): it cuts the chunk
        lead = word[0] in _LEADING_PARTICLES
        # (the rest may hold one more: 在 + 短期内 → 在 + 短期 + 内)
        rest = tuple(
            p
            for w, t in rjieba.tag(word[1:] if lead else word[:-1], hmm=False)
            for p in ((len(w) >= 3 and _retagged(w, t)) or ((w, t),))
        )
        return ((word[0], "u"),) + rest if lead else rest + ((word[-1], "u"),)
    if not parts:
        return None
    # each part with its own tag where that tag makes a clause (逐步/d, 覆盖/v, 短/a), else the whole's tag
    # (周期 alone is tagged a time word, but 周期短 is a noun's phrase)
    tagged = tuple((w, t if t in _CLAUSE_TAGS else tag) for part in parts for w, t in rjieba.tag(part, hmm=False))
    first, last = tagged[0], tagged[-1]
    if last[0] in _TRAILING_PARTICLES or first[0] in _LEADING_PARTICLES:
        return tagged  # (输送 + 到 "transport to": a particle is no part of a term)
    # a tag "v" counts when the dictionary agrees (下限 "lower bound" is tagged a verb); a verb before a
    # term head qualifies it (控制 + 系统 "control system"), it does not take it as its object
    # a verb before one character makes a noun of it (回收率, 开采量, 依赖度), not a clause
    if (
        (first[1] == "v" and is_verb(first[0]) and len(last[0]) > 1 and not ends_in_head(last[0]))
        or last[1] in _CLAUSE_TAGS - {"v"}
        or (last[1] == "v" and is_verb(last[0]))
    ):
        return tagged
    return None
