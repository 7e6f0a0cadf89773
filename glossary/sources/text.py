"""Decoding of text files: UTF-8 (with or without BOM), UTF-16 with a BOM (Windows "Unicode"), GB18030 and
Big5.

Chinese legacy encodings decode almost any byte string without error, so a
successful decode proves nothing; we pick the encoding whose result reads
like Chinese (share of common Hanzi) and refuse when none does.

>>> decode_bytes("大豆价格上涨。".encode("gb18030"), "x.txt")
('大豆价格上涨。', 'gb18030')
"""

from __future__ import annotations

from functools import lru_cache

from ..errors import DecodeError, SourceError
from ..normalise.hanzi import HAN

_LEGACY = ("gb18030", "big5")
#: bytes that text files hold: everything but the C0 controls, except tab, LF, FF, CR and ESC
_PRINTABLE = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 12, 13, 27))


@lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
    """Characters of the most frequent Chinese words, Simplified and Traditional."""
    import opencc

    from ..mining.filters import general_chinese  # wordfreq's list, cached on disk (importing wordfreq costs)

    chars: set[str] = set()
    for word, freq in general_chinese().items():
        if freq < 1e-6:
            continue
        chars.update(c for c in word if HAN.match(c))
    s2t = opencc.OpenCC("s2t")
    chars.update(s2t.convert("".join(sorted(chars))))
    return frozenset(chars)


def _plausibility(text: str) -> float:
    """Share of Hanzi in ``text`` that are common characters (1.0 when there are none)."""
    han = HAN.findall(text)
    if not han:
        return 1.0
    common = _common_hanzi()
    return sum(c in common for c in han) / len(han)


def looks_binary(data: bytes) -> bool:
    """True for data with NUL bytes or many control characters."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    ctrl = len(head.translate(None, _PRINTABLE))
    return bool(head) and ctrl / len(head) > 0.05


def legacy_readings(data: bytes) -> list[tuple[float, str, str]]:
    """Each legacy encoding that decodes ``data`` (GB18030, Big5): (how much it reads as common Chinese, the
    text, the encoding), the likeliest first."""
    tried = []
    for enc in _LEGACY:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        tried.append((_plausibility(text), text, enc))
    return sorted(tried, reverse=True)


def clear_reading(tried: list[tuple[float, str, str]]) -> bool:
    """Whether the first of :func:`legacy_readings` is the text: the right decoding reads as common Chinese (rare
    technical characters lower the share a little); a wrong one is mostly rare characters, and when both decode
    the right one wins clearly.

    >>> clear_reading(legacy_readings("氧化镝，大豆价格".encode("gb18030"))), clear_reading([])
    (True, False)
    """
    return bool(tried) and tried[0][0] >= 0.6 and (len(tried) == 1 or tried[0][0] - tried[1][0] >= 0.2)


def incomplete_tail(data: bytes) -> int:
    """How many bytes at the end of ``data`` begin a UTF-8 character they do not finish (0 when none do): what is
    left of a character a file was cut short in.

    >>> incomplete_tail("稀".encode()[:2]), incomplete_tail("大豆".encode()), incomplete_tail(b"")
    (2, 0, 0)
    """
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte & 0xC0 == 0x80:
            continue  # (a continuation byte: the character began further back)
        length = 2 if 0xC0 <= byte < 0xE0 else 3 if 0xE0 <= byte < 0xF0 else 4 if 0xF0 <= byte < 0xF8 else 1
        return back if back < length else 0
    return 0


def decode_bytes(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode file bytes; return (text, encoding used).

    A forced ``encoding`` that yields text without a single Hanzi from a file that has non-ASCII bytes is the
    wrong one (``latin-1`` on GBK text): an error, not an empty mine.

    :raises SourceError: for binary data.
    :raises DecodeError: when no encoding gives plausible Chinese text.
    """
    utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff") or (encoding or "").lower().replace("-", "").startswith("utf16")
    if utf16:
        try:
            return data.decode(encoding or "utf-16").lstrip("\ufeff"), encoding or "utf-16"
        except (UnicodeDecodeError, LookupError) as e:
            raise DecodeError(
                f"{name}: cannot decode as {encoding or 'UTF-16'} ({e}); try another --encoding"
            ) from None
    if looks_binary(data):
        raise SourceError(f"{name}: binary file, not text; skipped")
    if encoding:
        try:
            text = data.decode(encoding).lstrip("\ufeff")
        except (UnicodeDecodeError, LookupError) as e:
            raise DecodeError(f"{name}: cannot decode as {encoding} ({e}); try another --encoding") from None
        if not data.isascii() and not HAN.search(text):
            raise DecodeError(
                f"{name}: decoded as {encoding} it holds no Chinese at all; is that its encoding? "
                "(leave --encoding out to detect it)"
            )
        return text, encoding
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as e:
        cut = incomplete_tail(data)
        if cut and e.start == len(data) - cut and not data[:-cut].isascii():  # (ASCII alone says no UTF-8)
            # UTF-8 to its last character, which was cut short (a copy or a download stopped mid-character): the
            # text, not the whole file lost for want of one character (:func:`incomplete_tail` tells the reader)
            return data[:-cut].decode("utf-8-sig"), "utf-8"
    tried = legacy_readings(data)
    ok = clear_reading(tried)
    if not ok and len(tried) == 2 and min(t[0] for t in tried) >= 0.6:
        # both read as Chinese: a text this short cannot tell them apart, and a guess could garble every term
        raise DecodeError(
            f"{name}: reads as GB18030 and as Big5 alike (too little text to tell); skipped "
            "(give the right one with --encoding gb18030 or --encoding big5)"
        )
    if not ok:
        raise DecodeError(f"{name}: not UTF-8, GB18030 or Big5 text; skipped (give the right one with --encoding)")
    return tried[0][1], tried[0][2]
