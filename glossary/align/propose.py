"""English suggestions for one candidate, from every source in the order of their confidence (the table in
:mod:`glossary.align`): what a reviewer or the texts said, a region's or a transliterated name's English, the
dictionaries' senses of the whole term, the compositions of its parts' senses, ECDICT's renderings, and a name's
pinyin where nothing else speaks.

>>> from glossary.models import Candidate
>>> [(e.text, e.source) for e in english_suggestions(Candidate(term="氧化镝"))][:1]
[('dysprosium oxide', 'chemistry')]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from ..mining import lexicon
from ..mining.filters import NAME_HEADS, is_chemical
from ..models import RELIABLE_ENGLISH, Candidate, Equivalent
from ..normalise.hanzi import HAN
from ..normalise.script import mainland_words
from . import choice, countries, dictionary, discourse, kinds, translit
from . import compose as _compose
from . import literal as _literal
from . import names as _names
from .acts import term_nouns
from .names import (
    is_tagged_name,
    known_place,
    person_pinyin,
    pinyin_name,
    region_english,
    split_name,
)
from .official import ACT_COUNTRIES, OFFICIAL, official_forms, settings
from .suggestions import Suggestions
from .written import asides_after_senses, text_glosses, use_glosses

_DESCRIPTOR = re.compile(r"\s+(News Agency|Agency|Company|Corporation|Corp\.?|Group|Inc\.?|Ltd\.?)$")


#: CC-CEDICT's first sense of the whole term is right four times in five as a first suggestion (`make eval`: 0.80
#: with every candidate exported, 0.86 at the default size, 0.77 over the gold lists' own terms; at 0.75 its band of
#: the calibration table read 0.12 over, at 0.7 0.13)
CEDICT_CONFIDENCE = 0.8
#: ECDICT's English for the whole term, where CC-CEDICT has none, is right about half the time as a first suggestion
#: (0.50–0.58); a composition's first rendering one time in four or five (0.22–0.23)
ECDICT_CONFIDENCE = 0.5
#: … and below the compositions for the name of a body or a law
ECDICT_NAME_CONFIDENCE = 0.15


def _add_lexicon(term: str, out: Suggestions, drop: float = 0.0) -> None:
    """The English headwords ECDICT translates as exactly the term (发酵罐 → fermenter) where CC-CEDICT has no
    entry for it (where both have one they mostly agree), before the compositions, which are right less often
    (:data:`ECDICT_CONFIDENCE`); a plural beside its singular is left out, and one a composition says too goes
    first (two sources agree), in place of the composition. The name of a body or a law is composed by the naming
    rules before it: for such names ECDICT gives nicknames (a defence ministry as "Penta"). ``drop``: how much
    less sure than that (another form of the term, :func:`_add_mainland`)."""
    if term.isascii() or any(e.source == "cedict" for e in out):
        return
    confidence = (ECDICT_NAME_CONFIDENCE if term.endswith(NAME_HEADS) else ECDICT_CONFIDENCE) - drop
    # its lower-case abbreviations (dod) and verb forms (dodded) are no glossary English
    found = [t for t in lexicon.english(term) if len(t) > 3 and not t.endswith(("ed", "ing"))]
    found = [t for t in found if _singular_as_written(t) not in found]
    # a plural alone is said in the singular, as a glossary lists a thing (采样器: ECDICT's "samplers")
    found = list(dict.fromkeys(_singular_as_written(t) or t for t in found))[:2]
    composed = {e.text.lower(): e for e in out if e.source == "compose"}
    found.sort(key=lambda t: t.lower() not in composed)
    for i, t in enumerate(found):
        same = composed.get(t.lower())
        if same is not None and same.confidence >= confidence - 0.05 * i:
            continue  # (a composition by a rule that vouches for itself stays as sure as it was)
        if same is not None:
            out.remove(same)
            composed.pop(t.lower())  # (ECDICT may give its "A of B" form too: that composition is gone already)
        compound = _compound_of(t, composed)
        if compound is not None:
            # the lexicon's "capacity of storage" and a composition's "storage capacity" are one rendering: a
            # glossary lists the compound, as sure as the lexicon's entry
            out.remove(compound)
            composed.pop(compound.text.lower())
            out.add(compound.text, "ecdict", confidence - 0.05 * i)
        out.add(t, "ecdict", confidence - 0.05 * i)


def _singular_as_written(word: str) -> str | None:
    """ECDICT's singular of a plural, with the plural's capital (Estonians: Estonian, not "estonian").

    >>> from glossary.mining import lexicon
    >>> _singular_as_written("Estonians") if lexicon.available() else "Estonian"
    'Estonian'
    """
    one = lexicon.singular(word)
    return one[:1].upper() + one[1:] if one and word[:1].isupper() else one


def _compound_of(text: str, composed: Mapping[str, Equivalent]) -> Equivalent | None:
    """The composition that says ``text`` ("A of B") as a compound ("B A"), if there is one.

    >>> _compound_of("capacity of storage", {"storage capacity": Equivalent("storage capacity", "compose", 0.2)}).text
    'storage capacity'
    """
    head, of, modifier = text.partition(" of ")
    if not of or " of " in modifier:
        return None
    return composed.get(f"{modifier} {head}".lower())


#: English the texts give a term, as a part of the terms built on it: term → its expansions (set per run)
_TEXT_PARTS: dict[str, list[str]] = {}
#: the confidence of a term built on one the texts gloss: above a composition of dictionary senses alone (0.2),
#: whose part it settles, below what is reliable (`make eval`: the two such first suggestions among the gold terms
#: were right, too few to say more; most such terms are pieces of clauses)
TEXT_PART_CONFIDENCE = 0.25


def use_texts(cands: Iterable[Candidate]) -> None:
    """What the run's terms say of their words, for the terms built on them: the expansions the texts write in
    brackets after ``cands`` (several words or a hyphened one, not a code) as the English of those terms where they
    are a part of another (:func:`_with_known_part`); and every term's whole English the texts or the dictionaries
    give, under the words it holds, for the choice of a word's rendering (:func:`choice.use_discourse`); and the
    English they write after many terms, an aside of each (:func:`~glossary.align.written.use_glosses`)."""
    _TEXT_PARTS.clear()
    cands = list(cands)
    use_glosses({c.term: c.english_in_text for c in cands if c.english_in_text})  # (before any is read)
    under: dict[str, list[tuple[str, str]]] = {}
    words: Counter[str] = Counter()  # (the terms' dictionary words, and the characters a term holds alone)
    alone: set[str] = set()
    for c in cands:
        if c.term.isascii():
            continue
        # only what names the term, not what qualifies it: 符号 (Dyalog APL) made 符号链接 a "Dyalog APL link"
        glosses = text_glosses(c.english_in_text)
        senses = [Equivalent(g, "cedict") for g in dictionary.ranked_glosses(c.term, limit=4)]
        said = [e.text for e in asides_after_senses(glosses + senses) if e.source == "text" and e.confidence == 0.9]
        spelled = [t for t in said if (" " in t or "-" in t) and any(ch.islower() for ch in t)]
        if spelled and len(c.term) >= 2:
            _TEXT_PARTS[c.term] = spelled[:1]
        parts = dictionary.segment(c.term)
        words.update(p for p in parts if len(p) >= 2)
        alone.update(p for p in parts if len(p) == 1)
        whole = said[:1] + [e.text for e in senses[:1]] + lexicon.english(c.term)[:1]
        if whole:
            english = discourse.said(" / ".join(whole))
            for part in set(parts) - {c.term}:
                if len(part) >= 2:
                    under.setdefault(part, []).append((c.term, english))
    # and a character a term holds alone by the English of the words that hold it (档 by 档案 "file; record")
    for word, n in words.items():
        held = alone.intersection(word)
        first = dictionary.ranked_glosses(word, limit=1) if held else []
        if first:
            for ch in held:
                under.setdefault(ch, []).extend([(word, discourse.said(first[0]))] * n)
    choice.use_discourse(under)


def _add_said(c: Candidate, known: Mapping[str, Sequence[str]], out: Suggestions) -> None:
    """What a reviewer or the texts said: an approved entry's English (and a term's built on one), the term's own
    Latin, the English written beside it, and a term built on one the texts gloss."""
    for t in known.get(c.term, ()):
        out.add(t, "termbase", 0.95)
    for t in _with_known_part(c.term, known):
        out.add(t, "termbase", 0.55)
    if c.term.isascii():
        out.add(c.term, "text", 0.9)
    for e in text_glosses(c.english_in_text):
        out.add(e.text, e.source, e.confidence)
    if not c.english_in_text and _TEXT_PARTS:
        # 磁隧道结（magnetic tunnel junction）+ 器件 → magnetic tunnel junction device (not "… knot …"): a composition
        # still, but of a part the writer said
        for t in _with_known_part(c.term, _TEXT_PARTS):
            out.add(t, "compose", TEXT_PART_CONFIDENCE)


def english_suggestions(c: Candidate, known: Mapping[str, Sequence[str]] | None = None) -> list[Equivalent]:
    """Ranked English suggestions for one candidate, each with source and confidence."""
    out = Suggestions()
    _add_said(c, known or {}, out)
    region = region_english(c.term)
    for i, t in enumerate(region):  # a state or province as ISO 3166-2 names it (阿萨姆邦 → Assam, Assam State)
        out.add(t, "iso3166", CEDICT_CONFIDENCE + 0.02 - 0.01 * i)
    language = countries.language_english(c.term)
    if language:  # a language as CLDR names it (爱沙尼亚语 → Estonian; software messages list dozens)
        out.add(language, "cldr", CEDICT_CONFIDENCE + 0.02)
    stem, rest = split_name(c.term)
    _add_name(c, stem, rest, bool(region), out)
    # a transliterated name's characters glossed one by one name nothing ("Cara roof tile now" for 卡拉瓦兹):
    # the name and the words after it are said by _add_name
    composed = [] if stem and not region else _compose.compose(c.term)
    if is_chemical(c.term):
        for t in _names.element_english(c.term) + _names.chemical(c.term):
            out.add(t, "chemistry", 0.8)
    _add_senses(c.term, out)
    literal_head = _literal.literal_head(c.term, composed[:1], [e.text for e in out if e.source == "cedict"][:1])
    for i, t in enumerate(composed[: _compose.RENDERINGS]):
        # a composition's first rendering is right about one time in six (`make eval`'s calibration table)
        out.add(t, "compose", (CEDICT_CONFIDENCE + 0.02 if t in literal_head else 0.2) - 0.015 * i)
    _add_lexicon(c.term, out)
    _add_mainland(c, out)
    official_forms(out)
    if not c.term.isascii():  # (a Latin term's own spelling is no aside)
        asides_after_senses(out)
    out.sort(key=lambda e: -e.confidence)
    out = Suggestions(_named_in_setting(c, out))
    if stem and not rest and not c.term.isascii() and not region and not language:
        # a transliterated name, alone or before a one-character place word (阿萨姆+邦), that no resource names;
        # a word that is no name gets no pinyin "translation" (钢材 is not "Gangcai")
        # (its sound only: a foreign name's pinyin is not its English, Pasente for Passant, so below any guess)
        out.add(pinyin_name(c.term), "pinyin", TRANSLITERATED_PINYIN)
    elif not out and is_tagged_name(c.term):
        # a name the segmenter knows as one (勐拉县, a place; 贺子安, a person) and no resource has: pinyin, with
        # a place word after it translated (Mengla County), a person's surname apart (He Zi'an)
        out.add(person_pinyin(c.term) or pinyin_name(c.term), "pinyin", 0.15)
    elif not out and re.search(r"[A-Za-z]", c.term) and _names.has_unknown_name(c.term):
        # a name the dictionary lacks beside Latin letters (AB克拉维斯, an invented name): its Latin as written, its Hanzi in pinyin
        out.add(
            " ".join(
                pinyin_name(run) if not run.isascii() else run
                for run in re.findall(r"[A-Za-z0-9][A-Za-z0-9 .&+-]*|[^A-Za-z0-9]+", c.term)
                if run.strip()
            ),
            "pinyin",
            TRANSLITERATED_PINYIN,
        )
    return list(out)


#: the confidence of a transliterated name spelled in pinyin: `make eval` matched six such first suggestions to
#: gold rows and none was right (a foreign name's English is its own spelling, not its Chinese sound's)
TRANSLITERATED_PINYIN = 0.05


def _add_name(c: Candidate, stem: str, rest: str, region: bool, out: Suggestions) -> None:
    """A transliterated name's English: as the texts write it in Latin, else the dictionary's name of the same
    sound, with the words after the name translated."""
    place, stem_part = known_place(stem)
    name_en = translit.match(stem_part, c.latin_nearby)[:2] if c.latin_nearby and stem else []
    # else the name CC-CEDICT writes with other characters of the same sound (阿尔忒弥斯: 阿耳忒弥斯 Artemis)
    sound = translit.homophones(stem_part)[:2] if stem and not name_en else []
    if place:  # 冰岛 + 克拉维斯: the place the dictionary knows in English, the name after it as found
        name_en = [f"{place} {t}" for t in name_en]
        sound = [f"{place} {t}" for t in sound]
    if not rest:
        for t in name_en:
            out.add(t, "translit", 0.6)
        for t in sound:
            out.add(t, "cedict", 0.5)
        return
    # a name before words the dictionary knows: 卡拉瓦兹 + 铁矿, the name as the texts write it
    # in Latin, else in pinyin, and the rest translated
    # 卡拉瓦兹 + 矿: "… Mine", as place names are; 阿尔忒弥斯 + 计划: "… Program", as names of things are
    pattern = _names.place_words().get(rest) or _names.name_pattern(rest)
    rest_en = [pattern] if pattern else [f"{{}} {e}" for e in _compose.phrase_english(rest, after_name=True)[:1]]
    if rest_en:
        # (no pinyin stand-in beside the name ISO 3166-2 gives)
        for t in name_en or sound or ([] if region else [pinyin_name(stem)]):
            source, conf = ("translit", 0.6) if name_en else ("cedict", 0.5) if sound else ("compose", 0.25)
            out.add(rest_en[0].format(t), source, conf)


#: sources that know a term whole (not a composition of its words, nor a name's sound), and so say which sense
#: (and which reading) each of its characters has
WHOLE_SOURCES = frozenset({"termbase", "text", "cedict", "ecdict", "chemistry", "iso3166", "cldr", "context"})
#: what the dictionaries' English for the Mainland's words of a Taiwan term loses against the term's own: OpenCC's
#: phrases are read greedily, and a region's word is not always the other's (untested on the annotated lists,
#: whose Taiwan articles' listed terms have no such form a dictionary knows)
MAINLAND_DROP = 0.1


def _add_mainland(c: Candidate, out: Suggestions) -> None:
    """A term a Taiwan text writes in its own words (對話方塊, 核取方塊, 函式: a dialog box, a check box, a
    function) where no resource knows it whole: the English CC-CEDICT, else ECDICT, gives the Mainland's words
    for it (对话框, 复选框, 函数; :func:`~glossary.normalise.script.mainland_words`), a little less sure than
    for the term itself. Read as Simplified character by character, 对话方块 was a "talking cube"."""
    if any(e.source in WHOLE_SOURCES and e.confidence >= RELIABLE_ENGLISH for e in out):
        return  # (an aside in brackets, 0.1, knows nothing of the term)
    for form in dict.fromkeys(mainland_words(s) for s in c.traditional_surfaces):
        if form == c.term or not HAN.search(form):
            continue
        _add_senses(form, out, MAINLAND_DROP)
        _add_lexicon(form, out, MAINLAND_DROP)


def _add_senses(term: str, out: Suggestions, drop: float = 0.0) -> None:
    """CC-CEDICT's senses of the term, in the order its compounds use them, acts and qualities as nouns; each
    ``drop`` less sure than the dictionary's senses are."""
    confidence = CEDICT_CONFIDENCE - drop
    for i, g in enumerate(dictionary.ranked_glosses(term, limit=4)):  # the sense its compounds use first
        short = _DESCRIPTOR.sub("", g)
        if short != g and kinds.is_proper(term):
            # 新华社 "Xinhua News Agency": a name is cited as "Xinhua"
            out.add(short, "cedict", confidence + 0.01 - 0.05 * i)
        # a term names an act or a quality, as a noun: 接种 "to be vaccinated" → vaccination, 分离 "to
        # separate" → separation, 冶炼 "to smelt" → smelting; a verb that is a noun too stays (管制 control)
        nouns = term_nouns(term, g)
        for noun in nouns if i == 0 else []:
            out.add(noun, "cedict", confidence - 0.05 * i)
        out.add(g, "cedict", confidence - 0.05 * i)
        for noun in nouns if i > 0 else []:
            if not noun.endswith("ing"):  # (萃取 "liquid-liquid extraction; to extract": and "extraction")
                out.add(noun, "cedict", confidence - 0.05 * i)


