"""The scan the segmenter's repairs share, and the repairs that join what it cut: a transliterated name
(克拉维 + 斯), a name with a middle dot, a Latin run (Procter & Gamble, X-35, I/O).

>>> join_latin([("I", "eng"), ("/", "x"), ("O", "eng"), ("请求", "v")], 0)
('I/O', 'eng', 2)
"""

from __future__ import annotations

import sys
from collections.abc import Collection

import rjieba

from ..native import load_module
from ..normalise.hanzi import HAN_RUN, NAME_DOT, NAME_DOTS
from .filters import transliteration_chars
from .ngrams import NUMBER_LITERAL

_JOINERS = {"+", "&", "-", ".", "'"}


def where(
    pairs: list[tuple[str, str]],
    tags: Collection[str] | None = None,
    low: int = 0,
    high: int = sys.maxsize,
    firsts: str | tuple[tuple[int, int], ...] | None = None,
) -> list[int]:
    """The places of the pairs tagged with one of ``tags`` (None: any), of ``low`` to ``high`` characters, whose
    word begins with one of ``firsts`` (characters, or ranges of code points; None: any). Each repair looks at a few words of one kind, and the scan
    passes over every token of the corpus, so it runs in C where ``glossary/native/pairs.c`` could be built.

    >>> where([("7", "m"), ("种中重", "n"), ("齿轮", "n")], low=3), where([("7", "m"), ("两剂", "n")], firsts="两")
    ([1], [1])
    """
    native = load_module("pairs")
    if native is not None and type(pairs) is list:
        return native.where(pairs, tags, low, high, firsts)
    ranges = firsts if isinstance(firsts, tuple) else None

    def begins(w: str) -> bool:
        if firsts is None:
            return True
        if w == "":
            return False
        return any(lo <= ord(w[0]) <= hi for lo, hi in ranges) if ranges is not None else w[0] in firsts

    return [k for k, (w, t) in enumerate(pairs) if low <= len(w) <= high and (tags is None or t in tags) and begins(w)]


#: tags the segmenter gives to pieces of a foreign name it has cut (坦/n 布里/nrt 兹/rg, 阿拉弗/nr 拉/v)
_NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns"})
_PIECE_TAGS = frozenset({"n", "nr", "nrt", "nrfg", "ns", "ng", "rg", "g", "v", "d"})  # 莫/d + 德纳/ns: 莫德纳
MAX_NAME = 6


