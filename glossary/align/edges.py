"""What a character or a word says at the edge of a longer word, read from CC-CEDICT's compounds: a character's
prefix sense (多 "multi-"), its head sense as a suffix (量 "quantity"), whether it makes a quality noun (性, 度),
and the form a word takes before a noun in the dictionary's compounds (国防 "defense").

CC-CEDICT is © MDBG and contributors, CC BY-SA 4.0.

>>> prefix_sense("多"), suffix_sense("量")
('multi-', 'quantity')
"""

from __future__ import annotations

import os
import re
from collections import Counter
from functools import lru_cache

from ..cache import cached
from ..mining.cedict import headwords, source, source_key
from .dictionary import compound_index, glosses


@lru_cache(maxsize=2)
def _by_char(last: bool) -> dict[str, list[str]]:
    """Character -> headwords of three or more characters that are it and a common word, the character
    first (新 + 能源) or ``last`` (概念 + 股); beside a name they do not count (原 + 苏联 "former Soviet Union").
    Cached on disk: counting them over CC-CEDICT costs 0.2 s a run."""
    name = "cedict-last-char" if last else "cedict-first-char"
    return cached(name, source_key(source()), lambda: _build_by_char(last), depends=(headwords,))


def _build_by_char(last: bool) -> dict[str, list[str]]:
    words = headwords()
    idx: dict[str, list[str]] = {}
    for h in words:
        if len(h) >= 3:
            char, rest = (h[-1], h[:-1]) if last else (h[0], h[1:])
            if rest in words and not words[rest]:
                idx.setdefault(char, []).append(h)
    return idx


@lru_cache(maxsize=8192)  # (prefix_sense and leading_sense count the same words)
def _sense_counts(char: str, last: bool, limit: int) -> tuple[dict[str, int], list[str]]:
    """How many of the words ``char`` begins (or ends, ``last``) begin (end) their English with each of its
    senses; and those words."""
    senses = [g for g in glosses(char, limit=limit) if g[:1].islower()]
    words = _by_char(last).get(char, [])
    counts = {g: 0 for g in senses}
    for w in words:
        first = (glosses(w, limit=1) or [""])[0].lower()
        for g in senses:
            if last:
                hit = first.endswith(" " + g.lower()) or first.endswith(" " + g.lower() + "s")
            elif g.endswith("-"):
                hit = first.startswith(g[:-1].lower())  # a bound prefix: 多 "multi-" in multimedia, multi-platform
            else:
                hit = first.startswith((g.lower() + " ", g.lower() + "-"))  # single room, single-celled
            if hit:
                counts[g] += 1
                break
    return counts, words


@lru_cache(maxsize=4096)
def suffix_sense(char: str) -> str | None:
    """The sense a character has as the head of words, when its compounds agree: their English ends with it
    (出口量 "export volume"? the compounds of 量 end in "quantity" more than in "measure" or "capacity"), or None.

    >>> suffix_sense("量"), suffix_sense("部"), suffix_sense("的")
    ('quantity', 'department', None)
    """
    counts, words = _sense_counts(char, last=True, limit=8)
    if not counts or len(words) < _PREFIX_MIN:
        return None
    best = max(counts, key=counts.__getitem__)
    # (only a sense of its own: the words ending in 套 end in "condom" five times in eight, which says more
    # about the dictionary than about 套)
    return best if counts[best] >= 3 and counts[best] >= _PREFIX_SHARE * sum(counts.values()) else None


_NOMINAL = re.compile(r"^(?:degree of .+|[a-z]+(?:ity|ness|ion|ance|ence|ancy|ency|cy|ure|th|ship))$")


def is_nominal(gloss: str) -> bool:
    """True when ``gloss`` is a noun of a quality or act by its ending, or "degree of …" (solubility,
    brightness, compliance, degree of support).

    >>> is_nominal("compliance"), is_nominal("fact")
    (True, False)
    """
    return bool(_NOMINAL.match(gloss))


@lru_cache(maxsize=1024)
def is_quality_suffix(char: str) -> bool:
    """True when the words ``char`` ends are mostly the noun of the quality or act of the word before it, as
    the dictionary's compounds say (度: 倾斜度 inclination, 溶解度 solubility, 支持度 "degree of support";
    性: 一致性 consistency, 伸缩性 flexibility): 依赖度 is "dependence", not "depending measure".

    >>> is_quality_suffix("度"), is_quality_suffix("性"), is_quality_suffix("量"), is_quality_suffix("化")
    (True, True, False, False)
    """
    if len(char) != 1 or any(g.startswith("-") for g in glosses(char)):
        return False  # (a suffix sense of its own, "-ize" of 化, is attached to the word before it)
    firsts = [(glosses(w, limit=1) or [""])[0] for w in _by_char(True).get(char, [])]
    return len(firsts) >= 5 and sum(is_nominal(f) for f in firsts) >= _QUALITY_SHARE * len(firsts)


