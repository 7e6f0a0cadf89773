"""What general resources say of a word, for the termhood features (:mod:`glossary.mining.features`): how often a
character builds words at their start or end (CC-CEDICT's compounds), and the register of a word's English (a rare
English word or a field label in its senses is a technical sense; "idiom" a figure of speech).

>>> gloss_register("大豆")[1:], gloss_register("其重")
((False, False), None)
>>> english_zipf("dysprosium") < english_zipf("soybean") < english_zipf("government")
True
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from . import cedict
from .filters import english_frequencies

if TYPE_CHECKING:  # pragma: no cover
    from ..table import Table


@lru_cache(maxsize=1)
def affixes() -> tuple[dict[str, float], dict[str, float]]:
    """For each character, the share of CC-CEDICT's words of two or more characters holding it that begin
    with it (a prefix: 反, 非) and that end with it (a suffix: 药, 债, 率): how often a lone character at a
    candidate's edge builds words rather than being a fragment of the next word. Cached on disk: it reads
    every headword."""
    from ..cache import cached

    def build() -> tuple[dict[str, float], dict[str, float]]:
        first: dict[str, int] = {}
        last: dict[str, int] = {}
        seen: dict[str, int] = {}
        for w in cedict.headwords():
            if len(w) < 2:
                continue
            first[w[0]] = first.get(w[0], 0) + 1
            last[w[-1]] = last.get(w[-1], 0) + 1
            for c in set(w):
                seen[c] = seen.get(c, 0) + 1
        return (
            {c: first.get(c, 0) / (n + 5) for c, n in seen.items()},
            {c: last.get(c, 0) / (n + 5) for c, n in seen.items()},
        )

    return cached("cedict-affixes", cedict.source_key(cedict.source()), build, depends=(cedict,))


#: CC-CEDICT's labels of a specialised sense: "(chemistry)", "(finance)", "(medicine)" …
FIELD_LABELS = frozenset(
    [
        "chemistry",
        "medicine",
        "physics",
        "geology",
        "law",
        "finance",
        "financial",
        "economics",
        "computing",
        "biology",
        "anatomy",
        "electronics",
        "mechanics",
        "mining",
        "statistics",
        "biochemistry",
        "pharmacology",
        "engineering",
        "mathematics",
        "math",
        "botany",
        "zoology",
        "genetics",
        "astronomy",
        "meteorology",
        "linguistics",
        "military",
        "electricity",
        "accounting",
        "business",
        "trade",
        "stock",
    ]
)
_LABEL = re.compile(r"\((?:[a-z]+ )?([a-z]+)\)")
ENGLISH_WORD = re.compile(r"[A-Za-z]+")
#: words of a gloss that say nothing of its register
_GLOSS_STOP = frozenset(
    [
        "to",
        "of",
        "the",
        "a",
        "an",
        "and",
        "or",
        "in",
        "on",
        "for",
        "by",
        "with",
        "sb",
        "sth",
        "etc",
        "as",
        "at",
        "from",
        "is",
        "be",
        "one's",
    ]
)


def english_zipf(word: str) -> float:
    """Zipf frequency of an English word (log10 per billion words; 0 when unlisted)."""
    f = english_frequencies().get(word.lower(), 0.0)
    return math.log10(f * 1e9) if f > 0 else 0.0


def has_field_label(sense: str) -> bool:
    """Whether a CC-CEDICT sense carries a field's label.

    >>> has_field_label("processor register (computing)"), has_field_label("to register (in a hotel)")
    (True, False)
    """
    return bool(set(_LABEL.findall(sense)) & FIELD_LABELS)


def gloss_register(word: str) -> tuple[float, bool, bool] | None:
    """What CC-CEDICT's entry of ``word`` says of its register: the Zipf frequency of the rarest English word
    of its first sense (rare English — "bioequivalence", "dysprosium" — is a technical sense), whether a
    sense carries a field label, whether it is an idiom; None when the dictionary lacks the word.

    Worked out once for every headword and kept in the cache folder: a large corpus's candidates have a hundred
    thousand distinct words, and working each out took half the time of measuring what they say."""
    found = _registers().get(word)
    return None if found is None else (found[0], found[1], found[2])


#: headwords read one at a time before the whole table is loaded
REGISTERS_WHOLE_AFTER = 4_000


@lru_cache(maxsize=1)
def _registers() -> Table:
    from importlib.metadata import version

    from ..cache import cached_table

    key = f"{cedict.source_key(cedict.source())}-wordfreq-{version('wordfreq')}"
    return cached_table("cedict-registers", key, _build_registers, whole_after=REGISTERS_WHOLE_AFTER)


def _build_registers() -> dict[str, tuple[float, bool, bool]]:
    return {word: _register(rows) for word, rows in cedict.load().items() if rows}


def _register(rows: str) -> tuple[float, bool, bool]:
    senses = cedict.raw_senses(rows)
    first = next((s for s in senses if not s.startswith(("CL:", "surname", "variant of", "old variant"))), "")
    first = first.split(";")[0]  # newer editions group a sense's synonyms: "battery; electric cell"
    words = [w for w in ENGLISH_WORD.findall(re.sub(r"\(.*?\)|\[.*?\]", " ", first)) if w.lower() not in _GLOSS_STOP]
    rarity = min((english_zipf(w) for w in words), default=0.0)
    labels = set(_LABEL.findall(rows))
    return rarity, bool(labels & FIELD_LABELS), "idiom" in labels
