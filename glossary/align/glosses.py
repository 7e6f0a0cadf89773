"""CC-CEDICT's senses as term English: a sense cleaned of labels and cross-references, a name's wordings, a
description told from a translation. Plain string rules: :mod:`glossary.align.dictionary` applies them.

>>> clean_gloss("to export"), clean_gloss("abbr. for 中华人民共和国")
('export', '')
>>> names_of("Xiamen or Amoy"), with_abbreviation("messenger RNA, mRNA")
(['Xiamen', 'Amoy'], ['messenger RNA', 'mRNA'])
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..normalise.hanzi import HAN

_DROP = re.compile(
    r"^(see |see also|variant of|old variant|(?:old|former|ancient) name (?:for|of)|abbr\. for|abbr\. of|CL:|surname |"
    r"used in |\([^)]*surname\)|"
    r"classifier for|also pr\.|also written|Japanese variant|erhua variant|"
    r"\(old\)|\(archaic\)|\(dialect\)|\(literary\)|\(slang\)|\(Internet slang\)|\(onom\.\))",
    re.I,
)
_PAREN = re.compile(r"\s*\([^)]*\)\s*")
_PLACEHOLDERS = re.compile(r"\b(etc|sth|sb)\b\.?")
_FIGURATIVE = re.compile(r"(lit|fig)\. ")
_LEADING = re.compile(r"^(to be|to|an?|the) ", re.I)
#: the country CC-CEDICT names before a body's name ("PRC Maritime Safety Agency"), as it writes "(PRC)" after
#: others: a qualifier for the reader, no part of the name
_COUNTRY_QUALIFIER = re.compile(r"^PRC (?=[A-Z])")
_SPACES = re.compile(r"\s+")
_DASH_NOTE = re.compile(r" [–—] .*$")
_OF_ITEMS = re.compile(r"^(\w+) of (?:items|things)$")
#: a cross-reference to a word (its characters and reading in brackets), then the sense it has
_REFERENCE_THEN_GLOSS = re.compile(
    r"^(?:abbr\. (?:for|of)|see also|see|variant of|old variant of) [^,\s]+\[[^\]]+\], (.+)$"
)


@lru_cache(maxsize=131072)  # senses recur: every word's are cleaned each time it is looked at
def clean_gloss(sense: str) -> str:
    """A dictionary sense in term form, or '' when it is not a translation.

    Drops cross-references and classifiers, parenthetical labels such as
    "(chemistry)", a leading "to " of verbs and trailing "etc", and what a dash adds after the word.

    >>> clean_gloss("(loanword) examplinide – drug used to treat gout")
    'examplinide'
    >>> clean_gloss("PRC Maritime Safety Agency"), clean_gloss("(PRC) Central Military Commission")
    ('Maritime Safety Agency', 'Central Military Commission')
    """
    s = sense.strip()
    if not s or _DROP.match(s):
        return ""
    s = _PAREN.sub(" ", s).strip()
    s = _PLACEHOLDERS.sub("", s).strip(" ,;")
    if _FIGURATIVE.match(s):
        return ""
    s = _LEADING.sub("", s)  # "to be airworthy" → "airworthy"
    s = _COUNTRY_QUALIFIER.sub("", s)
    s = _DASH_NOTE.sub("", s)  # "examplinide – drug used to treat …": the word, not what it is for
    if ";" in s:
        s = s.split(";")[0].strip()
    s = _SPACES.sub(" ", s).strip(" ,.").replace(" ,", ",")  # ("tyrosine (Tyr), …" less its label)
    s = _OF_ITEMS.sub(r"\1", s)  # "list of items" says no more than "list"
    if not s or HAN.search(s) or "|" in s or "[" in s:
        return ""
    return s


_OR_NAME = re.compile(r"^([A-Z][\w'-]*(?: [A-Z][\w'-]*)*) or ([A-Z][\w'-]*(?: [A-Z][\w'-]*)*)$")

_ABBREVIATION = re.compile(r"^(.+?), ([A-Za-z]*[A-Z][A-Za-z0-9]*)$")


def referred_sense(sense: str) -> str | None:
    """The sense written after a cross-reference, as the 2026 edition writes a short form's, or None.

    >>> referred_sense("abbr. for 世界博覽會|世界博览会[Shi4 jie4 Bo2 lan3 hui4], World Expo"), referred_sense("Expo")
    ('World Expo', None)
    """
    m = _REFERENCE_THEN_GLOSS.match(sense.strip())
    return m.group(1) if m else None


def names_of(gloss: str) -> list[str]:
    """A proper noun's gloss as its wordings: two names of one place or firm are two ("Xiamen or Amoy").

    >>> names_of("Xiamen or Amoy"), names_of("Bank of China")
    (['Xiamen', 'Amoy'], ['Bank of China'])
    """
    m = _OR_NAME.match(gloss)
    return list(m.groups()) if m else [gloss] if gloss else []


def with_abbreviation(gloss: str) -> list[str]:
    """A gloss and its abbreviation as two wordings ("messenger RNA, mRNA"), else the gloss alone."""
    m = _ABBREVIATION.match(gloss)
    if m and " " not in m.group(2) and len(m.group(2)) <= 6 and not m.group(2).istitle():
        return [m.group(1), m.group(2)]
    return [gloss] if gloss else []


_DESCRIPTIVE = re.compile(r":|\b(?:that|which|who|whose|usually|especially)\b|\bused (?:to|for|in|as)\b")


def is_description(gloss: str) -> bool:
    """True when a dictionary sense describes rather than translates (six words or more, a relative
    clause, a colon).

    >>> is_description("theatrical troupe that tours small towns"), is_description("export control")
    (True, False)
    """
    return len(gloss.split()) > 5 or bool(_DESCRIPTIVE.search(gloss))


_PLACE_NOTE = re.compile(
    r" (?:prefecture-level city|county-level city|county|district|city|town|township|province|"
    r"prefecture|autonomous region|village) (?:in|of|on|near)\b.*$"
)


#: where a place lies, after its name ("Guangdong Province in south China")
_PLACE_LOCATOR = re.compile(
    r"(?<=[a-z]) (?:in|of|on|near) (?:(?:north|south|east|west)(?:ern)?|central|"
    r"north-?east|north-?west|south-?east|south-?west)\b.*$"
)


def name_only(gloss: str) -> str:
    """A proper noun's gloss without the description CC-CEDICT adds after it.

    >>> name_only("Yahoo, Internet portal"), name_only("Baotou prefecture-level city in Inner Mongolia")
    ('Yahoo', 'Baotou')
    >>> name_only("Tianjin municipality, a city in north China"), name_only("Chongqing municipality in south China")
    ('Tianjin', 'Chongqing')
    >>> name_only("Ministry of the Interior"), name_only("Guangdong Province in south China")
    ('Ministry of the Interior', 'Guangdong Province')
    """
    name = _PLACE_LOCATOR.sub("", _PLACE_NOTE.sub("", gloss.split(",")[0].strip())).strip()
    return _MUNICIPALITY.sub("", name) or gloss


#: a city's rank after its name ("Beijing municipality, capital of …"): English says the name alone
_MUNICIPALITY = re.compile(r"(?<=[a-z]) municipality$")
