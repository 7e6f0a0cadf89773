"""What the texts write in brackets after a term, judged: a gloss that names it, an aside that qualifies it (a
platform, a key, a command), or one of several qualifiers. Software messages write all three: 内部错误 (bug),
字符 (MSDOS/Windows), 爱沙尼亚语 (Dvorak), (Sun Type 6/7), (Macintosh); and a manual writes the same aside after
many terms (水平方向 (LibreOffice Draw), 置于顶层 (LibreOffice Draw)): :func:`use_glosses`.

>>> [(e.text, e.confidence) for e in text_glosses(["Dvorak", "Sun Type 6/7", "Macintosh"])][:1]
[('Dvorak', 0.1)]
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence

from ..models import Equivalent

#: a Latin abbreviation in brackets (ISO, WTO): the code a field writes for the term, whatever its letters
_ABBREVIATION = re.compile(r"[A-Z][A-Z0-9&.\-]{1,9}s?")
#: the sources that know the whole term: CC-CEDICT, and the names of languages (CLDR) and regions (ISO 3166-2)
_KNOWS_THE_WHOLE = frozenset({"cedict", "cldr", "iso3166"})
#: where a gloss stands when it is an aside: after the dictionary's first sense (0.8), before its later ones
ASIDE_CONFIDENCE = 0.78


def asides_after_senses(out: list[Equivalent]) -> list[Equivalent]:
    """``out``, changed in place: where a resource knows the whole term (:data:`_KNOWS_THE_WHOLE`) and the English
    in brackets after it shares no word with anything the resources say and is no abbreviation, that English is
    more often an aside than a gloss: a platform, a key, a command or a code name (字符 (MSDOS/Windows), 内部错误
    (bug), 无法创建 (fork) 进程, 罗马尼亚语 (Sun Type 6/7), in software messages). It goes after the resource's
    first English, not before it; an English the resources share a word with stays first, and so does an
    abbreviation whose letters spell one of their English (国际标准化组织（ISO）, 字符 (CHR)): a technical text's
    brackets also hold register names and other codes (内核 (EL1), 代码 (G0)), which spell none.

    >>> out = [Equivalent("bug", "text", 0.9), Equivalent("internal error", "cedict", 0.8)]
    >>> [(e.text, e.confidence) for e in asides_after_senses(out)]
    [('bug', 0.78), ('internal error', 0.8)]
    >>> iso = Equivalent("International Organization for Standardization", "cedict", 0.8)
    >>> asides_after_senses([Equivalent("ISO", "text", 0.9), iso])[0].confidence
    0.9
    >>> asides_after_senses([Equivalent("G0", "text", 0.9), Equivalent("code", "cedict", 0.8)])[0].confidence
    0.78
    """
    if not any(e.source in _KNOWS_THE_WHOLE for e in out):
        return out
    theirs = [e.text for e in out if e.source != "text"]
    said = {w for t in theirs for w in _words(t)}
    for i, e in enumerate(out):
        if e.source != "text":
            continue
        if _ABBREVIATION.fullmatch(e.text):
            aside = not any(spells(e.text, t) for t in theirs)
        else:
            aside = not any(_same_word(w, v) for w in _words(e.text) for v in said)
        if aside:
            out[i] = Equivalent(e.text, e.source, min(e.confidence, ASIDE_CONFIDENCE), e.role)
    return out


def spells(abbreviation: str, english: str) -> bool:
    """Whether an abbreviation's capitals spell ``english`` loosely: the first is a word's initial and the rest
    follow in order in the words from there (ISO, OECD, HP for "hot plugging"; digits and a plural's s aside).

    >>> spells("OECD", "Organisation for Economic Co-operation and Development"), spells("EL1", "kernel")
    (True, False)
    """
    letters = [ch.lower() for ch in abbreviation if ch.isupper()]
    words = _words(english)
    if not letters:
        return False
    for i, w in enumerate(words):
        if w[0] == letters[0]:
            rest = iter("".join(words[i:])[1:])
            if all(ch in rest for ch in letters[1:]):
                return True
    return False


#: the confidence of English in brackets where a term has three unrelated ones (:func:`kinds_of`): below every
#: resource's, as the glosses of 30 terms of Debian's software messages (keyboard layouts, programs) were wrong
QUALIFIER_CONFIDENCE = 0.1


def text_glosses(glosses: Sequence[str]) -> list[Equivalent]:
    """The English the texts write in brackets after a term, as sure as a writer's gloss is (0.9); but three
    unrelated ones are no names of it, rather what it is said of (the keyboard layouts after a language's name in
    software messages, 爱沙尼亚语 (Dvorak), (Sun Type 6/7), (Macintosh)), and nor is one the run writes after many
    terms (:func:`use_glosses`): :data:`QUALIFIER_CONFIDENCE`."""
    sure = 0.9 if kinds_of(glosses) < 3 else QUALIFIER_CONFIDENCE
    return [Equivalent(t, "text", QUALIFIER_CONFIDENCE if t in _SHARED else sure) for t in glosses]


#: the English the run's texts write in brackets after :data:`SHARED_TERMS` terms or more, no one of them a part of
#: another nor all of one ending: what those terms are said of, not a name of each (:func:`use_glosses`)
_SHARED: set[str] = set()
SHARED_TERMS = 3


def use_glosses(glossed: Mapping[str, Iterable[str]]) -> None:
    """Read the run's glosses (term → the English the texts write in brackets after it), in place of the last
    run's: one written after three terms or more, no one of them inside another (a term and the longer ones built
    on it share their gloss) and not all ending alike (日志守护进程 and 远程守护进程 (daemon): the gloss names their
    shared ending), is an aside of a manual (水平方向, 置于顶层, 排列 (LibreOffice Draw); 图像浏览器, 密钥管理工具
    (GNOME)), no gloss of any of them. An annotated corpus of news and reports writes none such.

    >>> use_glosses({"水平方向": ["Widget Draw"], "置于顶层": ["Widget Draw"], "排列": ["Widget Draw", "arrangement"]})
    >>> [(e.text, e.confidence) for e in text_glosses(["Widget Draw", "arrangement"])]
    [('Widget Draw', 0.1), ('arrangement', 0.9)]
    >>> use_glosses({t + "守护进程": ["daemon"] for t in ("日志", "远程", "固件")}); text_glosses(["daemon"])[0].confidence
    0.9
    >>> use_glosses({})
    """
    terms_of: dict[str, set[str]] = {}
    for term, glosses in glossed.items():
        for g in set(glosses):
            terms_of.setdefault(g, set()).add(term)
    _SHARED.clear()
    for g, terms in terms_of.items():
        if len(terms) < SHARED_TERMS:
            continue
        outer = [t for t in terms if not any(t != u and t in u for u in terms)]
        ending = os.path.commonprefix([t[::-1] for t in outer])
        if len(outer) >= SHARED_TERMS and len(ending) < 2:
            _SHARED.add(g)


def kinds_of(glosses: Sequence[str]) -> int:
    """How many unrelated English the texts write in brackets after a term: two are one kind where they share a
    word or one is the other's initials (Widget Control Unit, WCU).

    >>> kinds_of(["Widget Control Unit", "WCU", "widget control units"]), kinds_of(["Dvorak", "Macintosh", "US"])
    (1, 3)
    """
    kinds: list[list[str]] = []
    for g in glosses:
        near = [k for k in kinds if any(_related(g, h) for h in k)]
        merged = [g] + [h for k in near for h in k]
        kinds = [k for k in kinds if k not in near] + [merged]
    return len(kinds)


def _related(a: str, b: str) -> bool:
    if any(_same_word(x, y) for x in _words(a) for y in _words(b)):
        return True
    return any(
        short.isupper() and short.lower() == "".join(w[0] for w in _words(long)) for short, long in ((a, b), (b, a))
    )


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def _same_word(a: str, b: str) -> bool:
    """One word, or one a form of the other (timestamp, timestamping)."""
    return a == b or min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a))
