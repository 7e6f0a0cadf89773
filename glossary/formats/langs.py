"""Language codes through babel: BCP 47 with hyphens, never an underscore.

>>> Langs().codes
('zh-CN', 'zh-TW', 'en-US')
>>> Langs(style="script").codes
('zh-Hans', 'zh-Hant', 'en')
>>> normalise_code("zh_cn")
Traceback (most recent call last):
...
glossary.errors.UnknownFormat: language code 'zh_cn' is not valid here; write it 'zh-CN'
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

from ..errors import UnknownFormat

_STYLES = {"region": ("zh-CN", "zh-TW", "en-US"), "script": ("zh-Hans", "zh-Hant", "en")}


def _canonical(code: str) -> str:
    # BCP 47 casing of the parts the user gave (babel would add likely subtags: zh-CN -> zh_Hans_CN)
    parts = code.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for p in parts[1:]:
        out.append(p.title() if len(p) == 4 else p.upper() if len(p) in (2, 3) else p)
    return "-".join(out)


def normalise_code(code: str) -> str:
    """Check a user-given language code with babel; return it in canonical BCP 47 form.

    :raises UnknownFormat: for an invalid code, suggesting the valid spelling when there is one.
    """
    try:
        Locale.parse(code.replace("_", "-"), sep="-")
    except (UnknownLocaleError, ValueError, TypeError):
        raise UnknownFormat(f"language code {code!r} is not a known locale; use e.g. zh-CN, zh-TW or en-US") from None
    canonical = _canonical(code)
    if code != canonical:
        raise UnknownFormat(f"language code {code!r} is not valid here; write it {canonical!r}")
    return canonical


def is_chinese_traditional(code: str) -> bool:
    """True for zh-TW, zh-HK, zh-MO, zh-Hant…

    >>> is_chinese_traditional("zh-HK"), is_chinese_traditional("zh-CN")
    (True, False)
    """
    c = code.replace("_", "-").lower()
    return c.startswith("zh") and any(t in c for t in ("hant", "-tw", "-hk", "-mo"))


@dataclass(frozen=True)
class Langs:
    """The three languages of an export: Simplified source, Traditional variant, English target."""

    style: str = "region"
    source: str | None = None
    traditional: str | None = None
    target: str | None = None

    @property
    def codes(self) -> tuple[str, str, str]:
        if self.style not in _STYLES:
            raise UnknownFormat(f"unknown --lang-style {self.style!r}; use 'region' or 'script'")
        s, t, e = _STYLES[self.style]
        return (
            normalise_code(self.source) if self.source else s,
            normalise_code(self.traditional) if self.traditional else t,
            normalise_code(self.target) if self.target else e,
        )


def is_chinese(label: str) -> bool:
    """True for a language code or column label naming Chinese in any script.

    >>> is_chinese("zh_TW"), is_chinese("Chinese"), is_chinese("en-US")
    (True, True, False)
    """
    return label.lower().replace("_", "-").startswith(("zh", "chinese", "cmn"))


def is_english(label: str) -> bool:
    """True for a language code or column label naming English.

    >>> is_english("EN-GB"), is_english("English"), is_english("zh")
    (True, True, False)
    """
    return label.lower().replace("_", "-").startswith(("en", "english"))
