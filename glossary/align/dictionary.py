"""English from CC-CEDICT (:mod:`glossary.mining.cedict`): entries, glosses cleaned into term form, senses ranked.

CC-CEDICT is © MDBG and contributors, CC BY-SA 4.0.

>>> glosses("大豆")
['soybean']
>>> clean_gloss("abbr. for 中华人民共和国")
''
>>> clean_gloss("to export")
'export'
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..cache import Table, cached, cached_table
from ..mining.cedict import has_word, headwords, load, source, source_key
from ..mining.cedict import prefetch as cedict_prefetch
from ..mining.cedict import rows as cedict_rows
from ..normalise.hanzi import HAN
from .glosses import clean_gloss, is_description, name_only, names_of, referred_sense, with_abbreviation


@dataclass(frozen=True)
class DictEntry:
    """One CC-CEDICT line: Traditional, Simplified, numbered pinyin, raw senses."""

    traditional: str
    simplified: str
    pinyin: str
    senses: tuple[str, ...]


@lru_cache(maxsize=65536)
def _entries(word: str) -> tuple[DictEntry, ...]:
    rows = cedict_rows(word)
    if not rows:
        return ()
    out = []
    for row in rows.split("\n"):
        trad, pinyin, senses = row.split("\t")
        out.append(DictEntry(trad, word, pinyin, tuple(senses.split("/"))))
    return tuple(out)


def lookup(word: str) -> list[DictEntry]:
    """Every CC-CEDICT entry for a Simplified headword (proper nouns first when capitalised pinyin)."""
    return list(_entries(word))


def fold_reading(p: str) -> str:
    """A numbered pinyin reading in lower case with ü written v, as CC-CEDICT's "u:" and pypinyin's "ü" meet.

    >>> fold_reading("Lu:3 ke4")
    'lv3 ke4'
    """
    return p.lower().replace("u:", "v").replace("ü", "v")


def glosses(word: str, limit: int = 8, reading: str | None = None) -> list[str]:
    """Cleaned, de-duplicated English glosses of ``word``, in dictionary order.

    :param reading: numbered pinyin of the word where it occurs (``"zhong4"``): only the
        entries with that reading count, so 重 in 重金属 is "heavy", not "repeat".
    """
    return list(_glosses(word, reading)[:limit])


@lru_cache(maxsize=65536)  # the parts of terms recur (材料 in hundreds of them)
def _glosses(word: str, reading: str | None) -> tuple[str, ...]:  # noqa: C901 (older than the ceiling; split when next reworked)
    out: list[str] = []
    entries = lookup(word)
    if reading:
        # the same reading, and the common word before the proper noun (中 zhong1 "middle", not Zhong1 "China")
        matching = [e for e in entries if e.pinyin == reading] + [
            e for e in entries if e.pinyin != reading and fold_reading(e.pinyin) == fold_reading(reading)
        ]
        entries = matching or entries
    # each reading's first wording of every sense, then the other wordings of each ("trade; profession;
    # industry"): a sense's later synonyms are often the one a term needs (行业 "industry")
    cited: list[str] = []
    for e in entries:
        proper = e.pinyin[:1].isupper()
        rest: list[str] = []
        for s in e.senses:
            # (a word's short form takes the sense written after its reference; a character's does not: 墨 is
            # "ink", and only as an abbreviation Mexico)
            g = clean_gloss(referred_sense(s) or s if len(word) > 1 else s)
            if g and proper:
                g = name_only(g)
            elif not g and proper and HAN.search(s):
                cited.append(name_only(clean_gloss(s.split(",")[0])))
            if proper:
                wordings = names_of(g)
            elif appositive := _APPOSITIVE.match(g):
                # "glycine, an amino acid": the word; what it is explains it, no translation says it
                wordings = [appositive.group(1)]
            else:
                wordings = with_abbreviation(g)
            # "(aka solvent extraction)" in a sense is another wording of it
            wordings += [a for m in _AKA.findall(s) for a in map(clean_gloss, m.split(" or ")) if a and g]
            pair = _PAIR_NAME.match(g)
            if pair and any(x.startswith("abbr. for") for x in e.senses):
                # a short form of a name of two names joined by "and" is said by their initials, as English
                # says such names short (标普, abbr. for 标准普尔 "Standard and Poor" → S&P; so P&G, AT&T)
                wordings.append(f"{pair.group(1)}&{pair.group(2)}")
            for w in wordings:
                if w not in out:
                    out.append(w)
            if g and ";" in s:
                rest.extend(clean_gloss(alt) for alt in s.split(";")[1:])
        # a reading's other wordings before the next reading's senses (率 lǜ "ratio; rate; proportion" before
        # shuài "to lead"): newer editions group a sense's synonyms where older ones listed them as senses
        out.extend(g for g in dict.fromkeys(rest) if g and g not in out)
    if not out:
        # a name whose only senses cite Hanzi after it ("Anhui Province, short name 皖[Wan3], capital Hefei
        # 合肥[He2 fei2]"): the name before them is still its English. (Where a word has other senses, such
        # senses are history's: 韩国 "Han, one of the Seven Warring States 戰國七雄…" is not South Korea.)
        names = [n for g in cited for n in names_of(g)]
        out = [g for i, g in enumerate(names) if g not in names[:i]]
    # a description ("small, poorly-equipped theatrical troupe that tours …") explains a word; an
    # equivalent translates it: equivalents first
    return tuple(sorted(out, key=is_description))


_AKA = re.compile(r"\(aka ([^()]+)\)")

#: a word and, after a comma, what it is ("tyrosine, an amino acid", "maltitol, a sugar alcohol")
_APPOSITIVE = re.compile(r"^([^,]+?(?: [^, ]+){0,2}), an? [^,]+$")

_PAIR_NAME = re.compile(r"^([A-Z])[a-z]+ and ([A-Z])[a-z]+$")


def segment(term: str, max_len: int = 8) -> list[str]:
    """Split ``term`` into dictionary words: the fewest pieces, then the fewest loose characters, then the
    longest words first (unknown characters alone). 中国海关 is 中国 + 海关, not 中国海 "China Seas" + 关.

    >>> segment("大豆供应链"), segment("中国海关")
    (['大豆', '供应链'], ['中国', '海关'])
    """
    return list(_segment(term, max_len))


@lru_cache(maxsize=65536)  # reading, composing and their parts ask for the same terms
def _segment(term: str, max_len: int) -> tuple[str, ...]:
    d = headwords()
    n, max_len = len(term), max(1, max_len)
    # best[i]: (pieces, loose characters, pieces' lengths negated) of the best split of term[i:], and the split
    best: list[tuple[tuple[int, int, tuple[int, ...]], tuple[str, ...]]] = [((0, 0, ()), ())] * (n + 1)
    for i in range(n - 1, -1, -1):
        options = []
        for j in range(min(n, i + max_len), i, -1):
            piece = term[i:j]
            if j - i == 1 or piece in d:
                (pieces, loose, lengths), rest = best[j]
                options.append(((pieces + 1, loose + (j - i == 1), (i - j,) + lengths), (piece,) + rest))
        best[i] = min(options)
    return best[0][1]


#: words whose compounds are looked up one at a time before the whole index is loaded (a query costs about 20
#: microseconds, the index 0.08 s: a small text's terms need a few hundred)
COMPOUNDS_WHOLE_AFTER = 3_000


@lru_cache(maxsize=1)
def _compound_index() -> Table:
    """2- and 3-character word -> longer headwords that contain it."""
    return cached_table(
        "cedict-compounds-table", source_key(source()), _build_compound_index, whole_after=COMPOUNDS_WHOLE_AFTER
    )


def load_compounds() -> None:
    """Hold the whole compound index in memory (before forking workers that will all read it)."""
    _compound_index().load_whole()


def _build_compound_index() -> dict[str, list[str]]:
    idx: dict[str, list[str]] = {}
    for h in load():
        n = len(h)
        if n < 3 or n > 8:
            continue
        for k in (2, 3):
            for i in range(n - k + 1):
                sub = h[i : i + k]
                if sub != h:
                    idx.setdefault(sub, []).append(h)
    return idx


@lru_cache(maxsize=2)
def _by_char(last: bool) -> dict[str, list[str]]:
    """Character -> headwords of three or more characters that are it and a common word, the character
    first (新 + 能源) or ``last`` (概念 + 股); beside a name they do not count (原 + 苏联 "former Soviet Union").
    Cached on disk: counting them over CC-CEDICT costs 0.2 s a run."""
    name = "cedict-last-char" if last else "cedict-first-char"
    return cached(name, source_key(source()), lambda: _build_by_char(last))


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
    国防部 "Defense Department" — before a noun it is "defense"; 战略 "strategy" begins them as "strategic".
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
    """Headwords that begin with ``word`` and are longer (国防 → 国防预算, 国防部, …)."""
    return [h for h in _compound_index().get(word, []) if h.startswith(word)] if len(word) > 1 else []


#: a character is a prefix when this share of the words it starts begins with one of its senses, in at
#: least this many words (新 "new" 0.43 of 49, 高 "high" 0.46; 海 "sea" 0.11, 大 "big" 0.13)
_PREFIX_SHARE, _PREFIX_MIN = 0.3, 5


@lru_cache(maxsize=4096)
def prefix_sense(char: str) -> str | None:
    """The sense a character has as a prefix of words, when it is one: its English begins the English of
    the words it starts (新 + 能源 "new energy"), or None.

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


