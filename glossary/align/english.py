"""English word forms for terms: the action noun of a verb, the adjective of a noun, the noun of a quality.

A Chinese verb before a noun names the act (勘探 + 基金 → "exploration fund", not "explore fund"), a word
the dictionary gives both as a noun and an adjective modifies with the adjective (经济 + 可行性 →
"economic feasibility"), a state names its quality (适航 "airworthy" → airworthiness), and a suffix sense
attaches to its stem (工业 + 化 → industrialization). Which English form exists, and which one English
prefers, is read from the general English word frequencies of ``wordfreq``: a form the language does not
use is never proposed.

>>> action_noun("explore"), action_noun("control"), action_noun("recycle")
('exploration', 'control', 'recycling')
"""

from __future__ import annotations

import os
from functools import lru_cache

_VOWELS = "aeiou"

#: regular derivations of an action noun from a verb, by the verb's ending (explore → exploration);
#: every candidate is checked against English usage before it is proposed
_DERIVATIONS = (
    ("ate", "ation"),
    ("ify", "ification"),
    ("ize", "ization"),
    ("ise", "isation"),
    ("uce", "uction"),
    ("ct", "ction"),
    ("pt", "ption"),
    ("mit", "mission"),
    ("ide", "ision"),
    ("vise", "vision"),
    ("ude", "usion"),
    ("ss", "ssion"),
    ("erce", "ercion"),
    ("ore", "oration"),
    ("are", "aration"),
    ("ine", "ination"),
    ("rm", "rmation"),
    ("nt", "ntation"),
    ("lt", "ltation"),
    ("apply", "application"),
    ("imply", "implication"),
    ("multiply", "multiplication"),
    ("ve", "val"),
    ("ose", "osal"),
    ("er", "ery"),
    ("pend", "pendence"),
    ("ist", "istance"),
    ("yze", "ysis"),
    ("yse", "ysis"),
    ("isfy", "isfaction"),
    ("fuse", "fusion"),
    ("all", "allation"),
    ("pret", "pretation"),
    ("ow", "owth"),
    ("vent", "vention"),
    ("ute", "ution"),
    ("and", "ansion"),
    ("ire", "isition"),
    ("ume", "umption"),
    ("ibe", "iption"),
    ("eive", "eption"),
    ("ete", "etion"),
    ("ete", "etition"),
    ("ail", "ailure"),
    ("rve", "rvation"),
    ("ster", "stration"),
    ("e", "age"),
)

#: the endings English still makes new verbs and their nouns with (sinicize → sinicization): a verb no corpus
#: has takes its noun by these alone
_PRODUCTIVE = ("ize", "ise", "ify", "ate")

#: endings of English adjectives formed from nouns (economic, industrial, national, electronic)
_ADJECTIVE_ENDINGS = ("ic", "al", "ive", "ous", "ary", "ian", "ese")

#: a derived noun must be this common beside its verb (separation/separate ≈ 0.2; procession/process,
#: reformation/reform, which mean something else, stay below)
_DERIVED_SHARE = 0.15
#: a verb this much more common than its -ing form is a noun as well (control, export, supply, survey)
_NOUN_TOO = 4.0
#: an -ing form this common beside its verb is used as a modifier (recycling, mining, leading)
_GERUND_SHARE = 0.2
#: an -ing form this much more common than its verb is mostly a preposition or adjective (depending)
_PREPOSITION = 2.0


@lru_cache(maxsize=65536)
def frequency(word: str) -> float:
    """How often ``word`` (one word) occurs in general English (0 when never), as ``wordfreq.word_frequency``
    gives it (three significant digits), read from the list cached on disk: importing wordfreq costs 0.6 s.

    >>> frequency("separation") == 1.35e-05, frequency("Control") == frequency("control") > 0
    (True, True)
    """
    from ..mining.filters import english_frequencies

    f = english_frequencies().get(word.lower(), 0.0)
    return float(f"{f:.3g}")


def gerund(verb: str) -> str:
    """The -ing form of ``verb``, doubling a final consonant where English does (plan → planning).

    >>> gerund("separate"), gerund("plan"), gerund("roast")
    ('separating', 'planning', 'roasting')
    """
    v = verb.strip()
    base = v[:-1] if v.endswith("e") and not v.endswith(("ee", "ye", "oe")) else v
    forms = [base + "ing"]
    if len(v) >= 3 and v[-1] not in _VOWELS + "wxy" and v[-2] in _VOWELS and v[-3] not in _VOWELS:
        forms.append(v + v[-1] + "ing")
    return max(forms, key=frequency)


