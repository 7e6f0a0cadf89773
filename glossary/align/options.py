"""A word's renderings inside a term: the options the naming rules give it, in their order, and the two the
sense-choice model (:mod:`glossary.align.choice`) ranks first.

>>> piece_options("新", False)[0], piece_options("出口", True)[0]
('new', 'export')
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from functools import lru_cache

from ..mining import lexicon
from ..mining.filters import is_chemical
from . import choice, dictionary, edges, english, kinds, wordnet
from .acts import is_phrasal, named_act, object_act, passive_act
from .names import chemical, element_english
from .senses import _as_modifier, _coordinated, _listed_noun

#: a run of Latin letters and digits, which a term keeps as written (LED, 5G, MP Materials)
LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 &+.\-']*")

#: a chemical formula ending a dictionary's sense of a compound ("sodium chloride NaCl", "carbon dioxide CO2")
_FORMULA_AFTER = re.compile(r"\s+(?:[A-Z][a-z]?\d*)+$")

#: a number as a term writes it in figures (30, 17.4), and the Chinese multipliers that may follow it
NUMBER = re.compile(r"\d+(?:\.\d+)?")
MULTIPLIER = re.compile("万亿|亿|万")
#: a number and the Chinese multiplier after it (17.4万 is 174,000; 2.5亿, 250 million), one word of a term
NUMBER_MULTIPLIED = re.compile(f"({NUMBER.pattern})({MULTIPLIER.pattern})")
_MULTIPLIERS = {"万": 4, "亿": 8, "万亿": 12}
_LARGE = ((12, "trillion"), (9, "billion"), (6, "million"))


def number_english(piece: str) -> str | None:
    """A number with its Chinese multiplier in English figures, or None where ``piece`` is none.

    >>> number_english("17.4万"), number_english("3000万"), number_english("2.5亿"), number_english("万吨")
    ('174,000', '30 million', '250 million', None)
    """
    m = NUMBER_MULTIPLIED.fullmatch(piece)
    if not m:
        return None
    value = Decimal(m.group(1)).scaleb(_MULTIPLIERS[m.group(2)])
    for power, name in _LARGE:
        if value >= Decimal(10) ** power:
            return f"{_figures(value.scaleb(-power), '')} {name}"
    return _figures(value, ",")


def _figures(value: Decimal, grouping: str) -> str:
    """``value`` in figures, thousands grouped by ``grouping`` ("," or none), no trailing zeros (1.50 → 1.5)."""
    text = format(value, f"{grouping}f")
    return text.rstrip("0").rstrip(".") if "." in text else text


#: the renderings of a word a composition offers (its first rendering takes each word's first two only:
#: :func:`glossary.align.literal.literal`)
OPTIONS_PER_WORD = 3


def piece_options(piece: str, final: bool, reading: str | None = None, first: bool = True) -> list[str]:
    """The likeliest renderings of ``piece`` in a term (:func:`scored_options`)."""
    return [o for o, _ in scored_options(piece, final, reading, first)]


def scored_options(
    piece: str, final: bool, reading: str | None = None, first: bool = True
) -> list[tuple[str, float | None]]:
    """The :data:`OPTIONS_PER_WORD` likeliest renderings of ``piece`` as the last word of a term (``final``) or
    before it, with their probabilities: the rules' options (:func:`rule_options`) ranked by
    :mod:`glossary.align.choice`."""
    return choice.ranked(piece, final, first, reading, rule_options(piece, final, reading, first))[:OPTIONS_PER_WORD]


def rule_options(piece: str, final: bool, reading: str | None = None, first: bool = True) -> list[str]:
    """``piece``'s renderings in the order the naming rules prefer."""
    return list(_rule_options(piece, final, reading, first))