#: the share of a character's compounds that must be nouns of a quality or act (度 0.62, 性 0.42; 力 0.36, 量 0.08)
_QUALITY_SHARE = 0.4


@lru_cache(maxsize=8192)
def compound_form(word: str, sense: str) -> str:
    """The form ``sense`` of ``word`` takes at the start of the words built on it, when the dictionary's
    compounds say so: 国防 "national defense" begins 国防预算 "defense budget",
    国防工厂 "defense plant" — before a noun it is "defense"; 战略 "strategy" begins them as "strategic".
    Else ``sense``.

    >>> compound_form("国防", "national defense"), compound_form("钢铁", "steel"), compound_form("战略", "strategy")
    ('defense', 'steel', 'strategic')
    """
    words = sense.lower().split()
    heads = headwords()
    cased = [(glosses(h, limit=1) or [""])[0] for h in _by_first_word(word) if h[len(word) :] in heads]
    firsts = [f.lower() for f in cased]
    full = sum(f.startswith(sense.lower() + " ") for f in firsts)
    for k in range(1, len(words)):
        tail = " ".join(words[k:])
        n = sum(f.startswith(tail + " ") for f in firsts)
        if n >= 2 and n > full:
            return " ".join(sense.split()[k:])
    # another form of the sense's last word that most of them begin with: 战略 "strategy" → strategic
    # (战略伙伴 strategic partner), 技术 → technical, 化学 → chemical
    starts = Counter(f.split(" ")[0] for f in firsts if f)
    if starts:
        form, n = starts.most_common(1)[0]
        last = words[-1]
        related = len(os.path.commonprefix([form, last])) >= max(5, min(len(form), len(last)) - 4)
        # or another sense of the word itself: 安全 "secure; security; safe; safety" begins its compounds as
        # "safety" (safety valve, safety net): 安全风险 is a safety risk, no "secure risk"
        own = form in {g.lower() for g in glosses(word) if " " not in g}
        if (related or own) and form != last and n >= 3 and n > starts[last]:
            # as the dictionary writes it most often (European, not "european")
            written = Counter(c.split(" ")[0] for c in cased if c.split(" ")[0].lower() == form).most_common(1)[0][0]
            return written if own and not related else " ".join(sense.split()[:-1] + [written])
    return sense


def _by_first_word(word: str) -> list[str]:
    """Headwords that begin with ``word`` and are longer (国防 → 国防预算, 国防工厂, …)."""
    return [h for h in compound_index().get(word, []) if h.startswith(word)] if len(word) > 1 else []


#: a character is a prefix when this share of the words it starts begins with one of its senses, in at
#: least this many words (新 "new" 0.43 of 49, 高 "high" 0.46; 海 "sea" 0.11, 大 "big" 0.13)
_PREFIX_SHARE, _PREFIX_MIN = 0.3, 5


@lru_cache(maxsize=4096)
def prefix_sense(char: str) -> str | None:
    """The sense a character has as a prefix of words, when it is one: its English begins the English of
    the words it starts (新 + 材料 "new material"), or None.

    >>> prefix_sense("新"), prefix_sense("海")
    ('new', None)
    """
    counts, words = _sense_counts(char, last=False, limit=6)
    if not counts or len(words) < _PREFIX_MIN:
        return None
    best = max(counts, key=counts.__getitem__)
    return best if sum(counts.values()) >= _PREFIX_SHARE * len(words) else None


@lru_cache(maxsize=4096)
def leading_sense(char: str) -> str | None:
    """The sense a character most often has at the start of words, when at least three words begin their
    English with it, though too few of all its words for :func:`prefix_sense` (中 "middle": 中世纪, 中西部,
    中量级 …, among many 中国 words). Beside a prefix it is one of two modifiers (中 + 重 + a noun).

    >>> leading_sense("中"), leading_sense("粗")
    ('middle', None)
    """
    counts, _ = _sense_counts(char, last=False, limit=6)
    best = max(counts, key=counts.__getitem__) if counts else None
    return best if best and counts[best] >= 3 else None
