"""Candidate n-grams of a chunk of words: every run of one to seven words that no term rules out at its edge, and
the runs that begin or end inside a word the segmenter glued on. What is counted; the termhood model judges.

>>> shapes: dict[str, str] = {}
>>> [key for key, *_ in expand(("小型", "齿轮", "材料"), {}, shapes)][:4]
['小型', '小型齿轮', '小型齿轮材料', '齿轮']
>>> words_in("小型齿轮", shapes["小型齿轮"])
('小型', '齿轮')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..tm.words import EDGE_WORDS
from . import cedict
from .features import NAME_HEADS
from .filters import background_frequency, elements, ends_in_head, stopwords

#: jieba tags that cut a chunk: punctuation, conjunctions, particles, pronouns, modal particles, interjections,
#: onomatopoeia and idioms (成语 are figurative phrases, not terms)
BREAK_TAGS = frozenset(["x", "c", "cc", "uj", "ul", "uz", "ug", "uv", "ud", "u", "r", "rr", "rz", "y", "e", "o", "i"])
MAX_TOKENS = 7
#: tags that neither begin nor end a term: conjunctions and particles (和, 及, 的)
EDGE_NOT = frozenset(["c", "cc", "u", "uj", "ul", "uz", "ug", "uv", "ud"])
#: a number in a program's notation: hexadecimal, binary or octal
NUMBER_LITERAL = re.compile(r"0(?:[xX][0-9A-Fa-f_]+|[bB][01_]+|[oO][0-7_]+)")
#: tags that end no term: prepositions, numbers and their measure words (在, 3, 种)
END_NOT_TAGS = frozenset(["p", "m", "mq"])
MAX_CHARS = 24
#: the coordinators a name may hold (工业和信息化部, 住房和城乡建设部): they cut no chunk, and a run
#: across one is a candidate only where a term head ends it (部, 委员会, 条例 …); elsewhere it joins two things
COORDINATORS = frozenset({"和", "及", "与"})
#: directions, places and times (北部, 国内, 年底): no head of a name, whatever they end in
PLACE_TIME_TAGS = frozenset({"f", "s", "t"})
#: the tags a coordinator has as one (与 is a preposition too: 与美国合作)
JOIN_TAGS = frozenset({"c", "cc"})


def is_coordinator(word: str, tag: str) -> bool:
    """True when ``word`` tagged ``tag`` is a coordinator a name may hold (:data:`COORDINATORS`).

    >>> is_coordinator("和", "c"), is_coordinator("与", "p")
    (True, False)
    """
    return word in COORDINATORS and tag in JOIN_TAGS


#: derivational prefixes, which a stop-word list may hold but which begin terms (去工业化, 反渗透膜, 多级过滤)
PREFIXES = frozenset("去反非超准亚次半泛抗防无微纳多单双副总")


@lru_cache(maxsize=1)
def single_char_terms() -> frozenset[str]:
    """Element characters that are rare in general Chinese (镝, 铽; not 金 or 铁)."""
    return frozenset(c for c in elements() if background_frequency(c) <= 1e-5)


#: what a word may be in a candidate, as bits (:func:`word_rules`); ``glossary/native/grams.c`` reads the same bits.
#: DICT_START: a stop word begins only a candidate CC-CEDICT lists whole (不 + 信任投票, 中 + 值 + 定理)
START_OK, END_OK, JOIN, NAME_END, PLACE_TIME, HEAD, LONE_SKIP, DICT_START = (1 << k for k in range(8))


@lru_cache(maxsize=262_144)
def word_rules(word: str, tag: str) -> tuple[int, str | None, str | None]:
    """What the candidates' rules ask of ``word`` tagged ``tag``: its bits (may it begin a candidate, end one; a
    coordinator; ends as a name of a body; a place or time word; a term head; no candidate alone), and the words
    CC-CEDICT lists at its end and at its start (:func:`cut_edges`; None: none, or a word too short).

    >>> bits, tail, head = word_rules("汽车工业", "n")
    >>> bool(bits & START_OK), bool(bits & JOIN), tail, head
    (True, False, '工业', '汽车')
    >>> word_rules("和", "c")[0] & (START_OK | JOIN) == JOIN
    True
    """
    # a stop word (进一步, 小幅, 全部, 相关) is no edge of a term, though it may sit inside one, or begin one a
    # dictionary lists (不信任投票: 791 of CC-CEDICT's words of three characters or more, cut as the segmenter cuts
    # them, begin with one; every such run let in, the junk cost more than the terms it found)
    stop = word in stopwords() and word not in PREFIXES
    bits = 0
    if tag not in EDGE_NOT:
        bits |= DICT_START if stop else START_OK
    if (tag not in EDGE_NOT and tag not in END_NOT_TAGS or word.isascii()) and not stop:
        bits |= END_OK
    if is_coordinator(word, tag):
        bits |= JOIN
    if word.endswith(NAME_HEADS):
        bits |= NAME_END
    if tag in PLACE_TIME_TAGS:
        bits |= PLACE_TIME
    if ends_in_head(word):
        bits |= HEAD
    begins, ends = english_edges(word)
    if begins:
        bits &= ~(START_OK | DICT_START)
    if ends:
        bits &= ~END_OK
    lone = len(word) == 1 and word not in single_char_terms() and not word.isascii()  # (unless a rare element: 镝)
    # (a number or a code of digits, or a number as a program writes it: 0x1F00, 0b0001)
    digits = word.isascii() and (not any(ch.isalpha() for ch in word) or bool(NUMBER_LITERAL.fullmatch(word)))
    if lone or digits or tag == "m" and not word.isascii() and word not in elements():
        bits |= LONE_SKIP
    if len(word) < 3 or word.isascii():
        return bits, None, None
    return bits, _inner_word(word, last=False), _inner_word(word, last=True)


def english_edges(word: str) -> tuple[bool, bool]:
    """Whether a run of Latin words begins with an English function word, and whether it ends with one: a piece
    of an English sentence inside the Chinese ("Only absolute paths are"), no term's edge. A word in capitals is
    no function word (IT, US, Class A), nor is one in a name of capitalised words (Will Smith, The Economist).

    >>> english_edges("Only absolute paths are"), english_edges("Bank of America"), english_edges("IT")
    ((True, True), (False, False), (False, False))
    >>> english_edges("Will Smith"), english_edges("The default behavior"), english_edges("the")
    ((False, False), (True, False), (True, True))
    """
    if not word.isascii():
        return False, False
    words = word.split()
    if not words:
        return False, False
    # (a name capitalises its first word and every word but the function words inside: Bank of America)
    named = len(words) > 1 and all(
        w[:1].isupper() for i, w in enumerate(words) if i == 0 or w.lower() not in EDGE_WORDS
    )

    def edge(w: str) -> bool:
        return w.lower() in EDGE_WORDS and not w.isupper() and not named

    return edge(words[0]), edge(words[-1])


def expand(chunk: tuple[str, ...], tag_of: dict[str, str], shapes: dict[str, str]) -> list[tuple[str, str, str, bool]]:
    """Candidate n-grams of one chunk, each with the word before and after it ("" at the chunk's edge); the
    :func:`shape` of each new one's words noted in ``shapes``.

    Only what no term does is ruled out here: a conjunction or particle at either edge, a preposition or a
    number at the end, a lone character standing alone (unless a rare element), a stop word first unless
    CC-CEDICT lists the whole. Everything else — a verb
    inside, a lone character at an edge (创新+药, 城+投债), an adverb first (实时+市场) — is left to the
    termhood model's features. (``glossary/native/grams.c`` is this function's twin, and the miner's where it
    could be built.)
    """
    rules = [word_rules(t, tag_of.get(t, "n")) for t in chunk]
    bits = [r[0] for r in rules]
    n = len(chunk)
    out = []
    for i in range(n):
        if not bits[i] & (START_OK | DICT_START):
            continue
        listed_only = not bits[i] & START_OK
        key = ""
        left = chunk[i - 1] if i and not bits[i - 1] & JOIN else ""
        across = False
        for j in range(i, min(n, i + MAX_TOKENS)):
            key += chunk[j]
            across = across or bool(bits[j] & JOIN)
            # (after a name of a body or a law, a coordinator joins two names: 教育部和科技部 is no ministry)
            if len(key) > MAX_CHARS or bits[j] & JOIN and j > 0 and bits[j - 1] & NAME_END:
                break
            if not bits[j] & END_OK or across and (bits[j] & PLACE_TIME or not bits[j] & HEAD):
                continue  # (北部 ends in 部, and names no ministry: 西部和北部)
            if j == i and bits[i] & LONE_SKIP or listed_only and (j == i or not cedict.has_word(key)):
                continue
            out.append((key, left, chunk[j + 1] if j + 1 < n and not bits[j + 1] & JOIN else "", False))
            if key not in shapes:
                shapes[key] = shape(chunk[i : j + 1])
    return out + cut_edges(chunk, rules, shapes)


def cut_edges(
    chunk: tuple[str, ...], rules: list[tuple[int, str | None, str | None]], shapes: dict[str, str]
) -> list[tuple[str, str, str, bool]]:
    """Candidates that begin or end inside a word the segmenter glued on: the word's end or start is a word
    of its own (中国银行|间 → 银行间…, 诉讼案 → …诉讼), and the run goes on past it, not across a coordinator
    (the words' :func:`word_rules`). The termhood model sees how often a candidate was found only so
    (``cut_share``)."""
    out: list[tuple[str, str, str, bool]] = []
    bits = [r[0] for r in rules]
    for k, (word_bits, tail, head) in enumerate(rules):
        if tail is not None and word_bits & START_OK:
            out += _from_tail(chunk, k, tail, bits, shapes)
        if head is not None and word_bits & END_OK:
            out += _to_head(chunk, k, head, bits, shapes)
    return out


def _from_tail(
    chunk: tuple[str, ...], k: int, tail: str, bits: list[int], shapes: dict[str, str]
) -> list[tuple[str, str, str, bool]]:
    """The runs that begin with ``tail``, the end of the ``k``-th word, and go on after it."""
    out = []
    n, word, key = len(chunk), chunk[k], tail
    for j in range(k + 1, min(n, k + MAX_TOKENS)):
        if bits[j] & JOIN:
            break
        key += chunk[j]
        if len(key) > MAX_CHARS:
            break
        if bits[j] & END_OK:
            after = chunk[j + 1] if j + 1 < n and not bits[j + 1] & JOIN else ""
            out.append((key, word[: len(word) - len(tail)], after, True))
            if key not in shapes:
                shapes[key] = shape((tail, *chunk[k + 1 : j + 1]))
    return out


def _to_head(
    chunk: tuple[str, ...], k: int, head: str, bits: list[int], shapes: dict[str, str]
) -> list[tuple[str, str, str, bool]]:
    """The runs that end with ``head``, the start of the ``k``-th word, and begin before it."""
    out = []
    word, key = chunk[k], head
    for i in range(k - 1, max(-1, k - MAX_TOKENS), -1):
        if bits[i] & JOIN:
            break
        key = chunk[i] + key
        if len(key) > MAX_CHARS:
            break
        if bits[i] & START_OK:
            out.append((key, chunk[i - 1] if i and not bits[i - 1] & JOIN else "", word[len(head) :], True))
            if key not in shapes:
                shapes[key] = shape((*chunk[i:k], head))
    return out


def shape(words: Sequence[str]) -> str:
    """A run of words as the miner keeps it beside its key, which holds the words themselves: each word's length
    as one character (a tuple of the words, one for every candidate, was a tenth of a large corpus's counts; one
    shape serves every candidate whose words are as long).

    >>> shape(("小型", "齿轮", "材料")) == "\\x02\\x02\\x02", words_in("小型齿轮材料", "\\x02\\x04")
    (True, ('小型', '齿轮材料'))
    """
    return "".join([chr(len(w)) for w in words])


def words_in(key: str, shape: str | None) -> tuple[str, ...]:
    """The words of ``key`` by its :func:`shape` (None, or a shape of one word: ``key`` is one word)."""
    if not shape or len(shape) == 1:
        return (key,)
    out, at = [], 0
    for c in shape:
        out.append(key[at : at + ord(c)])
        at += ord(c)
    return tuple(out)


@lru_cache(maxsize=65536)
def _inner_word(word: str, last: bool) -> str | None:
    """The longest word of two characters or more that ``word`` begins with (``last``: that it ends with), short
    of the whole, or None. A word, here, is one CC-CEDICT lists.

    >>> _inner_word("诉讼案", last=True), _inner_word("中国银行", last=False)
    ('诉讼', '银行')
    """
    for size in range(len(word) - 1, 1, -1):
        part = word[:size] if last else word[len(word) - size :]
        if cedict.has_word(part):
            return part
    return None
