"""Names in a term, by general rules: the naming patterns of heads and places, element runs and chemistry,
transliterated foreign names, words the dictionary lacks, governments named by their leader.

>>> element_english("钕铁硼"), chemical("氧化镝")[:1]
(['neodymium-iron-boron', 'NdFeB'], ['dysprosium oxide'])
>>> looks_transliterated("卡特彼勒"), looks_transliterated("加工能力")
(True, False)
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..mining.filters import elements, naming_rules, transliteration_chars
from . import dictionary


def name_pattern(head: str) -> str | None:
    """The naming rule's English pattern for a head word standing after a name (计划 → "{} Program"), or None.

    >>> name_pattern("计划"), name_pattern("大豆")
    ('{} Program', None)
    """
    return next((en for zh, en in naming_rules()["name"] if zh == head and en.startswith("{}")), None)


def place_words() -> dict[str, str]:
    """One-character words for places and features that follow a name, and their English pattern
    (邦 → "{} State": 阿萨姆邦 is Asamu State).

    >>> place_words()["岛"]
    '{} Island'
    """
    return dict(naming_rules()["place"])


def element_run(text: str) -> list[str] | None:
    """English names if every character of ``text`` is an element, else None.

    >>> element_run("钕铁硼")
    ['neodymium', 'iron', 'boron']
    """
    el = elements()
    if text and all(c in el for c in text):
        return [el[c][2] for c in text]
    return None


def element_english(text: str) -> list[str]:
    names = element_run(text)
    if not names:
        return []
    if len(names) == 1:
        return names
    symbols = "".join(elements()[c][1] for c in text)
    return ["-".join(names), symbols]


def looks_transliterated(term: str) -> bool:
    """True when most characters of a term not in the dictionary are name-transliteration characters.

    >>> looks_transliterated("克拉维斯"), looks_transliterated("钢材"), looks_transliterated("根本原因")
    (True, False, False)
    """
    han = [c for c in term if not c.isascii()]
    if len(han) < 2 or dictionary.has_word(term):
        return False
    words = dictionary.segment(term)
    if (
        len(words) > 1
        and all(len(w) > 1 and dictionary.has_word(w) for w in words)
        and any(not dictionary.is_proper(w) for w in words)
    ):
        return False  # words of the dictionary, one common at least: 根本 + 原因, 巴西 + 大豆 name no one
    chars = transliteration_chars()
    return sum(c in chars for c in han) >= 0.75 * len(han)


def has_unknown_name(term: str) -> bool:
    """True when the segmenter reads a word of three or more Hanzi in ``term`` that CC-CEDICT lacks and can
    only break with a loose character (a name, as in AB克拉维斯).

    >>> has_unknown_name("AB克拉维斯"), has_unknown_name("加工能力")
    (True, False)
    """
    return any(len(w) >= 3 and _loose(dictionary.segment(w)) for w in _unknown_words(term))


@lru_cache(maxsize=16384)
def _unknown_words(term: str) -> tuple[str, ...]:
    """The words the segmenter reads in ``term`` that CC-CEDICT lacks: Hanzi, not a run of elements."""
    import rjieba

    return tuple(w for w in rjieba.cut(term) if not w.isascii() and not dictionary.has_word(w) and not element_run(w))


def _loose(pieces: list[str]) -> bool:
    """True when dictionary pieces hold a loose character before the last piece (加工 + 能力 is a compound,
    价值 + 链 a word and its head, 新 + 能源 a prefix and a word; 海 + 力士 is none of these). Only a character
    of the tables for foreign names is loose so: 军 + 工 + 企业 is no name."""
    chars = transliteration_chars()
    return any(
        len(p) == 1 and p in chars and not (i == 0 and dictionary.prefix_sense(p)) for i, p in enumerate(pieces[:-1])
    )


_BORN = re.compile(r"\((?:c\. )?\d{3,4}-")


_AMERICAN = re.compile(r"\b(?:US|American)\b")


def _government_of(word: str) -> list[str]:
    """A government named by its head, as English names it: the surname, and "administration" for an American
    president's (特朗普政府 → Trump administration; 默克尔政府 → Merkel government; 习近平 → Xi, a Chinese
    name putting the surname first); [] when ``word`` is no person the dictionary knows.

    >>> _government_of("特朗普"), _government_of("默克尔"), _government_of("美国")
    (['Trump administration'], ['Merkel government'], [])
    """
    names = dictionary.ranked_glosses(word, limit=1)
    entries = [e for e in dictionary.lookup(word) if any(_BORN.search(s) for s in e.senses)]
    if not names or not entries or not dictionary.is_proper(word):
        return []  # a person: the dictionary gives a year of birth ("Barack Obama (1961-), US … politician")
    parts = names[0].split()
    chinese = sum(1 for syl in entries[0].pinyin.split() if syl[:1].isupper()) > 1  # Xi2 Jin4 ping2
    surname = parts[0] if chinese else parts[-1]
    american = any(_AMERICAN.search(s) for e in entries for s in e.senses)
    return [f"{surname} {'administration' if american else 'government'}"]


def chemical(term: str) -> list[str]:
    """Names by chemistry's rules alone: elements, element runs, anions, materials of elements.

    >>> chemical("氧化镝"), chemical("大豆")
    (['dysprosium oxide'], [])
    """
    rules = naming_rules()
    out: list[str] = []
    for zh, en in rules["chem"]:
        if term.startswith(zh) and len(term) > len(zh):
            rest_zh = term[len(zh) :]
            # the rest is elements or one noun the dictionary knows (氧化 + a noun), not a phrase (氧化+物提纯)
            rest = element_english(rest_zh) or (
                dictionary.ranked_glosses(rest_zh)[:1] if dictionary.has_word(rest_zh) else []
            )
            out += [en.format(r) for r in rest[:1]]
    for zh, en in rules["elem"]:
        if term.endswith(zh) and len(term) > len(zh):
            out += [en.format(r) for r in element_english(term[: -len(zh)])]
    return [x for i, x in enumerate(out) if x not in out[:i]]


def _ends_as_word(term: str, head: str) -> bool:
    """True when a one-character head ends ``term`` as a word of its own, not as the end of a
    two-character word: 美国地质调查局 ends in 局, 钢铁困局 does not (困局 "predicament"), nor
    钢铁非法 in 法; 总署 is the head 署 itself with the prefix 总 ("general").

    >>> _ends_as_word("钢铁困局", "局"), _ends_as_word("审计总署", "署"), _ends_as_word("大豆管理条例", "条例")
    (False, True, True)
    >>> _ends_as_word("个人信息保护法", "法"), _ends_as_word("钢铁非法", "法")
    (True, False)
    """
    if len(head) > 1:
        return True
    last = term[-2:]
    # (or the fewest words end with it: 保护 + 法, though 护法 is a word too)
    return not dictionary.has_word(last) or last[0] in _OFFICE_PREFIXES or dictionary.segment(term)[-1] == head


#: characters before an office word that keep it one (总署 general administration, 分局 branch bureau)
_OFFICE_PREFIXES = frozenset("总分副支")
