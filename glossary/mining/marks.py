"""What a writer marks as a name or a term, counted beside the runs of words: a title in 《》, a span in quotation
marks that ends in a term head, a Latin name with its Chinese name in brackets after it, and the Chinese words an
English gloss in brackets follows (高精度釉料（HPG）, 中国食品、饮料和烟草协会（…）).

>>> from glossary.models import Document
>>> from glossary.mining.candidates import Miner
>>> m = Miner()
>>> m.add(Document("a.txt", "某国通过《釉料与瓷砖法案》，限制高精度釉料（HPG）出口。", "utf-8"))
>>> "釉料与瓷砖法案" in m.titles, m.count["高精度釉料"] >= 1
(True, True)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ..normalise.hanzi import HAN, HAN_CLASS, LATIN_CLASS
from . import cedict
from .evidence import split_gloss
from .filters import NAME_HEADS, term_head
from .ngrams import MAX_CHARS

if TYPE_CHECKING:  # pragma: no cover
    from .candidates import Miner

#: a title in 《》
_TITLE = re.compile(r"《([^《》\n]{2,60})》")
#: a span in quotation marks, without punctuation inside (“菜篮子工程”)
_QUOTED = re.compile(r"[“「『‘]([^“”「」『』‘’，,。；;：:！!？?、\s]{3,16})[”」』’]")
#: a Latin name, then its Chinese name in brackets; the name starts where no Latin letter stands before it (not at
#: ``\b``, which sees no edge between a Hanzi and a letter: 报道称Apple Inc（…） gave "Inc")
_HAN_AFTER = re.compile(
    rf"(?<![{LATIN_CLASS}0-9.&'+\-])([A-Z\u00c0-\u00d6\u00d8-\u00de][{LATIN_CLASS}0-9.&'+\-]*(?: [{LATIN_CLASS}0-9.&'+\-]+){{0,6}})\s*[（(]([{HAN_CLASS}·]{{2,20}})[)）]"
)
#: an acronym in a gloss: capitals only, one per word it abbreviates (HPG, DRAM, KPI)
_ACRONYM = re.compile(r"[A-Z]{3,5}")
_LATIN_AFTER = re.compile(rf"[（(]\s*([{LATIN_CLASS}][{LATIN_CLASS}0-9 .,，&'+/\-]{{1,60}}?)\s*[)）]")
#: the marks that close a title or a quotation, and the mark that opens each
_CLOSING = {"》": "《", "”": "“", "」": "「", "』": "『", "’": "‘"}
#: how far back a title's opening mark is looked for (a title is up to 60 characters, as :data:`_TITLE` reads)
_TITLE_REACH = 62
#: the marks that end a clause (a character class's contents)
CLAUSE_MARKS = r"，,。；;：:！!？?\s“”「」《》()（）"
_CLAUSE_BREAK = re.compile(f"[{CLAUSE_MARKS}]")
#: what ends an item of a list and what may not stand inside one: the enumeration comma, 等 and the
#: coordinators, and punctuation
_NOT_ITEM = "、等和及与，,。；;：:！!？?\\s“”「」『』《》()（）"
#: an item of a list written with the enumeration comma: after one and up to the next, or to 等, 和, 及 or 与
#: (硫酸锌 and 氯化钠 of 硫酸铜、硫酸锌、氯化钠和氯化钾; the first item, after a clause's start, is as often the tail
#: of a clause)
_LIST_ITEM = re.compile(rf"(?<=、)([^{_NOT_ITEM}]{{1,{MAX_CHARS}}})(?=[、等和及与])")
#: a span in quotation marks, whatever it ends in (the feature lets the model weigh slogans against terms)
_IN_QUOTES = re.compile(rf"[“「『‘]([^{_NOT_ITEM}]{{2,{MAX_CHARS}}})[”」』’]")
#: a short span in brackets (an abbreviation, a code, a name's other form), and the span right before one
_IN_BRACKETS = re.compile(rf"[（(]([^{_NOT_ITEM}]{{2,12}})[)）]")
#: a short span in brackets that a name may stand before (an abbreviation, maybe said as one: 简称…)
_SHORT_BRACKETS = re.compile(rf"[（(](?:简称|下称|以下简称)?[^{_NOT_ITEM}]{{2,12}}[)）]")
#: the span right before one, as a pattern; it is looked for from the brackets back (:func:`before_brackets`), as
#: a pattern tried at every character cost two thirds of what a text's marks cost
_BEFORE_BRACKETS = re.compile(rf"([^{_NOT_ITEM}]{{2,{MAX_CHARS}}})(?={_SHORT_BRACKETS.pattern})")
_TRAILING_RUN = re.compile(rf"[^{_NOT_ITEM}]*$")


def before_brackets(text: str) -> Iterator[str]:
    """What :data:`_BEFORE_BRACKETS` finds in ``text``, in order: the run of characters that may stand in a list's
    item (at most :data:`~glossary.mining.ngrams.MAX_CHARS`, two or more) right before each short span in brackets.
    A run never holds a bracket, so each bracket has its own, and only the last characters of a long run can end
    at the bracket.

    >>> list(before_brackets("据中国食品协会（简称中食协）和某委员会（ABC）报道"))
    ['据中国食品协会', '某委员会']
    """
    for m in _SHORT_BRACKETS.finditer(text):
        run = _TRAILING_RUN.search(text, max(0, m.start() - MAX_CHARS), m.start())
        if run is not None and len(run.group()) >= 2:
            yield run.group()


def _groups(pattern: re.Pattern[str]) -> Callable[[str], Iterator[str]]:
    """The first group of each of ``pattern``'s matches in a text."""
    return lambda text: (m.group(1) for m in pattern.finditer(text))