# (a word recurs in many terms: 4,400 terms mined from a megabyte asked for 10,000 words' options, 4,700 distinct)
@lru_cache(maxsize=65536)
def _rule_options(piece: str, final: bool, reading: str | None, first: bool) -> tuple[str, ...]:
    if LATIN.fullmatch(piece):
        return (piece,)
    number = number_english(piece)
    if number:
        return (number,)
    el = element_english(piece)
    if el:
        return tuple(el[:2])  # the names, then the symbols of a run: neodymium-iron-boron, NdFeB
    systematic = chemical(piece) if is_chemical(piece) else []
    if systematic:
        # a compound by its systematic name where the dictionary lacks it or names it so too (碳化硅 + 衬底: silicon
        # carbide, not the one-word "carborundum"; 碳酸锂 lithium carbonate before a drug's brand names), else by
        # the dictionary's own name first (钙钛矿, a mineral: perovskite, not "calcium-titanium ore"); its names
        # without the formula some of its senses end with ("sodium chloride NaCl")
        senses = [_FORMULA_AFTER.sub("", g) for g in _senses(piece, reading)]
        lead = systematic[:1] if not senses or systematic[0].lower() in map(str.lower, senses) else senses[:1]
        return tuple(dict.fromkeys(lead + senses + systematic[:1]))
    gl = _senses(piece, reading)
    if final and gl and not kinds.is_state_sense(piece, gl[0]):
        # two verbs for one act ("examine and approve") name it by the last as the head: 进口 + 审批 →
        # "import approval"
        noun = named_act(piece, gl[0])
        if noun:
            gl = [noun] + gl
    # (a sense of two words that English compounds write hyphenated before a noun is one word there: 高速 "high
    # speed", as ECDICT's compounds write it "high-speed", stays before its later sense "expressway")
    one_word = (
        {choice.spaced(w) for w, _ in choice.compound_renderings(piece, False) if "-" in w} if not final else set()
    )
    # inside a compound a one-word sense reads better than a phrase ("ore", not "mineral deposit"); where the first
    # sense is a phrase the dictionary labels with a field, its head noun as the lexicon's compounds say it goes
    # first, not a later everyday sense
    said = _labelled_word(piece, final, gl)
    gl = sorted(gl, key=lambda g: len(g.split()) > 1 and g.lower() not in one_word)
    if said:
        gl = [said] + [g for g in gl if g != said]
    if gl and kinds.is_state_sense(piece, gl[0]):
        # a state names a quality in a term: 适航 "to be airworthy" + 标准 → "airworthiness standard"
        quality = named_act(piece, gl[0])
        if quality:
            gl = [quality] + gl
    if final:
        gl = _as_head(piece, first, gl)
    elif gl:
        gl = _modifier_options(piece, first, gl)
    return tuple(dict.fromkeys(gl))


def _senses(piece: str, reading: str | None) -> list[str]:
    """``piece``'s dictionary senses of four words or fewer, best first (a word of words read as a term is)."""
    gl = [g for g in dictionary.ranked_glosses(piece, reading=reading) if len(g.split()) <= 4]
    if not gl and len(piece) > 1 and not dictionary.has_word(piece):
        # a word of ECDICT's that CC-CEDICT lacks (a composition joins them: 蒸发器 "evaporator"): its English, not
        # an acronym (a word's part is no abbreviation) nor a plural beside its singular
        found = lexicon.english(piece)
        gl = [e for e in found if e.islower() and lexicon.singular(e) not in found]
    if len(piece) > 2 and gl:
        from .literal import literal, literal_head  # (a word of words is composed as a term is)

        # a word of words reads inside a term as it does alone (产业链 → industrial chain, not the
        # dictionary's longer sense)
        gl = literal_head(piece, literal(piece, limit=1), gl[:1]) + gl
    return gl


def _modifier_options(piece: str, first: bool, gl: list[str]) -> list[str]:
    """The renderings of a word before the head of a term (``gl``: its senses, best first)."""
    prefix = edges.prefix_sense(piece) if len(piece) == 1 else None
    head = edges.suffix_sense(piece) if len(piece) == 1 and not first and not prefix else None
    if head:
        # a character that heads the words it ends, after a word, heads that word: 排放 + 权 → "emission
        # right" (排污权交易), not "emission authority"
        return [head]
    gl = [prefix] if prefix else _as_modifier(piece, gl)  # 新 + 材料 "new material", never "newly material"
    first_sense, second_sense = (edges.prefix_sense(c) for c in piece) if len(piece) == 2 else (None, None)
    opposites = bool(first_sense and second_sense and wordnet.opposite(first_sense, second_sense))
    pair = _coordinated(first_sense, second_sense) if opposites else None
    if pair and not all(f" {w} " in f" {gl[0].replace('-', ' ')} " for w in (first_sense, second_sense)):
        # two prefixes that are opposites before a noun are two modifiers: 轻重 + 金属 → "light and heavy metal"
        # (alone, 轻重 is "severity"), unless the word's own sense says both, one qualifying the other; other
        # pairs are a word of their own (空军 "air force", not "air and military"; 内核 a kernel)
        gl = [pair] + gl
    # the first word of a term, which modifies all after it, takes the form the dictionary's compounds
    # give it: 国防 "national defense" + 生产法 → "Defense Production Law", 技术 + 壁垒 → "technical
    # barrier" (a word further in heads a phrase of its own: 能源技术 + 供应链 "energy technology …")
    short = edges.compound_form(piece, gl[0]) if first else gl[0]
    if short != gl[0]:
        gl = [short] + gl
    return gl


def _as_head(piece: str, first: bool, gl: list[str]) -> list[str]:
    """The renderings of a word that heads a term (``gl``: its senses, best first): a noun, the act or quality
    a verb or state names, the head of an "A of B" sense after a modifier."""
    if len(piece) == 1 and len(gl) > 1:
        # a one-character head names a thing: not its verb-only or proper-noun senses (度 "pass", 法 "France"),
        # and first the sense the words it ends take (量 "quantity": 出口量 export quantity)
        nouns = [g for g in gl if not g[:1].isupper() and not kinds.is_verb_only(piece, g)]
        gl = nouns or gl
        head = edges.suffix_sense(piece) or _compounds_head(piece, gl)
        if head:
            gl = [head] + [g for g in gl if g != head]
    if not first and gl and (of := lexicon.OF_PHRASE.fullmatch(gl[0])) and not lexicon.fixed_of_phrase(gl[0]):
        # after a modifier a head "A of B" is the compound "B A", unless English fixed the phrase (head of state):
        # 系统 + 振频 "frequency of vibration" → system vibration frequency, not "system frequency of vibration"
        gl = [f"{of.group(2)} {of.group(1)}"] + gl
    passive = passive_act(piece, gl[0]) if gl else None
    if passive:
        gl = [passive] + gl  # the act a "to be …ed" sense names: 食物 + 中毒 "to be poisoned" → food poisoning
    if len(gl) > 1:
        gl = _noun_not_participle(piece, gl)
    return _head_noun(piece, gl) if gl else gl