def join_names(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Rejoin a transliterated name the segmenter cut: '克拉维' + '斯' → '克拉维斯', and a
    name's last character glued to the next word taken back from it.

    A person-name token made only of transliteration characters takes in the loose
    transliteration characters around it: single-character pieces before and after it, and
    the first character of a following name-tagged token (the rest is segmented again).
    """
    chars = transliteration_chars()
    hits = [k for k in where(pairs, _NAME_TAGS, low=2) if all(c in chars for c in pairs[k][0])]
    if not hits:
        return pairs
    out = list(pairs)
    for k in reversed(hits):
        if k >= len(out) or out[k][1] not in _NAME_TAGS:
            continue
        (name, tag), start, end = out[k], k, k + 1
        while start > 0 and len(name) < MAX_NAME:
            w, t = out[start - 1]
            if len(w) == 1 and w in chars and t in _PIECE_TAGS:
                name, start = w + name, start - 1
            else:
                break
        tail: list[tuple[str, str]] = []
        while end < len(out) and len(name) < MAX_NAME:
            w, t = out[end]
            if t in _PIECE_TAGS and len(w) == 1 and w in chars:
                name, end = name + w, end + 1
            elif t in _NAME_TAGS and len(w) > 1 and w[0] in chars and not all(c in chars for c in w):
                name, end = name + w[0], end + 1  # '斯为例': the name's last syllable and the next words
                tail = list(rjieba.tag(w[1:], hmm=True))
                break
            else:
                break
        if end - start > 1 or tail:
            out[start:end] = [(name, tag), *tail]
    return out


def join_dotted_names(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A foreign name's parts and the dots between them as one name: 约翰 + · + 肯尼迪 → 约翰·肯尼迪. A dot
    joins two words of Hanzi right beside it that the segmenter reads as names or that are written in the
    characters transliteration uses; a dot with a space beside it, or between other words, is a separator
    (a page's "网 · 财经").

    >>> join_dotted_names([("约翰", "nrt"), ("·", "x"), ("菲茨杰拉德", "nrt"), ("·", "x"), ("肯尼迪", "nr"), ("说", "v")])
    [('约翰·菲茨杰拉德·肯尼迪', 'nr'), ('说', 'v')]
    >>> join_dotted_names([("观察网", "n"), ("·", "x"), ("财经", "n")])
    [('观察网', 'n'), ('·', 'x'), ('财经', 'n')]
    """
    chars = transliteration_chars()

    def name_like(pair: tuple[str, str]) -> bool:
        w, t = pair
        return bool(HAN_RUN.fullmatch(NAME_DOT.sub("", w))) and (t in _NAME_TAGS or all(c in chars for c in w))

    out: list[tuple[str, str]] = []
    prev = 0  # (the pairs before it are in out)
    for i in where(pairs, low=1, high=1, firsts=NAME_DOTS):
        out.extend(pairs[prev:i])
        if out and i + 1 < len(pairs) and name_like(out[-1]) and name_like(pairs[i + 1]):
            out[-1] = (out[-1][0] + pairs[i][0] + pairs[i + 1][0], "nr")
            prev = i + 2  # (the name after the dot is taken: no dot, so never a place where() gives)
        else:
            out.append(pairs[i])
            prev = i + 1
    out.extend(pairs[prev:])
    return out


def _capitalised(pair: tuple[str, str]) -> bool:
    return pair[1] == "eng" and pair[0][:1].isupper()


def _initial(word: str) -> bool:
    """One capital: I, O."""
    return len(word) == 1 and word.isascii() and word.isupper()


def join_latin(pairs: list[tuple[str, str]], i: int) -> tuple[str, str, int]:
    """Absorb "X Y", "X & Y", "X+", "X&Y", "X-35" after pairs[i] into one Latin token; return it and the last
    index."""
    word, tag = pairs[i]
    n = len(pairs)
    parts = [word]
    latin = tag == "eng"
    while i + 1 < n:
        nxt, ntag = pairs[i + 1]
        after = pairs[i + 2] if i + 2 < n else ("", "")
        if nxt == " " and after[1] == "eng":
            parts += [nxt, after[0]]
            i += 2
            latin = True
        elif nxt == " " and after[0] == "&" and i + 4 < n and pairs[i + 3][0] == " " and _capitalised(pairs[i + 4]):
            # a firm's name of two (Procter & Gamble, Johnson & Johnson): one name, not two
            parts += [" & ", pairs[i + 4][0]]
            i += 4
            latin = True
        elif nxt == "/" and parts == [word] and _initial(word) and after[1] == "eng" and _initial(after[0]):
            # two initials about a slash are one name (I/O, A/D, P/E): the second read alone was glued onto the
            # word after it ("O请求")
            parts += [nxt, after[0]]
            i += 2
            latin = True
        elif nxt in _JOINERS and after[1] in ("eng", "m") and after[0].isascii():
            parts += [nxt, after[0]]
            i += 2
            latin = latin or after[1] == "eng"
        elif nxt == "+":
            parts.append(nxt)
            i += 1
        elif ntag == "eng" or (ntag == "m" and nxt.isascii() and nxt.isalnum() and latin):
            parts.append(nxt)
            i += 1
            latin = True
        else:
            break
    joined = "".join(parts)
    # (a number as a program writes it, 0x1F00, 0b0001, is a number, not a Latin word)
    return joined, ("eng" if latin and not NUMBER_LITERAL.fullmatch(joined) else "m"), i
