"""Simplified/Traditional conversion through OpenCC, by phrase, keeping length where it matters.

>>> to_simplified("鐠釹")
'镨钕'
>>> to_traditional("大豆管理条例")
'大豆管理條例'
>>> detect_script("鋼鐵市場")
'traditional'
"""

from __future__ import annotations

from functools import cache, lru_cache

import opencc


@cache
def _cc(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional (any region) to Simplified, phrase-aware; an element's Taiwan character as the element's
    Simplified one (矽 silicon → 硅, 鎦 lutetium → 镥), which OpenCC keeps or reads as another word's.

    >>> to_simplified("矽鋼片"), to_simplified("氧化鎦")
    ('硅钢片', '氧化镥')
    """
    return _cc("t2s").convert(text.translate(_element_characters()))


@cache
def _element_characters() -> dict[int, str]:
    """An element's Traditional character (``data/elements.tsv``) → its Simplified one, where OpenCC's own
    conversion gives another (Taiwan names elements with characters of its own: 矽 for 硅, 鎝 for 锝)."""
    from ..data import elements

    return {
        ord(traditional): simplified
        for simplified, (traditional, _, _) in elements().items()
        if len(traditional) == 1 and _cc("t2s").convert(traditional) != simplified
    }


#: full-width Latin letters and digits → ASCII (one character each: offsets stay valid); full-width punctuation
#: stays, as Chinese text writes it (，（）：)
_HALF_WIDTH = {
    c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in range(r[0], r[1] + 1)
}


@cache
def _aligned_table() -> dict[int, str | int]:
    """:data:`_HALF_WIDTH` and :func:`_element_characters` as one table (what each gives is none of the other's)."""
    return {**_HALF_WIDTH, **_element_characters()}


def to_traditional(text: str, region: str = "") -> str:
    """Simplified to Traditional: OpenCC standard (``region=''``), Taiwan (``'tw'``) or Hong Kong (``'hk'``)
    characters, or Taiwan's own words (``'twp'``: 软件 → 軟體, 信息 → 資訊).

    >>> to_traditional("软件"), to_traditional("软件", "twp"), to_traditional("台湾", "hk")
    ('軟件', '軟體', '台灣')
    """
    return _cc({"": "s2t", "tw": "s2tw", "twp": "s2twp", "hk": "s2hk"}[region]).convert(text)


def mainland_words(text: str) -> str:
    """A Taiwan text's own words as the Mainland writes them, in Simplified (OpenCC's Taiwan phrases, ``tw2sp``):
    對話方塊 → 对话框, 函式 → 函数, 資料庫 → 数据库. Phrase by phrase and greedy, so a word made of other words can
    come out as none (儲存格 → 保存格): read the result only where a dictionary knows it.

    >>> mainland_words("對話方塊"), mainland_words("函式")
    ('对话框', '函数')
    """
    return _cc("tw2sp").convert(text)


def to_simplified_aligned(text: str) -> str:
    """Simplified text with exactly one character per input character, its full-width Latin letters and digits
    as ASCII (ＬＥＤ is LED, as the segmenter knows it: it reads full-width letters as punctuation).

    Phrase conversion can change length (rarely); offsets found in the
    converted text must point at the same characters in the original, so
    lines whose length changes are converted character by character instead.

    >>> to_simplified_aligned("鐠釹\\n大豆") == "镨钕\\n大豆", to_simplified_aligned("ＬＥＤ燈具")
    (True, 'LED灯具')
    """
    # (both one-character tables in one pass: their characters are apart, and so are what they give)
    out = _cc("t2s").convert(text.translate(_aligned_table()))
    if len(out) == len(text):  # (a one-character table keeps the length)
        return out
    text = text.translate(_HALF_WIDTH)
    lines = []
    for line in text.split("\n"):
        conv = to_simplified(line)
        if len(conv) != len(line):
            conv = "".join(c2 if len(c2 := to_simplified(c)) == 1 else c for c in line)
        lines.append(conv)
    return "\n".join(lines)


@lru_cache(maxsize=1)
def _script_chars() -> tuple[frozenset[str], frozenset[str]]:
    """(characters OpenCC changes going to Simplified, characters it changes going to Traditional),
    over the CJK Unified Ideographs block: the characters that tell the scripts apart. Cached on disk per OpenCC
    version and element table (converting the block took 30 ms of every mine)."""
    import hashlib
    from importlib import resources
    from importlib.metadata import version

    from ..cache import cached

    # (the element table's Taiwan characters are made Simplified too: :func:`to_simplified`)
    table = resources.files("glossary.data").joinpath("elements.tsv").read_bytes()
    key = f"{version('opencc')}-{hashlib.blake2b(table, digest_size=4).hexdigest()}"
    to_s, to_t = cached("script-chars", key, _build_script_chars)
    return frozenset(to_s), frozenset(to_t)


def _build_script_chars() -> tuple[str, str]:
    chars = [chr(c) for c in range(0x4E00, 0xA000)]
    joined = "\n".join(chars)  # one character per line: each is converted alone
    to_s = to_simplified(joined).split("\n")
    to_t = _cc("s2t").convert(joined).split("\n")
    return "".join(c for c, x in zip(chars, to_s) if x != c), "".join(c for c, x in zip(chars, to_t) if x != c)


def detect_script(text: str) -> str:
    """'traditional', 'simplified' or 'mixed', from how many characters each conversion would change."""
    sample = text[:1500]
    traditional_only, simplified_only = _script_chars()
    to_s = sum(map(traditional_only.__contains__, sample))
    to_t = sum(map(simplified_only.__contains__, sample))
    if to_s and to_s >= 3 * to_t:
        return "traditional"
    if to_s == 0 or to_t >= 3 * to_s:
        return "simplified"
    return "mixed"


def is_traditional_form(text: str) -> bool:
    """True when OpenCC would leave ``text`` unchanged going to Traditional: its standard, Taiwan's or Hong
    Kong's characters (Hong Kong writes 平台 where the others write 平臺).

    A "Traditional" surface form that still holds Simplified-only characters
    (common in machine-converted pages) fails this check.

    >>> is_traditional_form("鐠釹"), is_traditional_form("最低采购價"), is_traditional_form("交易平台")
    (True, False, True)
    """
    return any(_cc(config).convert(text) == text for config in ("s2t", "s2tw", "s2hk"))
