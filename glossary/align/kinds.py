"""What kind of sense a word's gloss is: a verb ("to separate"), a state ("to be airworthy"), a name, an
adjective-forming suffix. Read from how CC-CEDICT words its senses (:mod:`glossary.align.dictionary`).

>>> is_verb_sense("分离", "separate"), is_state_sense("适航", "airworthy"), is_proper("新华社")
(True, True, True)
"""

from __future__ import annotations

from functools import lru_cache

from ..cache import cached
from ..mining.cedict import load, raw_senses, source, source_key
from .dictionary import lookup, ranked_glosses
from .glosses import clean_gloss


def verb_sense(word: str, reading: str | None = None) -> str | None:
    """``word``'s likeliest sense that is a verb's (:func:`is_verb_sense`), or None.

    >>> verb_sense("分离"), verb_sense("硬度")
    ('separate', None)
    """
    return next((g for g in ranked_glosses(word, reading=reading) if is_verb_sense(word, g)), None)


@lru_cache(maxsize=65536)  # a term's words and their senses are asked about again and again
def is_verb_sense(word: str, gloss: str) -> bool:
    """True when ``gloss`` came from a verb sense of ``word`` ("to separate" → "separate").

    >>> is_verb_sense("分离", "separate"), is_verb_sense("硬度", "hardness")
    (True, False)
    """
    want = gloss.lower()
    # "to be airworthy" says what something is: an adjective, not a verb
    return any(
        clean_gloss(w).lower() == want
        and w.strip().lower().startswith("to ")
        and not w.strip().lower().startswith("to be ")
        for w in _wordings(word)
    )


@lru_cache(maxsize=1)
def _english_verbs() -> frozenset[str]:
    """English words CC-CEDICT uses as verbs: the word after "to" that begins a sense ("to produce")."""

    def build() -> list[str]:
        out = set()
        for rows in load().values():
            for sense in raw_senses(rows):
                words = sense.split()
                if len(words) > 1 and words[0] == "to" and words[1] != "be":
                    out.add(words[1].lower())
        return sorted(out)

    return frozenset(cached("cedict-english-verbs", source_key(source()), build, depends=(raw_senses,)))


def is_english_verb(word: str) -> bool:
    """True when CC-CEDICT uses ``word`` as an English verb somewhere ("to produce"), never "apart".

    >>> is_english_verb("produce"), is_english_verb("apart")
    (True, False)
    """
    return word.lower() in _english_verbs()


def is_adjective_suffix(char: str) -> bool:
    """True when CC-CEDICT says ``char`` forms adjectives (性: 政策性 "policy-based"): before a noun, English
    says it by word order alone (政策性银行 → policy bank).

    >>> is_adjective_suffix("性"), is_adjective_suffix("化")
    (True, False)
    """
    return len(char) == 1 and any("suffix forming adjective" in w for w in _wordings(char))


@lru_cache(maxsize=256)
def names_a_type(char: str) -> bool:
    """True when CC-CEDICT's first senses of ``char`` say "type" (式 "type; form", 型 "mold; type", 类 "kind;
    type"): between a modifier and its head English says it by word order alone (旋转式压缩机 → rotary
    compressor, not "rotary type compressor").

    >>> names_a_type("式"), names_a_type("厚")
    (True, False)
    """
    entries = [e for e in lookup(char) if e.pinyin[:1].islower()] if len(char) == 1 else []
    return bool(entries) and "type" in [w.strip().lower() for s in entries[0].senses for w in s.split(";")][:3]


@lru_cache(maxsize=65536)  # a term's words and their senses are asked about again and again
def is_state_sense(word: str, gloss: str) -> bool:
    """True when ``gloss`` came from a sense "to be …" of ``word`` (适航 "to be airworthy" → "airworthy").

    >>> is_state_sense("适航", "airworthy"), is_state_sense("分离", "separate")
    (True, False)
    """
    want = gloss.lower()
    return any(clean_gloss(w).lower() == want and w.strip().lower().startswith("to be ") for w in _wordings(word))


def _wordings(word: str) -> list[str]:
    """Every wording of every sense of ``word`` as the dictionary writes it ("to build; to construct" is two)."""
    return [w for e in lookup(word) for s in e.senses for w in s.split(";")]


@lru_cache(maxsize=65536)  # a term's words and their senses are asked about again and again
def is_verb_only(word: str, gloss: str) -> bool:
    """True when ``gloss`` is a verb sense of ``word`` and no sense gives it as a noun
    (追溯 "trace back to" only; 研究 "research" is both).

    >>> is_verb_only("追溯", "trace back to"), is_verb_only("研究", "research")
    (True, False)
    """
    want = gloss.lower()
    return is_verb_sense(word, gloss) and not any(
        not w.strip().lower().startswith("to ") and clean_gloss(w).lower() == want for w in _wordings(word)
    )


def is_proper(word: str) -> bool:
    """True when CC-CEDICT writes the word's reading capitalised: a name (美国, 新华社)."""
    entries = lookup(word)
    return bool(entries) and all(e.pinyin[:1].isupper() for e in entries)
