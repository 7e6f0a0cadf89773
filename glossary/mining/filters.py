"""General-language resources that decide what cannot be a term.

All lists are data files in ``glossary/data`` and hold field-independent
knowledge: function words, chemical elements, heads of technical and
administrative terms, and general-language word frequencies (``wordfreq``).

>>> is_stopword("的"), is_stopword("大豆")
(True, False)
>>> elements()["镝"]
('鏑', 'Dy', 'dysprosium')
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from ..data import elements as read_elements
from ..table import Table
from . import cedict

#: frequency given to words missing from the background list (below its floor)
BG_FLOOR = 1e-8
#: a string the segmenter does not know, listed this often (five times the list's floor) and found in the
#: general dictionary, is a word all the same (入职, 热帖); listed alone, it may be the list's tokenizer
#: making the segmenter's slip (全说, 价涨)
LISTED_WORD = 5e-8


#: endings of names of bodies and laws, which carry their country (美国农业部, 中华人民共和国食品安全法)
NAME_HEADS = ("部", "局", "署", "委员会", "协会", "集团", "公司", "法", "法案", "条例", "政府", "大使")


def _data_lines(name: str) -> list[str]:
    text = resources.files("glossary.data").joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Function and discourse words (``data/stopwords.txt``)."""
    return frozenset(w for line in _data_lines("stopwords.txt") for w in line.split())


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Words that never stand inside a term: particles, pronouns, copulas and reporting verbs
    (``data/function_words.txt``). They cut the text into chunks; the wider stop list is a feature only.

    >>> "的" in function_words(), "无" in function_words()
    (True, False)
    """
    return frozenset(w for line in _data_lines("function_words.txt") for w in line.split())


def is_stopword(word: str) -> bool:
    """True for a general function word."""
    return word in stopwords()


@lru_cache(maxsize=1)
def elements() -> dict[str, tuple[str, str, str]]:
    """Simplified element character -> (Traditional, symbol, English name)."""
    return read_elements()


@lru_cache(maxsize=1)
def transliteration_chars() -> frozenset[str]:
    """Characters of the standard tables for writing foreign names (``data/transliteration.txt``).

    >>> all(c in transliteration_chars() for c in "卡特彼勒"), "豆" in transliteration_chars()
    (True, False)
    """
    return frozenset(c for line in _data_lines("transliteration.txt") for c in line.strip())


@lru_cache(maxsize=1)
def term_heads() -> tuple[str, ...]:
    """Term-forming heads, longest first so the longest match wins."""
    return tuple(sorted({line.strip() for line in _data_lines("term_heads.txt")}, key=len, reverse=True))


@lru_cache(maxsize=1)
def head_set() -> frozenset[str]:
    """:func:`term_heads` as a set."""
    return frozenset(term_heads())


def is_head(word: str) -> bool:
    """True when ``word`` itself is a term head (清单), not merely ending in one (非法 ends in 法).

    >>> is_head("清单"), is_head("非法")
    (True, False)
    """
    return word in head_set()


def ends_in_head(word: str) -> bool:
    """True when ``word`` is a term head or ends with one (机制, 预警机制, 农业部).

    >>> ends_in_head("机制"), ends_in_head("农业部"), ends_in_head("美国")
    (True, True, False)
    """
    return word in head_set() or term_head(word) is not None


def term_head(term: str) -> str | None:
    """The term head that ``term`` ends with, if any (the longest one).

    >>> term_head("出口管制"), term_head("美国大豆")
    ('管制', None)
    """
    heads = head_set()
    for n in range(min(longest_head(), len(term) - 1), 0, -1):  # longest first; a head alone is no match
        if term[-n:] in heads:
            return term[-n:]
    return None


@lru_cache(maxsize=1)
def longest_head() -> int:
    """How many characters the longest term head has."""
    return max(map(len, head_set()))


@lru_cache(maxsize=1)
def english_frequencies() -> Table:
    """wordfreq's English list read a word at a time from its table on disk: a run asks for a few thousand of
    its 320,000 words, and loading the whole list costs a fifth of a second."""
    from importlib.metadata import version

    from ..cache import cached_table

    def build() -> dict[str, float]:
        from wordfreq import get_frequency_dict

        return dict(get_frequency_dict("en"))

    # under the name the whole list was cached as, so that building the table removes that 4.6 MB file; a run
    # that asks for many (the lexicon's indexes, built over ECDICT's 770,000 rows, asked 1.1 million times: 6 s
    # of queries) takes the whole list from wordfreq instead
    return cached_table("wordfreq-en", version("wordfreq"), build, whole=build, whole_after=EN_WHOLE_AFTER)


#: English words asked for, after which the whole list is loaded (about what loading it costs in queries)
EN_WHOLE_AFTER = 20_000


#: keys of the general Chinese list asked for before the whole list is loaded: a query costs about 20
#: microseconds (a batch of them less), the whole list a tenth of a second (a small text asks for 1,500)
BACKGROUND_WHOLE_AFTER = 5_000


@lru_cache(maxsize=1)
def general_chinese() -> Table:
    """wordfreq's Chinese list (word → frequency), read a word at a time until many are asked for
    (:class:`~glossary.table.Table`); ``items()`` loads it whole."""
    from importlib.metadata import version

    from ..cache import cached_table

    def build() -> dict[str, float]:
        from wordfreq import get_frequency_dict

        return dict(get_frequency_dict("zh"))

    # (under the name the whole list was once cached as: building the table removes that file)
    return cached_table("wordfreq-zh", version("wordfreq"), build, whole_after=BACKGROUND_WHOLE_AFTER)


def load_background() -> None:
    """Hold the whole general Chinese list in memory (before forking workers that will each ask for most of it)."""
    general_chinese().load_whole()


@lru_cache(maxsize=1)
def general_characters() -> dict[str, float]:
    """Each Hanzi's share of the characters of general Chinese: wordfreq's words' frequencies added to the
    characters they are written with (a character's share of running text, which a corpus's own is read
    against by :func:`character_specificity`).

    >>> general_characters()["的"] > general_characters()["锆"] > 0
    True
    """
    from importlib.metadata import version

    from ..cache import cached
    from ..normalise.hanzi import HAN

    def build() -> dict[str, float]:
        from wordfreq import get_frequency_dict

        found: dict[str, float] = {}
        for word, f in get_frequency_dict("zh").items():
            for ch in HAN.findall(word):
                found[ch] = found.get(ch, 0.0) + f
        total = sum(found.values()) or 1.0
        return {ch: f / total for ch, f in found.items()}

    return cached("wordfreq-zh-characters", version("wordfreq"), build)


#: the least share of a character, in a corpus or in general Chinese: a character seen once in a short text
#: or never in the general list is not infinitely specific
CHARACTER_FLOOR = 1e-6


def character_specificity(texts: Iterable[str]) -> dict[str, float]:
    """Each Hanzi of ``texts`` → the log of its share of their Hanzi over its share of general Chinese
    (:data:`CHARACTER_FLOOR` added to both): 债 and 券 in a finance text, 锆 in a zirconium trade's stand far
    above 的 and 是. A candidate's characters say what its words cannot when it is seen once and is in no
    word list: that it is written in the field's own characters.

    >>> spec = character_specificity(["锆釉厂的锆砂是关键。锆价上涨。"])
    >>> spec["锆"] > spec["的"]
    True
    """
    import numpy as np

    from ..normalise.hanzi import is_han

    # (each text's characters counted by code point, in numpy: Counter.update over 16 MB took 0.35 s, this 0.03)
    counts = np.zeros(sys.maxunicode + 1, dtype=np.int64)
    for text in texts:
        found = np.bincount(np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4"))
        counts[: len(found)] += found
    here = {ch: int(counts[c]) for c in np.flatnonzero(counts).tolist() if is_han(ch := chr(c))}
    total = sum(here.values()) or 1
    general = general_characters()
    return {
        ch: math.log((n / total + CHARACTER_FLOOR) / (general.get(ch, 0.0) + CHARACTER_FLOOR)) for ch, n in here.items()
    }


def background_frequency(word: str) -> float:
    """Frequency of ``word`` in general Chinese (wordfreq), or 0.0 when unlisted.

    >>> background_frequency("政府") > background_frequency("大豆") > 0
    True
    """
    return general_chinese().get(word, 0.0)


def estimated_frequency(word: str, invented: bool = False) -> float:
    """General-language frequency of ``word``; for a word the list lacks, or one the segmenter
    invented (``invented=True``), an estimate from its characters.

    An invented word is a new term or name (芒廷, of rare characters) or a segmentation slip
    (其重, 却会, of everyday ones). Backing off to a tenth of the geometric mean of its
    characters' frequencies tells them apart; the list's own entry for such a string says
    nothing when it sits near the list's noise floor, and is trusted from :data:`LISTED_WORD` on when
    CC-CEDICT also has the word.

    >>> estimated_frequency("其重", invented=True) > 1e-5 > estimated_frequency("芒廷", invented=True)
    True
    >>> estimated_frequency("入职", invented=True) < 1e-6  # listed well above the floor, in CC-CEDICT: a word
    True
    >>> estimated_frequency("全说", invented=True) > 1e-6  # listed as often, in no dictionary: a slip
    True
    >>> estimated_frequency("克拉维斯", invented=True) < 1e-7  # characters of foreign names: a name
    True
    >>> estimated_frequency("GDP") > estimated_frequency("N52")  # Latin: as Chinese text uses it
    True
    """
    bg = general_chinese()
    if word.isascii():
        # a Latin name or code, by its lowercase parts as Chinese text uses them (GDP and AI are everyday
        # there, Pro+ and N52 are not); a name of several words is rarer than its rarest word
        parts = re.findall(r"[a-z0-9]+", word.lower()) or [word.lower()]
        return min(max(bg.get(p, 0.0), BG_FLOOR) for p in parts) / (10 if len(parts) > 1 else 1)
    f = bg.get(word, 0.0)
    if f and (not invented or len(word) == 1 or (f >= LISTED_WORD and cedict.has_word(word))):
        return f
    if len(word) >= 3 and all(c in transliteration_chars() for c in word):
        # three or more characters of the tables for foreign names: a name (克拉维斯), however common
        # each of its characters is on its own; as rare as the list's floor, since the list lacks it
        return max(f, BG_FLOOR)
    logs = [math.log(max(bg.get(c, 0.0), BG_FLOOR)) for c in word]
    return max(f, BG_FLOOR, 0.1 * math.exp(sum(logs) / len(logs)))


def common_words(min_freq: float) -> list[str]:
    """Words at least this frequent in general Chinese.

    >>> "进行" in common_words(1e-4), "大豆" in common_words(1e-4)
    (True, False)
    """
    return [w for w, f in general_chinese().items() if f >= min_freq]


@lru_cache(maxsize=1)
def naming_rules() -> dict[str, list[tuple[str, str]]]:
    """``data/naming.tsv`` by kind (chem, elem, name, state, title, prefix, place): (Chinese, English) pairs, longest
    affix first.

    >>> naming_rules()["place"][:1] != []
    True
    """
    kinds = ("chem", "elem", "name", "state", "title", "prefix", "place")
    out: dict[str, list[tuple[str, str]]] = {kind: [] for kind in kinds}
    for line in _data_lines("naming.tsv"):
        kind, zh, en = line.split("\t")
        out.setdefault(kind, []).append((zh, en))
    for rules in out.values():
        rules.sort(key=lambda r: -len(r[0]))
    return out


def is_chemical(term: str) -> bool:
    """True for element names and compounds named by the chemistry rules in ``data/naming.tsv``.

    >>> is_chemical("碳酸钙"), is_chemical("铜锌"), is_chemical("铁精矿"), is_chemical("大豆")
    (True, True, True, False)
    """
    el = elements()
    if term[-1:] not in el and term[:1] not in el:
        # every rule needs a run of element names at one end (the miner asks this of every candidate)
        return False

    def run(t: str) -> bool:
        return bool(t) and all(c in el for c in t)

    rules = naming_rules()
    return (
        run(term)
        or any(term.startswith(zh) and run(term[len(zh) :]) for zh, _ in rules["chem"])
        or any(term.endswith(zh) and run(term[: -len(zh)]) for zh, _ in rules["elem"])
    )
