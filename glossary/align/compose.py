"""Compositional English from a term's parts: dictionary senses plus general naming rules.

>>> compose("氧化镝")[0]
'dysprosium oxide'
>>> compose("镨钕")[:2]
['praseodymium-neodymium', 'PrNd']
>>> compose("大豆管理条例")[0]
'Soybean Management Regulations'
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..mining.filters import naming_rules
from . import countries, dictionary, english, kinds
from .acts import is_phrasal, object_act
from .literal import _says_kind, literal
from .names import (
    _ends_as_word,
    _government_of,
    chemical,
    element_english,
    looks_transliterated,
)
from .options import LATIN as _LATIN
from .options import piece_options as _piece_options
from .pieces import parts as _parts
from .senses import (
    _names_an_act,
    _title,
)

#: the word-by-word renderings of a term offered, best first: all guesses (confidence 0.2 down to 0.125), but the
#: right one is among six, with a third sense of each word after the first two, more often than among four of
#: two senses (`make eval`'s English leave-one-out with every candidate: any 0.454 → 0.477, top-1 unchanged)
RENDERINGS = 6


#: what a body of the state begins with (its heads' English: the "state" rules of ``data/naming.tsv``)
STATE = "国家"


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

    >>> _ministries(["Department of Agriculture"], "France", "农业部"), _ministries(["Department of Labor"], "US", "劳工部")
    (['Ministry of Agriculture'], ['Department of Labor'])
    """
    if place in countries.US_NAMES or not body.endswith("部"):
        return names
    names = list(dict.fromkeys(re.sub(r"^Department of ", "Ministry of ", g) for g in names))
    return sorted(names, key=lambda g: not g.startswith("Ministry "))


def _body_of_state(body: str, place: str | None) -> list[str]:
    """A country's ``body`` that the naming rules name though the dictionary does not (劳工部 "Department of
    Labor"), the country before the whole, as English says it; [] when the rules make no name of it.

    >>> _body_of_state("劳工部", "US"), _body_of_state("小部件", "US")
    (['US Department of Labor', 'US Ministry of Labor'], [])
    """
    if not place or not body.endswith(_of_heads()) or kinds.is_proper(body):
        return []  # (a body the dictionary names is said by that name: the caller's case)
    names = [g for g in compose(body)[:2] if _OF_NAME.match(g)]
    return [_title(f"{place} {g}") for g in _ministries(names, place, body)]


#: a body's name as the naming rules make it, the thing it deals with after "of" (Department of Labor)
_OF_NAME = re.compile(r"^[A-Z][a-z]+ of [A-Z]")


@lru_cache(maxsize=1)
def _of_heads() -> tuple[str, ...]:
    """The heads the naming rules say with "of" before the rest (部: Department of …), the only ones a country
    could be put inside (a term beginning with a country is common: composing the rest of each to see costs)."""
    rules = naming_rules()
    return tuple(sorted({zh for zh, en in rules["name"] + rules["state"] if " of {}" in en}))


def compose(term: str, after_name: bool = False) -> list[str]:
    """Compositional proposals for ``term``, best first; [] when nothing applies.

    :param after_name: ``term`` follows a name (卡拉瓦兹 + 材料公司): a company is then said by that name alone
        (Material), as one whose own words hold a name is (雅虎公司 → Yahoo)
    """
    rules = naming_rules()
    out: list[str] = []

    def add(xs: list[str]) -> None:
        out.extend(x for x in xs if x and x not in out)

    add(element_english(term))
    add(_titled(term, rules["title"]))
    add(_prefixed(term, rules["prefix"]))
    placed, whole = _placed(term)
    add(placed)
    if whole:
        return out
    named = chemical(term)
    add(named)
    if term.endswith("政府") and len(term) > 3:
        add(_government_of(term[:-2]))  # 特朗普政府 → Trump administration
    add(_headed(term, (rules["state"] if term.startswith(STATE) else []) + rules["name"], after_name))
    if not named:
        # (a compound chemistry names is not read word by word: no "oxidize dysprosium")
        add(literal(term, limit=RENDERINGS))
    return out


#: what a policy document's title begins with ("about": 关于…的通知)
_ABOUT = "关于"


def _titled(term: str, titles: list[tuple[str, str]]) -> list[str]:
    """A policy document's title as English titles them: 关于 + what it is about + 的 + the kind of document, the
    kind first (the naming rules' "title" heads), what it is about after "on", an act by its -ing form.

    >>> _titled("关于调整大豆进口关税的决定", [("决定", "Decision on {}")])
    ['Decision on Adjusting Soybean Import Tariff']
    """
    if not term.startswith(_ABOUT):
        return []
    for zh, en in titles:  # (longest first: 指导意见 before 意见)
        if term.endswith("的" + zh) and len(about := term[len(_ABOUT) : -len(zh) - 1]) >= 2:
            return [_title(en.format(a)) for a in _act_phrase(about)[:1]]
    return []


