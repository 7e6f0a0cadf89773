"""Compositional English from a term's parts: dictionary senses plus general naming rules.

>>> compose("氧化镝")[0]
'dysprosium oxide'
>>> compose("镨钕")[:2]
['praseodymium-neodymium', 'PrNd']
>>> compose("大豆管理条例")[0]
'Soybean Management Regulations'
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

from ..mining.filters import elements, naming_rules
from . import choice, countries, dictionary, edges, english, kinds
from .acts import is_phrasal, object_act, verb_object
from .names import (
    _ends_as_word,
    _government_of,
    _unknown_words,
    chemical,
    element_english,
    has_unknown_name,
    looks_transliterated,
)
from .options import LATIN as _LATIN
from .options import piece_options as _piece_options
from .options import scored_options as _scored_options
from .pieces import loose
from .pieces import parts as _parts
from .pieces import readings as _readings
from .senses import (
    _FUNCTION_WORDS,
    _join,
    _names_an_act,
    _paired_modifiers,
    _quality_of,
    _title,
)

#: the word-by-word renderings of a term offered, best first: all guesses (confidence 0.2 down to 0.125), but the
#: right one is among six, with a third sense of each word after the first two, more often than among four of
#: two senses (`make eval`'s English leave-one-out with every candidate: any 0.454 → 0.477, top-1 unchanged)
RENDERINGS = 6


def literal_head(term: str, composed: list[str], gloss: list[str]) -> list[str]:
    """The composition when the dictionary's gloss says the same but for its head noun, and the composition
    names the term's own head: 碱金属 is "alkali metal" (金属 metal), a dictionary's "alkali
    element" a paraphrase. A term base wants the term, so the literal one goes first.

    >>> literal_head("碱金属", ["alkali metal"], ["alkali element"])
    ['alkali metal']
    """
    if not composed or not gloss:
        return []
    a, b = composed[0].lower().split(), gloss[0].lower().split()
    stems_a, stems_b = {w[:5] for w in a}, {w[:5] for w in b}
    extra = [w for w in b if w[:5] not in stems_a and w not in _FUNCTION_WORDS]
    if len(a) >= 2 and stems_a <= stems_b and len(extra) == 1:
        # the gloss is the term's own words and one word more that explains it: 原材料 "raw and semifinished
        # materials" — the literal "raw material" is the term
        return composed[:1]
    parts = dictionary.segment(term, max_len=len(term) - 1)
    if len(a) < 2 or len(a) != len(b) or a[:-1] != b[:-1] or a[-1] == b[-1] or len(parts) < 2 or len(parts[-1]) < 2:
        return []  # (a one-character head's first sense guesses: 出口额 is "export amount", no "forehead")
    if len(os.path.commonprefix([a[-1], b[-1]])) >= 5:
        return []  # two forms of one word: the dictionary's (人工智能 "artificial intelligence", not "intelligent")
    head = [g.lower() for g in dictionary.glosses(parts[-1])]
    # the gloss's head is no sense of the term's head (生产线 "production line": 线 is "line" too)
    return composed[:1] if head and head[0] == a[-1] and b[-1] not in head else []


#: a number as a term writes it beside a character that says "type": Arabic or Roman (Ⅲ is III once normalised)
_NUMBER = re.compile(r"[0-9]+|[IVX]+")


#: what a body of the state begins with (its heads' English: the "state" rules of ``data/naming.tsv``)
STATE = "国家"


#: particles that join a modifier to its noun (美国的粮食安全): English word order says the same
_POSSESSIVE = frozenset({"的", "之"})


#: conjunctions that join two nouns in a term (钢铁及有色金属, 技术与资源)
_AND = frozenset({"与", "和", "及", "以及", "或"})


def _all_verbs(term: str) -> bool:
    """True when the segmenter reads every word of ``term`` as a plain verb (分离 提纯), not as a
    verbal noun (出口 管制 "export control")."""
    import rjieba

    tags = [t for w, t in rjieba.tag(term)]
    return bool(tags) and all(t == "v" for t in tags)


def literal(term: str, limit: int = 3) -> list[str]:  # noqa: C901 (older than the ceiling; split when next reworked)
    """Word-by-word renderings from dictionary senses, best first (may be empty).

    A compound of verbs is read as a process ("separation and …").
    """
    parts = _parts(term)
    if len(parts) == 1 and len(term) > 2 and not term.isascii():
        parts = dictionary.segment(term, max_len=len(term) - 1)  # a headword: also read it by its parts
    if len(parts) < 2 or looks_transliterated(term) or kinds.is_proper(term):
        return []  # a name is not translated word by word (新华社 is not "Xinhua society")
    el = elements()
    parts, paired = _paired_modifiers(parts)
    # a loose character guesses, unless it is an element or the first one and a prefix (原 + 棉 "raw cotton")
    singles = sum(1 for i, p in enumerate(parts) if loose(p, el) and not (i == 0 and edges.prefix_sense(p)))
    if singles * 2 > len(parts):
        return []  # mostly loose characters: their glosses guess (a guess such as "choose smelt" for two loose characters), so say nothing
    if has_unknown_name(term):
        return []  # a word of three or more characters the dictionary lacks is a name: 海力士 is no "sea strong man"
    if _unknown_word(term, parts):
        return []  # 串级 (cascade) is a word the dictionary lacks: its characters' senses guess ("skewer level")
    readings = _readings(term, parts)
    # a word before "and" is a noun of the coordination, not a modifier (技术与资源: technology and resources)
    scored = [
        [(paired[p], None)]
        if p in paired
        else _scored_options(p, i == len(parts) - 1 or parts[i + 1] in _AND, r, first=i == 0)
        for i, (p, r) in enumerate(zip(parts, readings))
    ]
    options = [[o for o, _ in s] for s in scored]
    probs = {o: p for s in scored for o, p in s if p is not None}
    for i in range(len(parts) - 2, 0, -1):
        if kinds.names_a_type(parts[i]) and _NUMBER.fullmatch(number := unicodedata.normalize("NFKC", parts[i - 1])):
            # a number and the character that says "type" are one modifier: 3 + 型 + 胶原蛋白 → type 3 collagen
            options[i - 1 : i + 1] = [[f"type {number}"]]
            parts[i - 1 : i + 1] = [parts[i - 1] + parts[i]]
            readings[i - 1 : i + 1] = [None]
    for i in range(len(parts) - 2, 0, -1):
        if _says_kind(parts[i]) or parts[i] in _POSSESSIVE:
            # 政策 + 性 + 银行: "policy bank", no "nature"; 充气 + 式 + 帐篷: "inflation tent", no "type";
            # 美国 + 的 + 粮食安全: "US food security", no "taxi"
            del options[i], parts[i], readings[i]
    if len(parts) >= 2 and edges.is_quality_suffix(parts[-1]) and len(parts[-2]) > 1:
        quality = _quality_of(parts[-2], readings[-2])
        if quality:
            # 依赖 + 度 → "dependence", 合规 + 性 → "compliance": the noun of the word before it
            options[-2:] = [[quality]]
            parts[-2:] = [parts[-2] + parts[-1]]
    if any(not o for o in options):
        return []
    for i in range(len(parts) - 1, 0, -1):
        merged = _overlap(parts[i - 1], parts[i], final=i == len(parts) - 1)
        if merged:
            options[i - 1 : i + 1] = [[merged]]
    if len(options) > 1 and options[-2][0].endswith(" to"):
        # after "hard to" a verb stays a verb: 难以实现 "hard to achieve"
        options[-1] = dictionary.ranked_glosses(parts[-1], limit=2, reading=readings[-1])
    out = []
    verbs = [
        next((g for g in dictionary.ranked_glosses(p, reading=r) if kinds.is_verb_sense(p, g)), None)
        if len(p) > 1
        else None
        for p, r in zip(parts, readings)
    ]
    if all(verbs) and _all_verbs(term):
        # (a verb and its object by the verb: 冶炼 "smelt metal" + 分离 → smelting and separation)
        acts = [
            (english.action_noun(verb), verb)
            for p, v in zip(parts, verbs)
            for vo in [verb_object(p, v or "")]
            for verb in [vo[0] if vo else v or ""]
        ]
        if all(noun != verb for noun, verb in acts):
            # (only acts English names by a noun of their own: 强制 "force" + 隔离 is no "force and isolation")
            out.append(" and ".join(noun for noun, _ in acts))
    # each word's two likeliest renderings first; a third only for the renderings after those (交易's third sense
    # says "stock trading" of 股票交易, but in first place an attested pair outranked a likelier word: "security
    # risk" for 安全风险, whose compounds begin "safety")
    passes = [[o[:2] for o in options]] + ([options] if any(len(o) > 2 for o in options) else [])
    for choices in passes:
        for combo in choice.combinations(choices, probs):
            s = _join(combo)
            if s and s not in out:
                out.append(s)
            if len(out) >= limit:
                return out
    return out


def _overlap(first: str, char: str, final: bool = True) -> str | None:
    """English for a word and the character after it when that character makes a word with the one
    before it as well (液晶 + 体, and 晶体 "crystal"): when both words render the shared character alike
    ("liquid crystal", "crystal"), the first word's modifiers and the second word's noun
    ("liquid crystal", not "liquid crystal body").

    >>> _overlap("液晶", "体"), _overlap("大豆", "蛋白")
    ('liquid crystal', None)
    """
    if len(char) != 1 or len(first) < 2 or char in elements():
        return None
    second = first[-1] + char
    if not dictionary.has_word(second):
        return None
    first_en = dictionary.ranked_glosses(first, limit=1)
    second_en = _piece_options(second, final)[:1]
    if not first_en or not second_en or " " not in first_en[0]:
        return None
    *mods, last = first_en[0].split()
    noun = second_en[0].split()[0]
    shared = len(os.path.commonprefix([last.lower(), noun.lower()]))
    return " ".join(mods + second_en) if shared >= 4 else None


def _unknown_word(term: str, parts: list[str]) -> bool:
    """True when the segmenter reads two characters of ``term`` as one word that CC-CEDICT lacks, and the
    composition would render them as two loose characters (串级萃取技术: 串级 as 串 "skewer" + 级 "level").

    >>> _unknown_word("串级萃取技术", ["串", "级", "萃取", "技术"]), _unknown_word("钢材", ["钢", "材"])
    (True, False)
    """
    el = elements()
    # (a prefix or an element has a sense of its own there: 原 "raw", 锑业 antimony industry)
    singles = {i: p for i, p in enumerate(parts) if len(p) == 1 and p not in el}
    pairs = {
        singles[i] + singles[i + 1]
        for i in singles
        if i + 1 in singles and not any(edges.prefix_sense(c) for c in singles[i] + singles[i + 1])
    }
    return any(w in pairs for w in _unknown_words(term))


def _has_name(text: str) -> bool:
    """True when ``text`` holds a name: Latin letters, a proper noun or a word the dictionary lacks.

    >>> _has_name("雅虎"), _has_name("美国大豆"), _has_name("大豆"), _has_name("阿萨姆大豆")
    (True, True, False, True)
    """
    return (
        bool(_LATIN.search(text))
        or any(kinds.is_proper(w) or (len(w) > 1 and not dictionary.has_word(w)) for w in _parts(text))
        or looks_transliterated(text)
    )


def phrase_english(text: str, after_name: bool = False) -> list[str]:
    """The best English for a stretch of a term: its composition, else the dictionary's first sense.

    :param after_name: the stretch follows a name in its term (卡拉瓦兹 + 材料公司), which :func:`compose` is told
    """
    return compose(text, after_name)[:1] or dictionary.ranked_glosses(text, limit=1)


def head_english(word: str) -> list[str]:
    """English of ``word`` as the head of a term (the noun of its first senses: 清单 → "list"), or its
    composition when the dictionary lacks it."""
    if dictionary.has_word(word):
        return _piece_options(word, True)[:1]
    return compose(word)[:1]


def _says_kind(char: str) -> bool:
    """True for a character English says by word order after a modifier: an adjective suffix (性) or a "type" (类)."""
    return kinds.names_a_type(char) or kinds.is_adjective_suffix(char)


def with_head(modifier_en: str, head_en: str, head_zh: str) -> str:
    """English of a modifier before a head, in the order the naming rules give for that head.

    >>> with_head("food security", "list", "清单"), with_head("food security", "Policy Act", "政策法案")
    ('food security list', 'Food Security Policy Act')
    """
    for zh, en in naming_rules()["name"]:
        if head_zh == zh:
            return _title(en.format(modifier_en)).strip()
    if head_en[:1].isupper():  # the head made the whole a name ("Policy Act"): so is the result
        return _title(f"{modifier_en} {head_en}")
    return f"{modifier_en} {head_en}"


def _ministries(names: list[str], place: str, body: str) -> list[str]:
    """``names`` of a body of ``place``'s state as that country says them: only the United States calls its
    ministries departments (CC-CEDICT gives 农业部 first as "Department of Agriculture"); another country's 部
    is a ministry, as the naming rules say of it.

    >>> _ministries(["Department of Agriculture"], "France", "农业部"), _ministries(["Department of Energy"], "US", "能源部")
    (['Ministry of Agriculture'], ['Department of Energy'])
    """
    if place in countries.US_NAMES or not body.endswith("部"):
        return names
    names = list(dict.fromkeys(re.sub(r"^Department of ", "Ministry of ", g) for g in names))
    return sorted(names, key=lambda g: not g.startswith("Ministry "))


def _body_of_state(body: str, place: str | None) -> list[str]:
    """A country's ``body`` that the naming rules name though the dictionary does not (能源部 "Department of
    Energy"), the country before the whole, as English says it; [] when the rules make no name of it.

    >>> _body_of_state("能源部", "US"), _body_of_state("小部件", "US")
    (['US Department of Energy', 'US Ministry of Energy'], [])
    """
    if not place or not body.endswith(_of_heads()) or kinds.is_proper(body):
        return []  # (a body the dictionary names is said by that name: the caller's case)
    names = [g for g in compose(body)[:2] if _OF_NAME.match(g)]
    return [_title(f"{place} {g}") for g in _ministries(names, place, body)]


#: a body's name as the naming rules make it, the thing it deals with after "of" (Department of Energy)
_OF_NAME = re.compile(r"^[A-Z][a-z]+ of [A-Z]")


@lru_cache(maxsize=1)
def _of_heads() -> tuple[str, ...]:
    """The heads the naming rules say with "of" before the rest (部: Department of …), the only ones a country
    could be put inside (a term beginning with a country is common: composing the rest of each to see costs)."""
    rules = naming_rules()
    return tuple(sorted({zh for zh, en in rules["name"] + rules["state"] if " of {}" in en}))


def compose(term: str, after_name: bool = False) -> list[str]:  # noqa: C901 (older than the ceiling; split when next reworked)
    """Compositional proposals for ``term``, best first; [] when nothing applies.

    :param after_name: ``term`` follows a name (卡拉瓦兹 + 材料公司): a company is then said by that name alone
        (Material), as one whose own words hold a name is (雅虎公司 → Yahoo)
    """
    rules = naming_rules()
    out: list[str] = []

    def add(xs: list[str]) -> None:
        out.extend(x for x in xs if x and x not in out)

    add(element_english(term))
    for zh, en in rules["prefix"]:
        if term.startswith(zh) and len(term) > len(zh) + 1:
            rest = term[len(zh) :]
            eng = dictionary.ranked_glosses(rest)[:1] or literal(rest, limit=1)
            if eng and kinds.is_verb_sense(rest, eng[0]):
                # (a verb and its object, object first: 非 + 发电 "generate electricity" → non-electricity generation)
                eng = [object_act(rest, eng[0]) or english.action_noun(eng[0])]
            add([en.format(r) for r in eng])
    # a place name before a name the dictionary knows: 美国 + 农业部 → US Department of Agriculture (not
    # 雅虎 + 公司 "Yahoo Company": 公司 is a common noun, which the naming rules handle)
    for i in range(1, len(term) - 1):
        head, rest = term[:i], term[i:]
        # (or the one character that stands for a country: 美 + 农业部 → US Department of Agriculture)
        if (kinds.is_proper(head) if i > 1 else countries.abbreviated(head)) and kinds.is_proper(rest):
            place = countries.place_english(head) if i > 1 else countries.abbreviated(head)
            names = dictionary.ranked_glosses(rest, limit=4)
            if place:
                names = _ministries(names, place, rest)
            # (a name that says its place already is said as it is: 中国 + 科学院 "Chinese Academy of Sciences")
            add([g if place in g else _title(f"{place} {g}") for g in names[:2]] if place else [])
            if i == 1 and names:
                # a character that stands for a country is no word: reading it as one gives "beautiful
                # Department of Agriculture" (美 + 农业部)
                return out
            break
        if i > 1 and countries.is_country(head) and (body := _body_of_state(rest, countries.place_english(head))):
            # a country before a body the naming rules name, though the dictionary does not: the country goes
            # before the whole (美国 + 能源部 → US Department of Energy), not inside its "of" (Department of US Energy)
            add(body)
            return out
    named = chemical(term)
    add(named)
    if term.endswith("政府") and len(term) > 3:
        add(_government_of(term[:-2]))  # 特朗普政府 → Trump administration
    heads: list[str] = []  # the rules' heads the term ends in (longest first)
    # (a body of the state names some heads its own way, before the general rule's: 国家…局 → … Administration)
    for zh, en in (rules["state"] if term.startswith(STATE) else []) + rules["name"]:
        if term == zh and len(zh) > 2:
            add([_title(en.format("")).strip()])  # the head alone, in the rule's words: 管理条例 Management Regulations
        if any(h != zh and h.endswith(zh) for h in heads):
            continue  # (a longer head took the term: 有限公司 is "Co., Ltd.", no "Finite" + 公司's "Company")
        if term.endswith(zh) and len(term) > len(zh) + 1 and _ends_as_word(term, zh):
            heads.append(zh)
            stem = term[: -len(zh)]
            # (科技类 + 公司: a technology company, no "Kind Company"; 临时性 + 办法: no "Nature")
            if len(stem) > 2 and _says_kind(stem[-1]) and not dictionary.has_word(stem):
                stem = stem[:-1]
            if zh == "公司" and (_names_an_act(stem) or (en == "{}" and not after_name and not _has_name(stem))):
                # a company is named by a noun (承包公司 is a contract company, no "Contract Company"), and by
                # its name alone only when it has one (雅虎公司 → Yahoo; 投资公司 is no "Investment")
                continue
            # a stem of one word before the head takes the form it has before a noun (勘探基金 → "Exploration
            # Fund"); after "of" it stays a noun (农业部 → "Department of Agriculture", not "of Agricultural")
            before = en.startswith("{}") and dictionary.has_word(stem)
            if before:
                stem_en = _piece_options(stem, False)[:1]
            else:
                stem_en = english.noun_first(dictionary.ranked_glosses(stem))[:1]
                if stem_en and kinds.is_verb_only(stem, stem_en[0]) and is_phrasal(stem_en[0]):
                    # after "on", a verb names its act: Regulations on Management
                    stem_en = [english.action_noun(stem_en[0])]
            stem_en = stem_en or literal(stem, limit=1)
            add([_title(en.format(r)).strip() for r in stem_en])
    if not named:
        # (a compound chemistry names is not read word by word: no "oxidize dysprosium")
        add(literal(term, limit=RENDERINGS))
    return out
