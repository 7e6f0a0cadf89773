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
from ..normalise.hanzi import NAME_DOT
from ..normalise.pinyin import to_pinyin
from . import countries, dictionary, edges, kinds


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
    >>> looks_transliterated("5纳米"), looks_transliterated("AB克拉维斯")
    (False, True)
    """
    han = [c for c in term if not c.isascii()]
    chars = transliteration_chars()
    # (the characters first: most terms are written in few of them, and cutting one into the dictionary's words
    # costs more; asked of a term's parts too, 30,000 times while aligning 5,000 terms)
    if len(han) < 2 or sum(c in chars for c in han) < 0.75 * len(han) or dictionary.has_word(term):
        return False
    if len(han) < len(term) and dictionary.has_word("".join(han)):
        return False  # a number or letters beside a word of the dictionary: 5纳米 is five nanometres, no "5nami"
    words = dictionary.segment(term)
    # (words of the dictionary, one common at least, name no one: 根本 + 原因, 巴西 + 大豆)
    return not (
        len(words) > 1
        and all(len(w) > 1 and dictionary.has_word(w) for w in words)
        and any(not kinds.is_proper(w) for w in words)
    )


def has_unknown_name(term: str) -> bool:
    """True when the segmenter reads a word of three or more Hanzi in ``term`` that CC-CEDICT lacks and can
    only break with a loose character (a name, as in AB克拉维斯; not a numeral and its unit, 万 + 立方米 of
    5万立方米LNG).

    >>> has_unknown_name("AB克拉维斯"), has_unknown_name("加工能力"), has_unknown_name("5万立方米LNG")
    (True, False, False)
    """
    return any(
        len(w) >= 3 and _loose(dictionary.segment(w)) and not (w[0] in NUMERALS and dictionary.has_word(w[1:]))
        for w in _unknown_words(term)
    )


#: the characters of Chinese numerals (a word they begin, before a unit the dictionary has, is a quantity)
NUMERALS = frozenset("零一二三四五六七八九十百千万亿两")


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
    return any(len(p) == 1 and p in chars and not (i == 0 and edges.prefix_sense(p)) for i, p in enumerate(pieces[:-1]))


_BORN = re.compile(r"\((?:c\. )?\d{3,4}[-–]")  # "(1946-)", newer editions "(1946–)"


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
    if not names or not entries or not kinds.is_proper(word):
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


def pinyin_name(term: str) -> str:
    """A name in pinyin, one word (a word for each part of a name with dots); a place the dictionary knows
    before it keeps its English (冰岛克拉维斯 → "Iceland Kelaweisi", not "Bingdaokelaweisi").

    >>> pinyin_name("克拉维斯"), pinyin_name("冰岛克拉维斯"), pinyin_name("阿萨姆邦"), pinyin_name("克拉·维斯")
    ('Kelaweisi', 'Iceland Kelaweisi', 'Asamu State', 'Kela Weisi')
    """
    parts = [p for p in NAME_DOT.split(term) if p]
    if len(parts) > 1:
        return " ".join(map(pinyin_name, parts))  # a foreign name's parts, as its dots part them
    place, name = known_place(term)
    pattern = "{}"
    if len(name) > 2 and name[-1] in PLACE_WORDS:
        name, pattern = name[:-1], place_words()[name[-1]]  # 阿萨姆 + 邦: Asamu State
    spelled = pattern.format(to_pinyin(name, "plain").replace(" ", "").replace("v", "ü").capitalize())
    return f"{place} {spelled}" if place else spelled


def person_pinyin(term: str) -> str | None:
    """A Chinese person's name as GB/T 28039 writes it in Roman letters, the surname apart from the given
    name and each capitalised (an apostrophe where a syllable of the given name begins with a, o or e), when the
    segmenter reads ``term`` as a person's name of three characters and the first is a surname; else None.

    >>> person_pinyin("贺子安"), person_pinyin("王西安"), person_pinyin("勐拉县")
    ("He Zi'an", None, None)
    """
    import rjieba

    from ..mining.cedict import is_surname

    tags = rjieba.tag(term)
    if len(term) != 3 or len(tags) != 1 or tags[0][1] != "nr" or not is_surname(term[0]):
        return None
    surname, *given = to_pinyin(term, "plain").replace("v", "ü").split()
    if len(given) != 2:
        return None
    joined = given[0] + ("'" if given[1][:1] in "aoe" else "") + given[1]
    return f"{surname.capitalize()} {joined.capitalize()}"


def region_english(term: str) -> list[str]:
    """The English names of a region ISO 3166-2 names and the dictionary lacks (阿萨姆邦 → Assam, Assam State);
    none for a word the dictionary has (its English is better than the standard's local form: 巴库 Baku, not
    "Bakı") nor for two characters that read as a common word (橘园 "orange orchard" is no "Orange Walk").

    >>> region_english("阿萨姆邦"), region_english("巴库"), region_english("橘园")
    (['Assam', 'Assam State'], [], [])
    """
    if dictionary.has_word(term) or (len(term) < 3 and term[-1] not in PLACE_WORDS and not looks_transliterated(term)):
        return []
    return countries.region_names(term)


def known_place(name: str) -> tuple[str, str]:
    """(the English of a proper noun the dictionary or ISO 3166-2 has at the start of ``name``, the rest), or
    ('', name). The place ends where the segmenter ends a word: a transliteration may begin with the characters
    of a place (萨尔 "Saar" in 萨尔瓦多斯, ISO's 马哈拉 "Al Mahrah" in 马哈拉施特拉邦), which then names nothing.

    >>> known_place("冰岛克拉维斯"), known_place("马哈拉施特拉邦")
    (('Iceland', '克拉维斯'), ('', '马哈拉施特拉邦'))
    """
    import rjieba

    ends, at = set(), 0
    for word in rjieba.cut(name):
        at += len(word)
        ends.add(at)
    for k in range(len(name) - 2, 1, -1):
        head, rest = name[:k], name[k:]
        if k not in ends:
            continue
        if not dictionary.has_word(rest) and (kinds.is_proper(head) or countries.region_names(head)):
            # (a country by its CLDR name: 荷兰 is the Netherlands, CC-CEDICT's first sense "Holland")
            place = countries.place_english(head)
            if place:
                return place, rest
    return "", name


#: the segmenter's tags for names of people and places (not "nz", its other proper nouns: of the 6,196 words of
#: three characters or more its dictionary tags so and CC-CEDICT lacks, most are things, 测定仪, 钛白粉, 耐热钢,
#: and idioms; few are names, and those the characters of foreign names show, :func:`looks_transliterated`)
NAME_TAGS = frozenset({"nr", "nrt", "ns"})


def is_tagged_name(term: str) -> bool:
    """True when the segmenter reads ``term`` as one name and the dictionary lacks it (巴塔哥尼亚).

    >>> is_tagged_name("巴塔哥尼亚"), is_tagged_name("钢材"), is_tagged_name("托底"), is_tagged_name("碳达峰")
    (True, False, False, False)
    >>> is_tagged_name("普惠性"), is_tagged_name("测定仪")
    (False, False)
    """
    import rjieba

    tags = rjieba.tag(term)
    # three characters at least: the segmenter tags rare two-character words as names too (朝贺, 托底); no
    # element's character, which names never use (碳达峰 "carbon peaking" is no "Tanda Peak"); and no suffix of a
    # quality or act at the end (普惠性 "inclusiveness" is no "Puhuixing")
    return (
        len(term) >= 3
        and len(tags) == 1
        and tags[0][1] in NAME_TAGS
        and not term.isascii()
        and not dictionary.has_word(term)
        and not any(ch in elements() for ch in term)
        and not edges.is_quality_suffix(term[-1])
    )


def split_name(term: str) -> tuple[str, str]:
    """(the transliterated name in ``term``, the words after it), or ('', '') when ``term`` holds no name.

    The name is the whole term, or the term before a one-character place or body word (阿萨姆+邦), or a
    name the dictionary lacks before words it has (卡拉瓦兹+铁矿 → ('卡拉瓦兹', '铁矿')).

    >>> split_name("克拉维斯"), split_name("卡拉瓦兹铁矿"), split_name("钢材")
    (('克拉维斯', ''), ('卡拉瓦兹', '铁矿'), ('', ''))
    """
    for k in range(2, len(term)):
        name, rest = term[:k], term[k:]
        words = dictionary.segment(rest)
        # the rest: common words the dictionary has (not another name: 帕斯 "Perth"), one of them
        # at least two characters long; a last single one may be a place word (卡拉瓦兹 + 矿)
        if (
            looks_transliterated(name)
            and not dictionary.has_word(name)
            and (any(len(w) > 1 for w in words) or rest in PLACE_WORDS)
            and all(
                dictionary.has_word(w)
                and not kinds.is_proper(w)
                and (len(w) > 1 or (i == len(words) - 1 and w in PLACE_WORDS))
                for i, w in enumerate(words)
            )
        ):
            return name, rest
    if looks_transliterated(term):
        return term, ""
    if len(term) > 2 and term[-1] in PLACE_WORDS and looks_transliterated(term[:-1]):
        return term[:-1], ""
    for k in (2, 3, 4):
        if countries.is_country(term[:k]) and len(term) > k + 1:
            # a country before it: 美国 + 卡拉瓦兹 + 铁矿 (the country is said in English by known_place)
            name, rest = split_name(term[k:])
            if name and any(len(w) == 1 for w in dictionary.segment(name)):  # (本土 + 钢铁 are words, no name)
                return term[:k] + name, rest
    return "", ""


#: one-character words for places and features that follow a name (阿萨姆邦, 卡拉瓦兹矿, 格陵兰岛)
PLACE_WORDS = frozenset(place_words())
