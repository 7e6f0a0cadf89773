"""Word-by-word English of a term from its words' dictionary senses (:func:`literal`): each word's likeliest
renderings where it stands, pieces that English says as one (a number and "type", a word and the quality suffix
after it, two words sharing a character), and the combinations English word pairs support, best first.

>>> literal("水泥生产线")[0]
'cement production line'
"""

from __future__ import annotations

import os
import re
import unicodedata

from ..mining.filters import elements
from . import choice, dictionary, edges, english, kinds
from .acts import verb_object
from .names import _unknown_words, has_unknown_name, looks_transliterated
from .options import piece_options as _piece_options
from .options import scored_options as _scored_options
from .pieces import loose
from .pieces import parts as _parts
from .pieces import readings as _readings
from .senses import _FUNCTION_WORDS, _join, _paired_modifiers, _quality_of


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


def literal(term: str, limit: int = 3) -> list[str]:
    """Word-by-word renderings from dictionary senses, best first (may be empty).

    A compound of verbs is read as a process ("separation and …").
    """
    parts, paired = _composable(term)
    if not parts:
        return []
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
    _join_pieces(parts, readings, options)
    if any(not o for o in options):
        return []
    _merge_overlaps(parts, readings, options)
    out = _process(term, parts, readings)
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


def _composable(term: str) -> tuple[list[str], dict[str, str]]:
    """``term``'s words and the modifiers paired in it (:func:`~glossary.align.senses._paired_modifiers`), or no
    words where a word-by-word reading would guess: a name, mostly loose characters, a word the dictionary lacks."""
    parts = _parts(term)
    if len(parts) == 1 and len(term) > 2 and not term.isascii():
        parts = dictionary.segment(term, max_len=len(term) - 1)  # a headword: also read it by its parts
    if len(parts) < 2 or looks_transliterated(term) or kinds.is_proper(term):
        return [], {}  # a name is not translated word by word (新华社 is not "Xinhua society")
    el = elements()
    parts, paired = _paired_modifiers(parts)
    # a loose character guesses, unless it is an element or the first one and a prefix (原 + 棉 "raw cotton")
    singles = sum(1 for i, p in enumerate(parts) if loose(p, el) and not (i == 0 and edges.prefix_sense(p)))
    if singles * 2 > len(parts):
        # mostly loose characters: their glosses guess (a guess such as "choose smelt" for two), so say nothing
        return [], {}
    if has_unknown_name(term):
        # a word of three or more characters the dictionary lacks is a name: 海力士 is no "sea strong man"
        return [], {}
    if _unknown_word(term, parts):
        return [], {}  # 串级 (cascade) is a word the dictionary lacks: its characters' senses guess ("skewer level")
    return parts, paired


def _join_pieces(parts: list[str], readings: list[str | None], options: list[list[str]]) -> None:
    """Say as one what English says as one, in place: a number and the character that says "type", a word and
    the quality suffix after it; leave out what English says by word order (性, 式, 的)."""
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


def _merge_overlaps(parts: list[str], readings: list[str | None], options: list[list[str]]) -> None:
    """Two words sharing a character said as one (液晶 + 体), and a verb kept a verb after "hard to", in place."""
    for i in range(len(parts) - 1, 0, -1):
        merged = _overlap(parts[i - 1], parts[i], final=i == len(parts) - 1)
        if merged:
            options[i - 1 : i + 1] = [[merged]]
    if len(options) > 1 and options[-2][0].endswith(" to"):
        # after "hard to" a verb stays a verb: 难以实现 "hard to achieve"
        options[-1] = dictionary.ranked_glosses(parts[-1], limit=2, reading=readings[-1])


def _process(term: str, parts: list[str], readings: list[str | None]) -> list[str]:
    """A compound of verbs read as a process, its acts joined by "and" ("smelting and separation"), where English
    names each by a noun of its own; else nothing."""
    out = []
    verbs = [kinds.verb_sense(p, r) if len(p) > 1 else None for p, r in zip(parts, readings)]
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


def _says_kind(char: str) -> bool:
    """True for a character English says by word order after a modifier: an adjective suffix (性) or a "type" (类)."""
    return kinds.names_a_type(char) or kinds.is_adjective_suffix(char)
