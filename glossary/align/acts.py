"""How a dictionary sense that is a verb or a state names an act in a term, as English names it: the noun of
the act (分离 "to separate" → separation), the object first where the word is a verb and its object (输血 "to
transfuse blood" → blood transfusion), the act of a passive sense (中毒 "to be poisoned" → poisoning), the
outcome of a state (适航 "to be airworthy" → airworthiness). Used for a whole term (:func:`term_nouns`) and for
its pieces (:mod:`glossary.align.senses`, :mod:`glossary.align.compose`).

>>> term_nouns("分离", "separate"), object_act("输血", "transfuse blood")
(['separation'], 'blood transfusion')
"""

from __future__ import annotations

from . import dictionary, english, kinds
from .glosses import clean_gloss


def named_act(word: str, gloss: str) -> str | None:
    """The noun a term uses for a dictionary sense of ``word`` that is a state or two verbs of one act, or None:
    适航 "to be airworthy" → airworthiness, 审批 "to examine and approve" → approval (the act is named by its
    outcome).

    >>> named_act("适航", "airworthy"), named_act("审批", "examine and approve"), named_act("大豆", "soybean")
    ('airworthiness', 'approval', None)
    """
    if kinds.is_state_sense(word, gloss):
        return english.quality_noun(gloss)
    pair = gloss.split(" and ")
    if len(pair) == 2 and " " not in pair[1] and kinds.is_verb_only(word, gloss):
        noun = english.action_noun(pair[1])
        return noun if noun != pair[1] else None
    return None


def verb_object(piece: str, gloss: str) -> tuple[str, str] | None:
    """(verb, object) when ``gloss`` is a verb sense of ``piece`` that names its object ("smelt metal" of
    冶炼), else None: the act is then named by the verb's noun (smelting).

    >>> verb_object("冶炼", "smelt metal"), verb_object("分离", "separate")
    (('smelt', 'metal'), None)
    """
    words = gloss.split()
    if (
        len(words) != 2
        or words[1] in PARTICLES
        or words[1] in _NO_OBJECT
        or not words[1].isalpha()
        or not kinds.is_verb_only(piece, gloss)
    ):
        return None
    verb, obj = words
    if english.frequency(verb) >= _VO_VERB_MAX or obj.endswith("ly") or english.frequency(obj + "ly") >= 1e-7:
        # a verb as common as "argue" or "reach" says little without its object (达成协议 "reach agreement"
        # is no "reaching"), and "remain silent", "sell cheaply" name no object
        return None
    return verb, obj


def object_act(piece: str, gloss: str) -> str | None:
    """The act a two-character word of a verb and its object names in a term, its object first, when the
    sense says both and the second character alone means the object: 输血 "transfuse blood" → blood transfusion,
    传热 "transmit heat" → heat transmission; else None (冶炼 "smelt metal": 炼 is no metal; 生病 "fall ill":
    a linking verb and no object).

    >>> object_act("输血", "transfuse blood"), object_act("冶炼", "smelt metal"), object_act("分离", "separate")
    ('blood transfusion', None, None)
    """
    words = gloss.split()
    if (
        len(piece) != 2
        or len(words) != 2
        or words[0] in _LIGHT_VERBS
        or words[1] in PARTICLES
        or words[1] in _NO_OBJECT
        or not words[1].isalpha()
        or words[1].endswith(("ly", "ing"))
        or english.looks_adjectival(words[1])
        or not kinds.is_verb_only(piece, gloss)
    ):
        return None
    verb, obj = words
    # the object as the second character's own sense says it, singular as a modifier is (法 "law": 立法 "enact
    # laws" → law enactment)
    own = [
        g for g in dictionary.glosses(piece[1], limit=12) if g.lower() in (obj.lower(), obj.lower().removesuffix("s"))
    ]
    if not own:
        return None
    noun = english.action_noun(verb)
    if noun == verb or (noun.endswith("ing") and english.frequency(verb) >= _VO_VERB_MAX):
        # a verb that is a noun too, or an everyday verb's -ing form (花钱 "spend money"), names no act here
        return None
    return f"{own[0]} {noun}"