#: the ways a writer sets a span off, each counted on :attr:`Miner.marked` under its name: what finds the spans
MARKS: dict[str, tuple[Callable[[str], Iterator[str]], ...]] = {
    "listed": (_groups(_LIST_ITEM),),
    "in_quotes": (_groups(_IN_QUOTES),),
    "bracketed": (_groups(_IN_BRACKETS), before_brackets),
}


def count_marks(miner: Miner, simp: str, local: Counter[str]) -> None:
    """Count into ``local`` (one document's counts) the spans ``simp`` (its Simplified text) marks as names or
    terms, and note on ``miner`` which were marked how (its titles, quoted, glossed and glossed names, and how
    often a candidate is set off: :func:`count_set_off`)."""
    count_set_off(miner, simp, local)
    titles = Counter(m.group(1).strip() for m in _TITLE.finditer(simp))
    for title, n in titles.items():
        # a title may also have been counted as a run of words: take the larger count, not both
        local[title] = max(local[title], n)
        miner.titles.add(title)
        miner.note_words(title, (title,))
    quoted = Counter(m.group(1) for m in _QUOTED.finditer(simp))
    for q, n in quoted.items():
        # quotation marks set off slogans, idioms and irony as often as terms; a quoted span that
        # ends in a term head (…机制, …协议, …俱乐部) is a term the writer names as one
        pairs = miner._pairs(q)
        if HAN.search(q) and term_head(q) and all(miner._unit[p] != "\x00" for p in pairs):
            # (and no word inside that would cut a chunk: “从农田到餐桌” is a slogan)
            local[q] = max(local[q], n)
            miner.quoted.add(q)
            miner.note_words(q, [w for w, _ in pairs])
    for m in _HAN_AFTER.finditer(simp):
        # a Latin name with its Chinese name in brackets after it: Archer Daniels Midland（阿彻丹尼尔斯米德兰）
        miner.glossed.setdefault(m.group(2), Counter())[m.group(1).strip()] += 1
    for m in _LATIN_AFTER.finditer(simp):
        before = glossed_span(miner, simp, m.start())
        glosses = split_gloss(m.group(1).strip())
        if before and glosses:
            spelled = acronym_words(miner, before, glosses[-1])
            named = "".join(spelled)
            listed_name = "、" in before and before.endswith(NAME_HEADS)
            for gloss in glosses:
                # (an acronym glosses the words it spells, not the clause they end: 船舶需满足国际海事组织（IMO）)
                miner.glossed.setdefault(before if listed_name or not named else named, Counter())[gloss] += 1
            if len(spelled) > 1:
                # an acronym names the words it spells: 高精度釉料（HPG）, not 釉料 (one word is a candidate already)
                local[named] = max(local[named], 1)
                miner.note_words(named, spelled)
            if listed_name:
                # a name with a list inside (中国食品、饮料和烟草协会), which the enumeration comma would
                # otherwise cut: the English after it vouches for it as one name
                local[before] += 1
                miner.glossed_names.add(before)
                miner.note_words(before, (before,))


def count_set_off(miner: Miner, simp: str, local: Counter[str]) -> None:
    """Count on ``miner.marked`` the occurrences of ``local``'s candidates that the writer sets off (:data:`MARKS`):
    as an item of a list written with the enumeration comma (硫酸铜、硫酸锌和氯化钠: a writer lists things of one
    kind, and the things a field lists are its terms, seen once or not; a clause is cut by a full comma, not by
    this one), in quotation marks, in brackets or right before them (a name and its abbreviation).

    >>> from glossary.models import Document
    >>> from glossary.mining.candidates import Miner
    >>> m = Miner()
    >>> m.add(Document("a.txt", "硫酸铜、硫酸锌、氯化钠和氯化钾等化工产品（化学品）。", "utf-8"))
    >>> m.marked["listed"]["硫酸锌"], m.marked["listed"]["氯化钠"], m.marked["listed"]["化工产品"]
    (1, 1, 0)
    >>> m.marked["bracketed"]["化工产品"], m.marked["bracketed"]["化学品"]
    (1, 1)
    """
    for name, finders in MARKS.items():
        found = miner.marked[name]
        for spans in finders:
            for span in spans(simp):
                if span in local:
                    found[span] += 1