#: endings a short verb has by chance: a verb of these letters or fewer is no derivation (state is not
#: "station", rate not "ration", land not "lansion")
_SHORT = {"ate": 5, "and": 4}


def _derivations(verb: str) -> list[str]:
    forms = [
        verb[: len(verb) - len(end)] + repl
        for end, repl in _DERIVATIONS
        if verb.endswith(end) and len(verb) > _SHORT.get(end, 0)
    ]
    # an -age noun commoner than its verb is a word of its own (usage), not the act (store → storage)
    return [f for f in forms if not f.endswith("age") or frequency(f) < frequency(verb)] + [verb + "ment"]


@lru_cache(maxsize=16384)
def action_noun(verb: str) -> str:
    """The English noun naming the act of ``verb``, as a term uses it before or as its head.

    A regular derivation when English uses it (produce → production, manage → management); the verb
    itself when it is a noun too (control, export); else its -ing form when English uses that
    (recycle → recycling); else the verb. A phrase is returned as it is. An -ing form used mostly as
    something else (depending) does not stand in the way of the derived noun (dependence).

    >>> [action_noun(v) for v in ("separate", "purify", "extract", "roast", "sinicize", "supply", "manage")]
    ['separation', 'purification', 'extraction', 'roasting', 'sinicization', 'supply', 'management']
    >>> action_noun("fluctuate"), action_noun("pay"), action_noun("grow"), action_noun("pollute")
    ('fluctuation', 'payment', 'growth', 'pollution')
    >>> action_noun("acquire"), action_noun("consume"), action_noun("expand"), action_noun("foreordain")
    ('acquisition', 'consumption', 'expansion', 'foreordaining')
    """
    v = verb.strip()
    if " " in v or not v.isalpha():
        return v
    fv, ing = frequency(v), gerund(v)
    forms = _derivations(v)
    if fv == 0:  # a verb English corpora do not have (sinicize): the productive rule, else -ing
        return forms[0] if len(forms) > 1 and v.endswith(_PRODUCTIVE) else ing
    noun = max(forms, key=_as_noun)
    # an -ing form far more common than its verb is used otherwise (depending on, regarding): no rival
    rival = frequency(ing) if frequency(ing) < _PREPOSITION * fv else 0.0
    if _as_noun(noun) >= max(_DERIVED_SHARE * fv, rival) and frequency(noun) > 0:
        return noun
    if fv >= _NOUN_TOO * frequency(ing):
        return v
    if frequency(ing) >= _GERUND_SHARE * fv:
        return ing
    return v


#: endings of English adjectives and participles (refined, competitive, supervisory, imported)
_ADJECTIVAL = ("ed", "ing", "ive", "ory", "ful", "ble", "ant", "ent", "less") + _ADJECTIVE_ENDINGS


def looks_adjectival(word: str) -> bool:
    """True when ``word`` ends as English adjectives and participles do.

    >>> looks_adjectival("refined"), looks_adjectival("supervisory"), looks_adjectival("subsidy")
    (True, True, False)
    """
    return word.endswith(_ADJECTIVAL)


def _as_noun(word: str) -> float:
    """How often English uses ``word`` as a noun, its plural counted (fluctuations outnumber fluctuation
    threefold, and together outnumber "fluctuating")."""
    return frequency(word) + frequency(word + "s")


def adjective_first(senses: list[str]) -> list[str]:
    """``senses`` with an adjective moved first when it is formed from an earlier noun sense
    (economy, economic → economic first): before a noun, English modifies with the adjective.

    >>> adjective_first(["economy", "economic"]), adjective_first(["soybean"])
    (['economic', 'economy'], ['soybean'])
    """
    for i, adj in enumerate(senses[:4]):
        if i == 0 or " " in adj or not adj.endswith(_ADJECTIVE_ENDINGS):
            continue
        for noun in senses[:i]:
            if " " in noun or noun == adj:
                continue
            common = len(os.path.commonprefix([noun.lower(), adj.lower()]))
            if common >= 4 and common >= len(noun) - 3:
                return [adj] + [s for s in senses if s != adj]
    return senses


