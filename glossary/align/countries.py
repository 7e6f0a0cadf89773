"""Countries and their regions: which words name one, and their English, from CLDR through babel (countries, and
the names of languages) and ISO 3166-2 through pycountry (states, provinces and other regions).

>>> is_country("荷兰"), english("荷兰"), region_names("阿萨姆邦")
(True, 'Netherlands', ['Assam', 'Assam State'])
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

from ..cache import cached
from ..normalise.hanzi import HAN_CLASS
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


@lru_cache(maxsize=1)
def _languages() -> dict[str, str]:
    """Chinese name of each language → its English name, from CLDR through babel (爱沙尼亚语 → Estonian)."""
    from babel import Locale

    zh, en = Locale.parse("zh").languages, Locale.parse("en").languages
    return {name: en[code] for code, name in zh.items() if code in en and name.endswith(("语", "文"))}


def language_english(word: str) -> str | None:
    """The English name of the language ``word`` names, as CLDR writes it, or None (no dictionary has most of
    them: 泰卢固语 is Telugu, not "Telugu language", and 奥塞梯语 Ossetic).

    >>> language_english("泰卢固语"), language_english("克里米亚鞑靼语"), language_english("泰卢固")
    ('Telugu', 'Crimean Tatar', None)
    """
    return _languages().get(word)


def english(word: str) -> str | None:
    """The English name of a country before a name: CC-CEDICT's abbreviation when it gives one first (美国 →
    US), else CLDR's name (英国 → United Kingdom; CC-CEDICT's first sense of 法国 is "French").

    >>> english("美国"), english("英国"), english("法国")
    ('US', 'United Kingdom', 'France')
    """
    name = _countries().get(word)
    first = dictionary.ranked_glosses(word, limit=1)
    return first[0] if first and first[0].isupper() else name


_CITED = re.compile(f"[{HAN_CLASS}]+(?:\\|([{HAN_CLASS}]+))?")


@lru_cache(maxsize=4096)
def abbreviated(char: str) -> str | None:
    """The English of the country one character stands for in names (美 → US, 俄 → Russia, 华 → China), as
    CC-CEDICT's proper-noun senses cite it ("USA (abbr. for 美國|美国[Mei3 guo2])", "abbr. for China").

    >>> abbreviated("美"), abbreviated("俄"), abbreviated("华"), abbreviated("稀")
    ('US', 'Russia', 'China', None)
    """
    english_names = set(_countries().values())
    for entry in dictionary.lookup(char):
        if not entry.pinyin[:1].isupper():
            continue
        for sense in entry.senses:
            for m in _CITED.finditer(sense):
                cited = m.group(1) or m.group(0)
                if is_country(cited):
                    return english(cited)
            plain = re.sub(r"^abbr\. for |\s*\(.*\)$", "", sense).strip()
            if plain in english_names:
                return plain
    return None


def place_english(word: str) -> str | None:
    """The English of a proper noun before a name: a country's (:func:`english`), else the dictionary's first
    sense (格陵兰 → Greenland), else a region's (:func:`region_names`: 阿萨姆邦 → Assam).

    >>> place_english("荷兰"), place_english("格陵兰")
    ('Netherlands', 'Greenland')
    """
    if is_country(word):
        return english(word)
    return next(iter(dictionary.ranked_glosses(word, limit=1) or region_names(word)), None)


#: the kinds of region whose name English says with the kind after it (Assam State, Mandalay Region, Fukui
#: Prefecture), and the characters that end a Chinese name which says its kind (阿萨姆邦, 曼德勒省, 福井县)
_KINDS = frozenset(
    {
        "State",
        "Province",
        "Region",
        "County",
        "District",
        "Prefecture",
        "Territory",
        "Governorate",
        "Department",
        "Canton",
        "Parish",
        "Division",
    }
)
_KIND_CHARS = frozenset("邦州省区县郡府市")


@lru_cache(maxsize=1)
def _regions() -> dict[str, tuple[str, ...]]:
    """Chinese name of each ISO 3166-2 region → its English names: the English exonym iso-codes gives (Bayern →
    Bavaria), else the region's own name (Assam), then that name with its kind when the Chinese says the kind
    (阿萨姆邦 → Assam State). Names two regions share in Chinese are left out: a name that says no one place is
    no evidence. Cached on disk (keyed by pycountry's version): reading 5,000 subdivisions costs a tenth of a
    second, more than a small mine's alignment."""
    from importlib.metadata import version

    return cached("iso3166-2-regions", version("pycountry"), _build_regions)


def _build_regions() -> dict[str, tuple[str, ...]]:
    import pycountry

    def catalog(locale: str) -> gettext.NullTranslations:
        try:
            return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, [locale])
        except OSError:  # a pycountry without the locale: names untranslated, so no regions rather than a failure
            return gettext.NullTranslations()

    zh, en = catalog("zh_CN"), catalog("en")
    names: dict[str, set[tuple[str, ...]]] = {}
    for sub in pycountry.subdivisions:
        if sub.country_code == "CN":  # ISO writes China's regions in pinyin ("Anhui Sheng"): no English
            continue
        chinese = zh.gettext(sub.name)
        if chinese != sub.name:  # (an untranslated name stays in its own script)
            name = en.gettext(sub.name)
            kind = sub.type if sub.type in _KINDS and chinese[-1] in _KIND_CHARS else ""
            names.setdefault(chinese, set()).add((name, f"{name} {kind}") if kind and kind not in name else (name,))
    return {chinese: next(iter(forms)) for chinese, forms in names.items() if len(forms) == 1}


def region_names(word: str) -> list[str]:
    """The English names of a state, province or other region of a country, from ISO 3166-2 (阿萨姆邦 → Assam,
    Assam State; 巴伐利亚 → Bavaria); none for a word that names no one region.

    >>> region_names("阿萨姆邦"), region_names("巴伐利亚"), region_names("大豆")
    (['Assam', 'Assam State'], ['Bavaria'], [])
    """
    return list(_regions().get(word, ()))