def acronym_words(miner: Miner, span: str, gloss: str) -> tuple[str, ...]:
    """The words at the end of ``span`` an acronym gloss abbreviates: back to a function word, a preposition or
    a number, each word standing for as many letters as the initials of a sense CC-CEDICT gives it (国际海事组织
    "International Maritime Organization" for IMO, 能效 "energy efficiency" for the EE of EEDI), else for one
    (高精度 釉料 for HPG, 动态 随机 存取 存储器 for DRAM), and common nouns before them once the letters are
    spent (车间 齿轮箱 检测 规范 for an invented GIS); () when the gloss is no acronym.

    >>> from glossary.mining.candidates import Miner
    >>> m = Miner()
    >>> acronym_words(m, "船舶需满足国际海事组织", "IMO"), acronym_words(m, "产品的能效设计指数", "EEDI")
    (('国际海事组织',), ('能效', '设计', '指数'))
    """
    if not _ACRONYM.fullmatch(gloss):
        return ()
    words: list[str] = []
    left = len(gloss)  # (the letters not yet spelled, at the acronym's start)
    for w, t in reversed(miner._pairs(span)):
        if not HAN.search(w) or miner.cuts((w, t)) or t == "p" or t in _NUMBERS and not cedict.has_word(w):
            break  # (对 + 高精度釉料: the words stop at a function word, a preposition or a number, 17.4 + 万立方米)
        if left == 0 and t != "n":
            break
        words.insert(0, w)
        spelled = max((len(i) for i in sense_initials(w) if gloss[:left].endswith(i)), default=1)
        left = max(0, left - spelled)
    return tuple(words)


#: the tags of numbers and measure words (a word CC-CEDICT lists, such as 首次 "first", may still begin a name)
_NUMBERS = frozenset({"m", "mq", "q"})
#: English words an acronym leaves out ("Food and Drug Administration" is FDA)
_UNSPELLED = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"})


def sense_initials(word: str) -> set[str]:
    """The initials of the content words of each sense CC-CEDICT gives ``word`` (capitals).

    >>> sorted(sense_initials("能效"))
    ['EE']
    """
    rows = cedict.rows(word)
    out = set()
    for sense in cedict.raw_senses(rows) if rows else ():
        wording = _ASIDE.sub(" ", sense).split(";")[0]  # (a sense's first wording, without its asides)
        out.add("".join(w[0] for w in _ENGLISH_WORD.findall(wording) if w.lower() not in _UNSPELLED).upper())
    out.discard("")
    return out


#: what a sense says aside, in brackets: "(biology)", "[ge4]"
_ASIDE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


#: words that introduce the name or the thing after them and are never part of it: an example (如, 例如, 包括), a
#: name (称为, 叫做, 即) or an act's object after a verb of no content of its own (进行 + 试烧, 加以 + 压缩)
INTRODUCERS = frozenset(
    {"如", "例如", "比如", "譬如", "诸如", "包括", "包含", "称为", "称作", "叫做", "叫作", "名为", "简称", "即", "亦即"}
    | {"也就是", "进行", "加以", "予以", "给予", "给以", "开展", "从事", "作出", "做出"}
)


def glossed_span(miner: Miner, simp: str, p: int) -> str:
    """The words right before position ``p`` (an opening bracket), back to the clause's start, the last
    function word or preposition, or the last word of :data:`INTRODUCERS`: "。根据中国食品、饮料和烟草协会(" →
    "中国食品、饮料和烟草协会", "一种称为冷压成型(" → "冷压成型"."""
    while p > 0 and simp[p - 1] == " ":
        p -= 1
    if p > 0 and simp[p - 1] in _CLOSING:
        # a title or a quoted term before the gloss: 《基础设施投资和就业法案》(Infrastructure Investment and Jobs
        # Act), “双循环”（dual circulation）
        reach = _TITLE_REACH if simp[p - 1] == "》" else MAX_CHARS + 2
        start = simp.rfind(_CLOSING[simp[p - 1]], max(0, p - reach), p - 1)
        if start >= 0:
            return simp[start + 1 : p - 1].strip()
    span = _CLAUSE_BREAK.split(simp[max(0, p - MAX_CHARS) : p])[-1]
    pairs = miner._pairs(span) if span else []
    # the words after the last preposition (据 + 中国食品、饮料和烟草协会; 窑厂 + 对 + 高精度釉料) or the last word
    # that introduces what follows (称为 + 冷压成型), without leading function words: what stands before them is
    # no part of the name (a conjunction inside stays: 中国食品、饮料和烟草协会 is one name, as its English gloss says)
    k = max((i + 1 for i, (w, t) in enumerate(pairs) if t == "p" or w in INTRODUCERS), default=0)
    while k < len(pairs) and miner.cuts(pairs[k]):
        k += 1
    return "".join(w for w, _ in pairs[k:])
