"""Transliteration matching: the Latin name a Chinese transliteration stands for, when the texts hold it.

Pinyin cannot turn 卡特彼勒 into "Caterpillar", but a text that mentions Caterpillar in Latin
script usually does so near its Chinese name. Both are reduced to a *sound
skeleton* — their consonants in coarse classes (b/p, d/t, g/k/hard c, f/v/ph,
l/r, m, n/ng, and every sibilant: s z c x j q zh ch sh), vowels and h, w, y
dropped, repeats merged — and a Latin name whose skeleton is nearly the same
is proposed. This is how a reader recognises a transliteration; it needs no
list of names.

>>> skeleton_pinyin("ka te bi le"), skeleton_latin("Caterpillar")
('KTPL', 'KTLPL')
>>> match("卡特彼勒", ["MP Materials", "Caterpillar Inc", "NBA"])
['Caterpillar']

A name written with other characters of the same sound is the same name: 阿尔忒弥斯 is CC-CEDICT's 阿耳忒弥斯,
"Artemis" (:func:`homophones`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from ..cache import cached
from ..mining.cedict import load, source, source_key
from ..normalise.hanzi import is_han
from ..normalise.pinyin import to_pinyin
from . import dictionary

#: least similarity of two skeletons (1 − normalised edit distance) for a match
MIN_SIMILARITY = 0.8
#: shortest skeleton worth matching: two consonants match too much by chance
MIN_LENGTH = 3

_PINYIN_INITIALS = (
    ("zh", "S"),
    ("ch", "S"),
    ("sh", "S"),
    ("b", "P"),
    ("p", "P"),
    ("d", "T"),
    ("t", "T"),
    ("g", "K"),
    ("k", "K"),
    ("f", "F"),
    ("l", "L"),
    ("r", "L"),
    ("m", "M"),
    ("n", "N"),
    ("z", "S"),
    ("c", "S"),
    ("s", "S"),
    ("j", "S"),
    ("q", "S"),
    ("x", "S"),
    ("h", ""),
    ("y", ""),
    ("w", ""),
)
_LATIN_RULES = (
    ("sch", "S"),
    ("tch", "S"),
    ("ch", "S"),
    ("sh", "S"),
    ("ph", "F"),
    ("th", "T"),
    ("ck", "K"),
    ("ng", "N"),
    ("qu", "K"),
    ("x", "KS"),
    ("ce", "Se"),
    ("ci", "Si"),
    ("cy", "Sy"),
)
_LATIN_CLASS = {
    "b": "P",
    "p": "P",
    "d": "T",
    "t": "T",
    "g": "K",
    "k": "K",
    "c": "K",
    "q": "K",
    "f": "F",
    "v": "F",
    "l": "L",
    "r": "L",
    "m": "M",
    "n": "N",
    "s": "S",
    "z": "S",
    "j": "S",
}


def _merge(classes: str) -> str:
    return re.sub(r"(.)\1+", r"\1", classes)


def skeleton_pinyin(syllables: str) -> str:
    """Sound skeleton of toneless pinyin syllables separated by spaces (``"bei sen te"`` → ``"PSNT"``)."""
    out = []
    for syl in syllables.lower().split():
        rest = syl
        for ini, cls in _PINYIN_INITIALS:
            if syl.startswith(ini):
                out.append(cls)
                rest = syl[len(ini) :]
                break
        if rest == "er":
            out.append("L")  # 尔 writes r or l (阿尔卑斯 Alps)
        elif rest.endswith(("n", "ng")):
            out.append("N")
    return _merge("".join(out))


def skeleton_latin(word: str) -> str:
    """Sound skeleton of a Latin-script word (``"Passant"`` → ``"PSNT"``)."""
    w = re.sub(r"[^a-z]", "", word.lower())
    for pat, rep in _LATIN_RULES:
        w = w.replace(pat, rep)
    return _merge("".join(ch if ch.isupper() else _LATIN_CLASS.get(ch, "") for ch in w))


def _similar(a: str, b: str) -> float:
    return 1.0 - Levenshtein.normalized_distance(a, b)


def match(term: str, names: Iterable[str]) -> list[str]:
    """Latin words or runs of words in ``names`` that sound like the Hanzi of ``term``, best first.

    Only the Hanzi part of ``term`` is matched; a run of capitalised words is
    tried from each word on, so "Caterpillar Inc" offers "Caterpillar".
    """
    han = "".join(ch for ch in term if not ch.isascii())
    if not han:
        return []
    syllables = to_pinyin(han, "plain")
    target = skeleton_pinyin(syllables)
    if len(target) < MIN_LENGTH:
        return []
    vowel_first = syllables[:1] in "aeiou"
    scored: dict[str, float] = {}
    for name in names:
        words = [w for w in name.split() if w[:1].isupper()]
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + 3) + 1):
                phrase = " ".join(words[i:j])
                if (phrase[:1].lower() in "aeiou") != vowel_first:
                    continue  # 路易斯 (lu…) is not "Earths": names begin alike
                sk = skeleton_latin(phrase)
                if len(sk) < MIN_LENGTH:
                    continue
                sim = _similar(target, sk)
                if sim >= MIN_SIMILARITY and sim > scored.get(phrase, 0.0):
                    scored[phrase] = sim
    return sorted(scored, key=lambda p: (-scored[p], len(p)))


@lru_cache(maxsize=1)
def _names_by_sound() -> dict[str, list[str]]:
    """Toneless pinyin ("a er te mi si") -> CC-CEDICT's proper names of three or more characters read so
    (cached on disk beside the dictionary)."""

    def build() -> dict[str, list[str]]:
        idx: dict[str, list[str]] = {}
        for word, rows in load().items():
            if len(word) < 3:
                continue
            for row in rows.split("\n"):
                reading = row.split("\t", 2)[1]
                if reading[:1].isupper():
                    key = _DIGITS.sub("", dictionary.fold_reading(reading))
                    idx.setdefault(key, [])
                    if word not in idx[key]:
                        idx[key].append(word)
        return idx

    return cached("cedict-sounds", source_key(source()), build, depends=(dictionary,))


_DIGITS = re.compile(r"[0-9]")


def homophones(term: str) -> list[str]:
    """English of the names CC-CEDICT writes with other characters of the same sound as ``term``, a
    transliteration of three or more characters the dictionary lacks (阿尔忒弥斯 → 阿耳忒弥斯 "Artemis").

    >>> homophones("阿尔忒弥斯")
    ['Artemis']
    """
    if len(term) < 3 or not all(is_han(ch) for ch in term) or dictionary.has_word(term):
        return []
    key = to_pinyin(term, "plain").lower()
    out: list[str] = []
    for word in _names_by_sound().get(key, []):
        out += [g for g in dictionary.glosses(word, limit=1) if g not in out]
    return out