def participle(text: str) -> bool:
    """True when ``text`` ends in a past participle, which heads no noun phrase ("machine-made", "processed"): one
    ECDICT lists as a verb's form (so "speed" and "hundred" are none), or, without ECDICT, a word ending in -ed.

    >>> participle("machine-made"), participle("machine made"), participle("mechanism"), participle("top speed")
    (True, True, False, False)
    """
    from ..mining import lexicon

    words = text.split()
    if not words:
        return False
    last = words[-1].split("-")[-1].lower()
    if not lexicon.available():
        return last.endswith("ed") or last == "made"
    form = lexicon.verb_form(last)
    return bool(form and "d" in form[1])


def noun_first(senses: list[str]) -> list[str]:
    """``senses`` with a noun moved first when an earlier sense is the adjective formed from it
    (commercial, commerce → commerce first), or when the first sense is an adjective and a later one a word that
    is none (judicial, justice → justice): after "of", English names the thing.

    >>> noun_first(["commercial", "commerce", "business"]), noun_first(["judicial", "justice"])
    (['commerce', 'commercial', 'business'], ['justice', 'judicial'])
    >>> noun_first(["agriculture", "agricultural"])
    ['agriculture', 'agricultural']
    """
    for i, noun in enumerate(senses[:4]):
        if " " in noun:
            continue
        for adj in senses[:i]:
            if adjective_first([noun, adj])[0] == adj:  # adj is the adjective of noun
                return [noun] + [s for s in senses if s != noun]
    if senses and " " not in senses[0] and senses[0].endswith(_ADJECTIVE_ENDINGS):
        # (an adjective no noun sense is formed from: the first single word that does not end as one)
        thing = next((s for s in senses[1:4] if " " not in s and not s.endswith(_ADJECTIVE_ENDINGS)), None)
        if thing:
            return [thing] + [s for s in senses if s != thing]
    return senses


def quality_noun(adjective: str) -> str | None:
    """The noun of the quality an adjective names, or of the act a participle names, when English uses it
    (airworthy → airworthiness, vaccinated → vaccination).

    >>> quality_noun("airworthy"), quality_noun("vaccinated"), quality_noun("born"), quality_noun("transparent")
    ('airworthiness', 'vaccination', None, 'transparency')
    """
    if " " in adjective or not adjective.isalpha():
        return None
    if adjective.endswith("ed"):
        # a participle names the act done: vaccinated → vaccination
        verb = max((adjective[:-1], adjective[:-2], adjective[:-3] + "y"), key=frequency)  # (satisfied → satisfy)
        noun = action_noun(verb) if frequency(verb) > 0 else verb
        return noun if noun != verb and not noun.endswith("ing") else None
    base = adjective[:-1] + "i" if adjective.endswith("y") else adjective
    forms = [base + "ness", adjective + "ness"]
    if adjective.endswith("ble"):
        forms.append(adjective[:-3] + "bility")  # compatible → compatibility
    if adjective.endswith("ive"):
        forms.append(adjective[:-1] + "ity")  # exclusive → exclusivity, sensitive → sensitivity
    if adjective.endswith(("ent", "ant")):
        forms += [adjective[:-1] + "ce", adjective[:-1] + "cy"]  # transparent → transparency, relevant → relevance
    best = max(forms, key=frequency)
    return best if frequency(best) >= _RARE else None


#: a word rarer than this in English is a coinage or a slip of some corpus ("factness")
_RARE = 1e-7


def attach_suffix(stem: str, suffix: str) -> str | None:
    """Join an English stem and a dictionary suffix sense ("-ization") into a word English uses, or None.

    >>> attach_suffix("commerce", "-ization"), attach_suffix("hollow", "-ization")
    ('commercialization', None)
    """
    end = suffix.lstrip("-")
    if " " in stem or not stem.isalpha() or not end.isalpha():
        return None
    bases = [stem, stem + "al"]  # nation → nationalization, through its adjective
    if stem.endswith(("e", "y")):
        bases += [stem[:-1], stem[:-1] + "ial"]  # commerce → commercialization, industry → industrialization
    forms = [b + end for b in bases]
    best = max(forms, key=frequency)
    return best if frequency(best) > 0 else None