def passive_act(piece: str, gloss: str) -> str | None:
    """The act a sense "to be …ed" names, as a noun (中毒 "to be poisoned" → poisoning, 获批 "to be
    approved" → approval), or None: a term names the act, not its outcome.

    >>> passive_act("获批", "approved"), passive_act("先进", "advanced")
    ('approval', None)
    """
    if " " in gloss or not gloss.endswith("ed"):
        return None
    if not any(s.startswith("to be ") and clean_gloss(s) == gloss for e in dictionary.lookup(piece) for s in e.senses):
        return None  # (先进 "advanced" is a quality, no act)
    stem = gloss[:-2]
    for base in (
        stem,
        gloss[:-1],
        stem[:-1] + "y" if stem.endswith("i") else "",
        stem[:-1] if stem[-1:] == stem[-2:-1] else "",
    ):
        if base and kinds.is_english_verb(base):
            return english.action_noun(base)
    return None


#: verbs that link or stand in for another verb ("become aware", "fall ill", "make tea"): no act of their own
_LIGHT_VERBS = frozenset(
    {
        "be",
        "become",
        "get",
        "go",
        "come",
        "fall",
        "feel",
        "make",
        "take",
        "give",
        "have",
        "do",
        "keep",
        "hold",
        "lose",
        "act",
    }
)


#: words after a verb that are not its object ("lag behind", "regard as", "mock oneself")
_NO_OBJECT = frozenset({"as", "behind", "oneself", "himself", "herself", "itself", "themselves", "one", "it"})


#: a verb at least this frequent in English (argue, reach, sell) does not name an act without its object
_VO_VERB_MAX = 3e-5


def is_phrasal(gloss: str) -> bool:
    """True when ``gloss`` is one verb, or a verb and its particles ("trace back to"), not a verb phrase."""
    words = gloss.split()
    return all(w in PARTICLES for w in words[1:])


#: words that follow a verb in an English phrasal verb ("trace back to", "set up")
PARTICLES = frozenset(
    {"back", "to", "up", "out", "off", "down", "on", "in", "over", "from", "away", "with", "for", "at", "into", "about"}
)


def term_nouns(term: str, gloss: str) -> list[str]:
    """The noun a term names for a dictionary sense that is a verb or a state, if it differs.

    >>> term_nouns("分离", "separate"), term_nouns("管制", "control"), term_nouns("适航", "airworthy")
    (['separation'], [], ['airworthiness'])
    >>> term_nouns("冶炼", "smelt metal")
    ['smelting']
    """
    passive = passive_act(term, gloss)
    if passive:
        return [passive]  # 中毒 "to be poisoned" → poisoning
    if kinds.is_state_sense(term, gloss) or " and " in gloss:
        # a state, or two verbs of one act (审批 → approval); any other sense with "and" names no act
        named = named_act(term, gloss)
        if named and named.endswith("ing") and english.frequency(gloss.split()[-1]) >= _EVERYDAY_VERB:
            return []  # (as below: no everyday verb's -ing form)
        return [named] if named else []
    # a verb and its object name the act: the object first where the second character says it (输血
    # "transfuse blood" → blood transfusion), and the verb's noun (冶炼 "smelt metal" → smelting)
    acts = [a for a in [object_act(term, gloss)] if a]
    vo = verb_object(term, gloss)
    if vo:
        noun = english.action_noun(vo[0])
        return acts + ([noun] if noun != vo[0] else [])
    return acts if acts else _verb_nouns(term, gloss)


def _verb_nouns(term: str, gloss: str) -> list[str]:
    """The noun of a verb sense that names no object of its own (see :func:`term_nouns`)."""
    if not kinds.is_verb_only(term, gloss):
        return []
    words = gloss.split()
    if (
        len(words) == 2
        and words[1] not in PARTICLES
        and kinds.is_english_verb(words[1])
        and english.action_noun(words[0]) == words[0]
    ):
        # a verb after the word that qualifies it names its act as a noun after that word (批量生产 "mass
        # produce" → mass production), where English derives one
        noun = english.action_noun(words[1])
        return [f"{words[0]} {noun}"] if noun != words[1] and not noun.endswith("ing") else []
    if not is_phrasal(gloss):
        return []
    verb = words[0]
    noun = english.action_noun(verb)
    if noun.endswith("ing") and english.frequency(verb) >= _EVERYDAY_VERB:
        return []  # an everyday verb's -ing form is no term (使用 "use" is not "using")
    return [noun] if noun != verb else []


#: English verbs this common (use, build, make) are nouns too or too general for their -ing form to name a term
_EVERYDAY_VERB = 1e-4
