"""Countries: which words name one, and their English before a name, from CLDR through babel.

>>> is_country("荷兰"), english("荷兰")
(True, 'Netherlands')
"""

from __future__ import annotations

from functools import lru_cache

from . import dictionary

#: the English names of the United States, as CC-CEDICT gives them
US_NAMES = frozenset({"US", "USA", "United States", "U.S."})


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Chinese name of each country and territory → its English name, from CLDR through babel (美国 → United
    States, 英国 → United Kingdom)."""
    from babel import Locale

    zh, en = Locale.parse("zh").territories, Locale.parse("en").territories
    return {name: en[code] for code, name in zh.items() if code.isalpha() and code in en}


def is_country(word: str) -> bool:
    """True when ``word`` names a country (美国; not 特朗普, a person, nor 亚洲, a continent).

    >>> is_country("美国"), is_country("特朗普")
    (True, False)
    """
    return word in _countries()


def english(word: str) -> str | None:
    """The English name of a country before a name: CC-CEDICT's abbreviation when it gives one first (美国 →
    US), else CLDR's name (英国 → United Kingdom; CC-CEDICT's first sense of 法国 is "French").

    >>> english("美国"), english("英国"), english("法国")
    ('US', 'United Kingdom', 'France')
    """
    name = _countries().get(word)
    first = dictionary.ranked_glosses(word, limit=1)
    return first[0] if first and first[0].isupper() else name


def place_english(word: str) -> str | None:
    """The English of a proper noun before a name: a country's (:func:`english`), else the dictionary's first
    sense (格陵兰 → Greenland).

    >>> place_english("荷兰"), place_english("格陵兰")
    ('Netherlands', 'Greenland')
    """
    if is_country(word):
        return english(word)
    return next(iter(dictionary.ranked_glosses(word, limit=1)), None)