def _named_in_setting(c: Candidate, out: list[Equivalent]) -> list[Equivalent]:
    """``out`` with the names the term's country gives it first, where its contexts name the country.

    A ministry the texts name with its country (美国农业部) and without it (农业部) is that country's: named as
    that country names it ("Department of Agriculture", not CC-CEDICT's "Ministry of …"), and in full after it;
    a statute in the clause of a country that names them Acts is an Act (国防生产法 in American texts).
    """
    places = settings(c) if out and OFFICIAL.search(out[0].text) else set()
    place = places.pop() if len(places) == 1 else ""  # (two countries: no telling whose)
    if place:
        full = [e.text for e in english_suggestions(Candidate(term=place + c.term))[:1]]
        place_en = countries.english(place) or ""
        if full and place_en and full[0].startswith(place_en + " "):
            conf = round(out[0].confidence + 0.02, 2)
            out = [
                Equivalent(full[0][len(place_en) + 1 :], "context", conf),
                Equivalent(full[0], "context", conf),
                *out,
            ]
            out = [e for i, e in enumerate(out) if all(x.text.lower() != e.text.lower() for x in out[:i])]
    if out and out[0].text.endswith(" Law") and (settings(c, reach=8) or {""}) <= ACT_COUNTRIES:
        act = next((e for e in out if e.text == out[0].text[:-4] + " Act"), None)
        if act:
            out = [Equivalent(act.text, "context", round(out[0].confidence + 0.01, 2))] + [
                e for e in out if e is not act
            ]
    return out


def _with_known_part(term: str, known: Mapping[str, Sequence[str]]) -> list[str]:
    """English built on an approved entry the term begins or ends with, the rest from the dictionary: once
    粮食安全 is approved as "food security", 粮食安全协议 is offered as "Food Security Agreement".

    >>> _with_known_part("粮食安全协议", {"粮食安全": ["food security"]})
    ['Food Security Agreement']
    >>> _with_known_part("大豆出口管制", {"出口管制": ["export control"]})
    ['soybean export control']
    """
    if not known:
        return []
    for k in range(len(term) - 1, 1, -1):  # the longest approved part first
        head, tail = term[:k], term[k:]
        if head in known:
            rest = _compose.head_english(tail)
            if rest:
                return [_compose.with_head(known[head][0], rest[0], tail)]
        head, tail = term[: len(term) - k], term[len(term) - k :]
        if tail in known:
            rest = _compose.phrase_english(head)
            if rest:
                return [f"{rest[0]} {known[tail][0]}"]
    return []