def _noun_not_participle(piece: str, gl: list[str]) -> list[str]:
    """A head's senses with no participle among them, its noun before an adjective of the same stem."""
    # a head is a noun, not a participle (机制 "mechanism", not "machine-processed")
    gl = [g for g in gl if not english.participle(g)] or gl
    # nor an adjective beside its own noun (安全 "secure; security; safe; safety": 食品安全 → food security)
    noun = next(
        (
            h
            for h in gl[1:4]
            if " " not in h
            and (edges.is_nominal(h) or h.endswith("ty"))
            and len(os.path.commonprefix([h, gl[0]])) >= 4
            and (not edges.is_nominal(gl[0]) or len(h) > len(gl[0]))
        ),
        None,
    )
    if noun and " " not in gl[0]:
        gl = [noun] + [g for g in gl if g != noun]
    return gl


def _head_noun(piece: str, gl: list[str]) -> list[str]:
    """A head's senses with the noun it names first: the shortest, a listed noun, the act a verb names."""
    # the head noun: the shortest of the first senses ("ore", not "mineral deposit"; "list", not
    # "list of items"), and "management" rather than the verb "manage" when both are senses
    firsts = gl[:3]
    gl = sorted(firsts, key=lambda g: (len(g.split()), firsts.index(g))) + gl[3:]
    nominal = _listed_noun(gl[0], gl[1:], piece) or object_act(piece, gl[0])
    if nominal:
        gl = [nominal] + gl
    else:
        # a term names the act: 进口 + 限制 "restrict" → "import restriction"; 大豆 + 依赖 "depend on" →
        # "soybean dependence"; 进口 + 申请 "apply for; application form" → "import application" (the
        # first verb with a noun of its own; a first verb that is a noun too stays: 适航审定 "… screen")
        verbs = [g for g in gl[:3] if kinds.is_verb_only(piece, g) and is_phrasal(g)]
        all_verbs = len(verbs) == len(gl[:3])
        for verb in verbs:
            noun = english.action_noun(verb.split()[0])
            if noun == verb.split()[0]:
                break  # a verb that is a noun too names the act itself: 管制 "control"
            if not noun.endswith("ing") and (
                verb == gl[0] or all_verbs or any(g != verb and g.split()[0] == noun for g in gl if " " in g)
            ):
                gl = [noun] + gl
                break
    return gl


#: ECDICT's compounds name a one-character head by one of its senses at least this often before it is taken
COMPOUNDS_HEAD_MIN = 5


def _compounds_head(char: str, senses: list[str]) -> str | None:
    """The sense of ``char`` that ECDICT's compounds give it as their head, where that is their commonest rendering
    of it (seen :data:`COMPOUNDS_HEAD_MIN` times or more) and CC-CEDICT's own compounds say nothing
    (:func:`edges.suffix_sense`): 电 "lightning; electricity", whose compounds end in "electricity", not "lightning".

    >>> _compounds_head("电", ["lightning", "electricity"]) if lexicon.available() else "electricity"
    'electricity'
    """
    found = choice.compound_renderings(char, True)
    if not found or found[0][1] < COMPOUNDS_HEAD_MIN:
        return None
    top = found[0][0]
    return next((g for g in senses if g.lower() == top), None)


def _labelled_word(piece: str, final: bool, gl: list[str]) -> str | None:
    """The rendering ECDICT's compounds give ``piece`` most often where it stands (``final``), when that is the
    head noun of its first sense (or its plural), a phrase CC-CEDICT labels with a field ("processor register
    (computing)": register, as in "register file"), seen in :data:`_LABELLED_MIN` compounds or more."""
    from ..mining.lexical import has_field_label
    from .choice import compound_renderings

    if not gl or len(gl[0].split()) < 2:
        return None  # (most words' first option is one word: no entry to read)
    entries = dictionary.lookup(piece)
    first = entries[0].senses[0] if entries and entries[0].senses else ""
    if gl[0] not in first or not has_field_label(first):
        return None
    found = compound_renderings(piece, final)
    if not found or found[0][1] < _LABELLED_MIN:
        return None
    top = found[0][0]
    head = gl[0].split()[-1].lower()
    return top if head in (top.lower(), lexicon.singular(top.lower())) else None


#: compounds that must say a labelled phrase's word by its head alone before that head stands for it (稀 + 土's
#: two "rare" are no evidence)
_LABELLED_MIN = 5
