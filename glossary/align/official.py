"""Official forms of names of government bodies and statutes, and the country a term's contexts set it in.

"US Agriculture Department" is said officially "US Department of Agriculture"; a ministry of the United States is
a department; a PRC statute is "… Law of the People's Republic of China". A ministry the texts name right after
its country (美国 + 农业部) is that country's.

>>> from glossary.align.suggestions import Suggestions
>>> out = Suggestions(); out.add("US Agriculture Department", "compose", 0.2); official_forms(out)
>>> [e.text for e in out]
['US Agriculture Department', 'US Department of Agriculture']
"""

from __future__ import annotations

import re

from ..models import Candidate
from ..normalise.script import to_simplified
from . import countries
from .suggestions import Suggestions

_OFFICE = re.compile(
    r"^((?:US|UK|EU|United States|[A-Z][a-z]+) )?([A-Z][\w-]*(?: [A-Z][\w-]*)?) "
    r"(Department|Ministry)$"
)
#: words that qualify an office rather than name its field: "Foreign Ministry" is no "Ministry of Foreign"
_OFFICE_ADJECTIVES = frozenset(
    {"Foreign", "Home", "Internal", "External", "Federal", "National", "Central", "General", "Public", "State"}
)
_COUNTRY_LAW = re.compile(
    r"^(People's Republic of China|China|US|United States) "
    r"((?:[A-Z][\w-]* )+(?:Law|Act|Regulations))$"
)
_US_MINISTRY = re.compile(r"^(US|USA|United States) Ministry of (.+)$")


def official_forms(out: Suggestions) -> None:
    """Each suggestion's official form beside it, a little more confident: "US Department of Agriculture" for
    "US Defense Department", a ministry as the United States names it, a statute as its country names it."""
    for e in list(out):
        m = _OFFICE.match(e.text)
        if m and m.group(2).split()[0] not in _OFFICE_ADJECTIVES:
            # "US Agriculture Department" is the informal word order of "US Department of Agriculture", the
            # official name: the official one goes first
            out.add(f"{m.group(1) or ''}{m.group(3)} of {m.group(2)}", e.source, round(e.confidence + 0.01, 2))
        us = _US_MINISTRY.match(e.text)
        if us:
            # the United States calls its ministries departments (美国农业部 → US Department of Agriculture)
            out.add(f"{us.group(1)} Department of {us.group(2)}", e.source, round(e.confidence + 0.01, 2))
        law = _COUNTRY_LAW.match(e.text)
        if law:
            # a country's law is named "… Law of the People's Republic of China", the official form of every
            # PRC statute; another country's may be either
            country = law.group(1)
            the = "the " if " " in country or country.isupper() else ""  # the US, the People's Republic; China
            first = country == "People's Republic of China"
            out.add(f"{law.group(2)} of {the}{country}", e.source, round(e.confidence + (0.01 if first else -0.01), 2))


#: English of a government body: what :func:`settings` may give a country
OFFICIAL = re.compile(r"^(?:Department|Ministry) of (?:the )?[A-Z][\w-]*(?: (?:and |the )?[A-Z][\w-]*)*$")


def settings(c: Candidate, reach: int = 0) -> set[str]:
    """The countries the texts put right before ``c.term`` in its contexts (美国 + 农业部), or within ``reach``
    characters before it in the same clause (美国农业部《农业法》).

    >>> from glossary.models import Context
    >>> settings(Candidate(term="农业部", contexts=[Context("a", 0, "美国农业部与商务部"), Context("a", 9, "授权农业部")]))
    {'美国'}
    >>> settings(Candidate(term="农业法", contexts=[Context("a", 0, "据美国农业部《农业法》")]), reach=8)
    {'美国'}
    """
    places: set[str] = set()
    for ctx in c.contexts:
        text = to_simplified(ctx.text)
        for m in re.finditer(re.escape(c.term), text):
            clause = _CLAUSE_END.split(text[max(0, m.start() - reach - 4) : m.start()])[-1]
            for i in range(len(clause) - 2, max(-1, len(clause) - reach - 5), -1):
                found = next(
                    (
                        clause[i : i + k]
                        for k in (4, 3, 2)
                        if countries.is_country(clause[i : i + k]) and (reach or i + k == len(clause))
                    ),
                    None,
                )
                if found:
                    places.add(found)
                    break
    return places


_CLAUSE_END = re.compile(r"[，。；！？,;!?：:]")

#: countries that name their statutes Acts (the Defense Production Act), where CC-CEDICT's 法 is "law"
ACT_COUNTRIES = frozenset({"美国", "英国", "澳大利亚", "加拿大", "新西兰", "爱尔兰", "印度"})
