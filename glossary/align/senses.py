"""The English of one piece of a term as composition uses it: the noun naming an act or a state, the form of
a modifier, paired modifiers, the noun of a quality, and the joining of the pieces (the noun of an act:
:mod:`glossary.align.acts`).

>>> _as_modifier("冶炼", ["smelt metal"])[0], _coordinated("light", "heavy")
('smelting', 'light and heavy')
"""

from __future__ import annotations

import os
import re

from ..mining.filters import elements
from . import dictionary, edges, english, kinds
from .acts import is_phrasal, named_act, object_act, verb_object


def _title(s: str) -> str:
    small = {"and", "of", "the", "for", "on", "in", "to", "a", "an", "with"}
    words = s.split()
    return " ".join(
        w if (i and w.lower() in small) or w[:1].isupper() else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


_NOUN_SUFFIXES = frozenset({"ment", "tion", "ation", "sion", "ance", "ence", "ing"})


_FUNCTION_WORDS = frozenset({"of", "and", "the", "a", "an", "for", "in", "on", "to"})


def _as_modifier(piece: str, gl: list[str]) -> list[str]:
    """Senses of a word standing before a noun, the form English puts there first.

    A verb names its act (勘探 "explore" → "exploration fund"; a phrasal verb takes -ing: 追溯 "trace back
    to" → "tracing method"; a verb that is a noun too stays: "export control"); a sense the dictionary
    lists as a noun of the verb wins over the verb (管理 "manage, management" → "management system"); an
    adjective formed from a noun sense wins over the noun (经济 → "economic feasibility").
    """
    first = gl[0]
    pair = first.split(" and ")
    if (
        len(pair) == 2
        and all(" " not in v and kinds.is_english_verb(v) for v in pair)
        and kinds.is_verb_sense(piece, first)
    ):
        # two verbs for one act name it by their nouns before a noun: 防治 "prevent and cure" + 法 → Prevention
        # and Cure Law, 审批 "examine and approve" + 程序 → examination and approval procedure
        nouns = " and ".join(english.action_noun(v) for v in pair)
        if nouns != first:
            return [nouns] + gl
    use = next((g for g in gl[:3] if g.endswith(" use") and len(g.split()) == 2), None)
    if use:
        return [use.split()[0]] + gl  # 民用 "civilian use" + 飞机 → "civilian airplane"
    if kinds.is_verb_sense(piece, first):
        listed = _listed_noun(first, gl[1:], piece)
        if listed:
            return [listed] + [g for g in gl if g != listed]
    act = object_act(piece, first)
    if act:
        return [act] + gl  # 输血 "transfuse blood" + 设备 → "blood transfusion equipment"
    vo = verb_object(piece, first)
    if vo:
        return [english.gerund(vo[0])] + gl  # 冶炼 "smelt metal" + 设备 → "smelting equipment"
    if kinds.is_verb_only(piece, first) and is_phrasal(first):
        words = first.split()
        if len(words) > 1:
            return [english.gerund(words[0])] + gl
        noun = english.action_noun(first)
        return [noun] + [g for g in gl if g != noun]
    gl = english.adjective_first(gl)
    *mods, last = gl[0].split()
    own = dictionary.glosses(piece[-1]) if mods and len(piece) > 1 else []
    if last in own:
        # the last character says the last word, and has the adjective of it too: 静电 "static electricity",
        # 电 "electric; electricity" → "static electric field"
        adj = english.adjective_first([last] + [g for g in own if g != last])[0]
        if adj != last:
            gl = [" ".join(mods + [adj])] + gl
    return gl


def _listed_noun(verb: str, senses: list[str], piece: str = "") -> str | None:
    """A sense that is a noun formed from ``verb`` ("management" beside "manage"), if the dictionary lists one;
    with ``piece``, also a sense of it that is no verb and shares the verb's stem (补贴 "subsidize; subsidy").

    >>> _listed_noun("manage", ["management"]), _listed_noun("subsidize", ["subsidy"], "补贴")
    ('management', 'subsidy')
    """
    stem = verb[:-1] if verb.endswith("e") else verb
    derived = english.action_noun(verb)  # (analyze → analysis)
    return next(
        (
            g
            for g in senses
            if (g.startswith(stem) and g[len(stem) :].lstrip("e") in _NOUN_SUFFIXES)
            or (g == derived and g != verb)
            or (
                piece
                and " " not in g
                and len(os.path.commonprefix([g, verb])) >= 5
                and not english.looks_adjectival(g)
                and kinds.is_verb_only(piece, verb)
                and not kinds.is_verb_sense(piece, g)
            )
        ),
        None,
    )


_ADVERB = re.compile(r"(?:ly|^not|^very|^most|^more|^less|^too)$")


def _quality_of(word: str, reading: str | None = None) -> str | None:
    """The noun of the quality or act ``word`` names (a verb's act, an adjective's quality, a noun of a quality
    itself), or None when English has none.

    >>> _quality_of("依赖"), _quality_of("合规"), _quality_of("适航")
    ('dependence', 'compliance', 'airworthiness')
    """
    gl = dictionary.ranked_glosses(word, limit=3, reading=reading)
    if not gl:
        return None
    g = gl[0]
    if kinds.is_state_sense(word, g):
        return named_act(word, g)
    if kinds.is_verb_only(word, g):
        # the first verb sense with a noun of its own (迷惑 "puzzle; confuse" → confusion)
        for verb in (v.split()[0] for v in gl if kinds.is_verb_only(word, v) and is_phrasal(v)):
            noun = english.action_noun(verb)
            if noun != verb and not noun.endswith("ing"):
                return noun
        return None
    if " " in g:
        return None
    # (transparent → transparency; compliance is one already; 事实 "fact" names no quality: no "fact")
    return english.quality_noun(g) or (g if edges.is_nominal(g) else None)


def _coordinated(first: str | None, second: str | None) -> str | None:
    """Two modifiers' senses joined by "and", when they are two modifiers of one noun: not an adverb, which
    qualifies the modifier after it (极低 "extremely low"), nor a bound prefix ("multi-"), nor one sense twice.

    >>> _coordinated("middle", "heavy"), _coordinated("extremely", "low"), _coordinated("negative", "extremely")
    ('middle and heavy', None, None)
    """
    if not first or not second or first == second:
        return None
    if any(_ADVERB.search(x) or x.endswith("-") for x in (first, second)):
        return None
    return f"{first} and {second}"


def _paired_modifiers(parts: list[str]) -> tuple[list[str], dict[str, str]]:
    """Two loose characters before a noun that are each a modifier of it: one a prefix, the other a
    character that begins words with one sense (中 + 重 + 金属 → "middle and heavy metal", as 轻重金属
    is "light and heavy metal"). Returns the parts with each such pair as one, and its English.

    >>> _paired_modifiers(["中", "重", "金属"])
    (['中重', '金属'], {'中重': 'middle and heavy'})
    """
    out: list[str] = []
    paired: dict[str, str] = {}
    el = elements()
    i = 0
    while i < len(parts):
        a, b = parts[i], parts[i + 1] if i + 1 < len(parts) else ""
        if (
            i + 2 < len(parts)
            and len(a) == len(b) == 1
            and not (a + b).isascii()
            and a not in el
            and b not in el
            and (edges.prefix_sense(a) or edges.prefix_sense(b))
        ):
            pair = _coordinated(edges.leading_sense(a), edges.leading_sense(b))
            if pair:
                paired[a + b] = pair
                out.append(a + b)
                i += 2
                continue
        out.append(a)
        i += 1
    return out, paired


def _join(words: tuple[str, ...]) -> str | None:
    """The words of a composition as one phrase; a suffix sense ("-ization" of 化) is attached to the word
    before it when English has the result, else the composition is dropped ("hollow -ization" is no English).

    >>> _join(("soybean", "oil")), _join(("commerce", "-ization")), _join(("hollow", "-ization"))
    ('soybean oil', 'commercialization', None)
    >>> _join(("re-", "open a business")), _join(("health", "health", "bureau"))
    ('re-open a business', 'health bureau')
    """
    out: list[str] = []
    for w in words:
        if w.startswith("-"):
            joined = english.attach_suffix(out.pop(), w) if out else None
            if joined is None:
                return None
            w = joined
        if out and out[-1].endswith("-"):
            w = out.pop() + w  # a prefix sense goes on the next word: 重新 "re-" + 开张 → "re-open a business"
        if out and out[-1].split()[-1].lower() == w.split()[0].lower():
            # two words of one sense say it once: 卫生 "health" + 健康 "health" + 局 is a health bureau
            w = w.partition(" ")[2]
            if not w:
                continue
        out.append(w)
    return None if out and out[-1].endswith("-") else " ".join(out)


def _names_an_act(word: str) -> bool:
    """True when every sense of a word the dictionary has is a verb's (上市 "float (a company)").

    >>> _names_an_act("上市"), _names_an_act("大豆"), _names_an_act("投资")
    (True, False, False)
    """
    senses = dictionary.ranked_glosses(word)
    return bool(senses) and all(kinds.is_verb_only(word, g) for g in senses)