_STOP_EN = {"a", "an", "the", "of", "to", "and", "or", "in", "on", "for", "with", "be", "one's", "oneself"}


def _stem(word: str) -> str:
    return word[:5] if len(word) > 5 else word


@lru_cache(maxsize=65536)
def _ranked(word: str, reading: str | None) -> tuple[str, ...]:
    return tuple(_rank_glosses(word, reading))


def ranked_glosses(word: str, limit: int = 4, reading: str | None = None) -> list[str]:
    """Glosses of ``word`` ordered by how productive each sense is in the dictionary's compounds.

    A word's sense that recurs in the glosses of longer headwords built on it
    is the one it takes inside terms: 出口 gives "export" (出口商 exporter,
    进出口 import and export) before "exit"; 关键 gives "key" before "crucial point".

    >>> ranked_glosses("出口")[0], ranked_glosses("关键")[0]
    ('export', 'key')
    """
    return list(_ranked(word, reading)[:limit])


def _rank_glosses(word: str, reading: str | None = None) -> list[str]:
    gl = glosses(word, reading=reading)
    if len(gl) < 2:
        return gl
    compounds = _compound_index().get(word, [])
    cedict_prefetch(compounds[:400])
    texts = [" ".join(s.lower() for e in _entries(h) for s in e.senses) for h in compounds[:400]]

    def support(g: str) -> float:
        words = [w for w in re.findall(r"[a-z]+", g.lower()) if w not in _STOP_EN]
        if not words:
            return 0.0
        stems = [_stem(w) for w in words]
        hits = sum(all(s in t for s in stems) for t in texts)
        return hits / len(words) ** 0.5

    scores = [support(g) for g in gl]
    if not any(scores) and len(word) >= 3 and has_word(word[:2]):
        # no compound of the word itself: the words on which its senses differ, in the compounds of its
        # first word (商务部 "Department of Trade; Department of Commerce": 电子商务 is e-commerce)
        common = set.intersection(*(set(re.findall(r"[a-z]+", g.lower())) for g in gl))
        others = _compound_index().get(word[:2], [])[:400]
        cedict_prefetch(others)
        texts = [" ".join(s.lower() for e in _entries(h) for s in e.senses) for h in others]
        scores = [support(" ".join(w for w in re.findall(r"[a-z]+", g.lower()) if w not in common)) for g in gl]
    order = sorted(range(len(gl)), key=lambda i: (-scores[i], i))
    return [gl[i] for i in order]
