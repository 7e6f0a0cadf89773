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

import re
from dataclasses import dataclass
from functools import lru_cache

from ..cache import cached_table
from ..mining.cedict import has_word, headwords, load, source, source_key
from ..mining.cedict import prefetch as cedict_prefetch
from ..mining.cedict import rows as cedict_rows
from ..normalise.hanzi import HAN
from ..table import Table
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
def _glosses(word: str, reading: str | None) -> tuple[str, ...]:
    out: list[str] = []
    # each reading's first wording of every sense, then the other wordings of each ("trade; profession;
    # industry"): a sense's later synonyms are often the one a term needs (行业 "industry")
    cited: list[str] = []
    for e in _of_reading(lookup(word), reading):
        proper = e.pinyin[:1].isupper()
        rest: list[str] = []
        for s in e.senses:
            g, wordings = _wordings(word, s, proper, cited)
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


def _of_reading(entries: list[DictEntry], reading: str | None) -> list[DictEntry]:
    """The entries read as ``reading`` (all where none is), the common word before the proper noun (中 zhong1
    "middle", not Zhong1 "China")."""
    if not reading:
        return entries
    matching = [e for e in entries if e.pinyin == reading] + [
        e for e in entries if e.pinyin != reading and fold_reading(e.pinyin) == fold_reading(reading)
    ]
    return matching or entries


def _wordings(word: str, sense: str, proper: bool, cited: list[str]) -> tuple[str, list[str]]:
    """A sense's cleaned first wording and the wordings it gives ``word``; a proper noun's sense that only cites
    Hanzi adds the name before them to ``cited``."""
    # (a word's short form takes the sense written after its reference; a character's does not: 墨 is
    # "ink", and only as an abbreviation Mexico)
    g = clean_gloss(referred_sense(sense) or sense if len(word) > 1 else sense)
    if g and proper:
        g = name_only(g)
    elif not g and proper and HAN.search(sense):
        cited.append(name_only(clean_gloss(sense.split(",")[0])))
    if proper:
        wordings = names_of(g)
    elif appositive := _APPOSITIVE.match(g):
        # "glycine, an amino acid": the word; what it is explains it, no translation says it
        wordings = [appositive.group(1)]
    else:
        wordings = with_abbreviation(g)
    # "(aka solvent extraction)" in a sense is another wording of it
    wordings += [a for m in _AKA.findall(sense) for a in map(clean_gloss, m.split(" or ")) if a and g]
    return g, wordings


_AKA = re.compile(r"\(aka ([^()]+)\)")

#: a word and, after a comma, what it is ("tyrosine, an amino acid", "maltitol, a sugar alcohol")
_APPOSITIVE = re.compile(r"^([^,]+?(?: [^, ]+){0,2}), an? [^,]+$")


def segment(term: str, max_len: int = 8) -> list[str]:
    """Split ``term`` into dictionary words: the fewest pieces, then the fewest loose characters, then the
    longest words first (unknown characters alone). 中国海军 is 中国 + 海军, not 中国海 "China Seas" + 军.

    >>> segment("大豆供应链"), segment("中国海军")
    (['大豆', '供应链'], ['中国', '海军'])
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
def compound_index() -> Table:
    """2- and 3-character word -> longer headwords that contain it."""
    return cached_table(
        "cedict-compounds-table", source_key(source()), _build_compound_index, whole_after=COMPOUNDS_WHOLE_AFTER
    )


def load_compounds() -> None:
    """Hold the whole compound index in memory (before forking workers that will all read it)."""
    compound_index().load_whole()


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
    compounds = compound_index().get(word, [])
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
        # first word (a ministry's "Department of …; Ministry of …": which of the two the compounds of its first word use)
        common = set.intersection(*(set(re.findall(r"[a-z]+", g.lower())) for g in gl))
        others = compound_index().get(word[:2], [])[:400]
        cedict_prefetch(others)
        texts = [" ".join(s.lower() for e in _entries(h) for s in e.senses) for h in others]
        scores = [support(" ".join(w for w in re.findall(r"[a-z]+", g.lower()) if w not in common)) for g in gl]
    order = sorted(range(len(gl)), key=lambda i: (-scores[i], i))
    return [gl[i] for i in order]