def _act_phrase(text: str) -> list[str]:
    """English of what a title is about: a verb and what it acts on by the verb's -ing form and the rest's English
    (调整 + 大豆进口关税 → adjusting soybean import tariff), else the whole's."""
    words = _parts(text)
    rest = text[len(words[0]) :] if words else ""
    verb = kinds.verb_sense(words[0]) if rest else None
    said = phrase_english(rest) if verb and " " not in verb else []
    return [f"{english.gerund(verb)} {s}" for s in said] if verb and said else phrase_english(text)


def _prefixed(term: str, prefixes: list[tuple[str, str]]) -> list[str]:
    """``term`` after a prefix the naming rules say their way (非 + 发电 → non-electricity generation)."""
    out: list[str] = []
    for zh, en in prefixes:
        if term.startswith(zh) and len(term) > len(zh) + 1:
            rest = term[len(zh) :]
            eng = dictionary.ranked_glosses(rest)[:1] or literal(rest, limit=1)
            if eng and kinds.is_verb_sense(rest, eng[0]):
                # (a verb and its object, object first: 非 + 发电 "generate electricity" → non-electricity generation)
                eng = [object_act(rest, eng[0]) or english.action_noun(eng[0])]
            out += [en.format(r) for r in eng]
    return out


def _placed(term: str) -> tuple[list[str], bool]:
    """A place name before a name the dictionary knows, or before a body of the state the naming rules name, said
    as English says it; and whether that says the whole term (nothing else is to be proposed)."""
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
            said = [g if place in g else _title(f"{place} {g}") for g in names[:2]] if place else []
            # a character that stands for a country is no word: reading it as one gives "beautiful Department of
            # Agriculture" (美 + 农业部)
            return said, i == 1 and bool(names)
        if i > 1 and countries.is_country(head) and (body := _body_of_state(rest, countries.place_english(head))):
            # a country before a body the naming rules name, though the dictionary does not: the country goes
            # before the whole (美国 + 劳工部 → US Department of Labor), not inside its "of" (Department of US Labor)
            return body, True
    return [], False


def _headed(term: str, heads_named: list[tuple[str, str]], after_name: bool) -> list[str]:
    """``term`` said by the naming rules of the heads it ends in (条例 "Regulations", 公司 "Company" …), longest
    first (a body of the state's own heads before the general rule's: 国家…局 → … Administration)."""
    out: list[str] = []
    heads: list[str] = []  # the rules' heads the term ends in (longest first)
    for zh, en in heads_named:
        if term == zh and len(zh) > 2:
            out.append(
                _title(en.format("")).strip()
            )  # the head alone, in the rule's words: 管理条例 Management Regulations
        if any(h != zh and h.endswith(zh) for h in heads):
            continue  # (a longer head took the term: 有限公司 is "Co., Ltd.", no "Finite" + 公司's "Company")
        if term.endswith(zh) and len(term) > len(zh) + 1 and _ends_as_word(term, zh):
            heads.append(zh)
            out += _with_rule_head(term[: -len(zh)], zh, en, after_name)
    return out


def _with_rule_head(stem: str, zh: str, en: str, after_name: bool) -> list[str]:
    """``stem`` before the head ``zh`` the naming rule ``en`` says ("{} Regulations", "Department of {}")."""
    # (科技类 + 公司: a technology company, no "Kind Company"; 临时性 + 办法: no "Nature")
    if len(stem) > 2 and _says_kind(stem[-1]) and not dictionary.has_word(stem):
        stem = stem[:-1]
    if zh == "公司" and (_names_an_act(stem) or (en == "{}" and not after_name and not _has_name(stem))):
        # a company is named by a noun (承包公司 is a contract company, no "Contract Company"), and by
        # its name alone only when it has one (雅虎公司 → Yahoo; 投资公司 is no "Investment")
        return []
    # a stem of one word before the head takes the form it has before a noun (勘探基金 → "Exploration
    # Fund"); after "of" it stays a noun (农业部 → "Department of Agriculture", not "of Agricultural")
    if en.startswith("{}") and dictionary.has_word(stem):
        stem_en = _piece_options(stem, False)[:1]
    else:
        stem_en = english.noun_first(dictionary.ranked_glosses(stem))[:1]
        if stem_en and kinds.is_verb_only(stem, stem_en[0]) and is_phrasal(stem_en[0]):
            # after "on", a verb names its act: Regulations on Management
            stem_en = [english.action_noun(stem_en[0])]
    stem_en = stem_en or literal(stem, limit=1)
    return [_title(en.format(r)).strip() for r in stem_en]
