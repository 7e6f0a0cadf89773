"""The words a composition reads a term as (:mod:`glossary.align.compose`): CC-CEDICT's split, a Latin run as
written, elements in a row one material, a loose character and the word beside it one where ECDICT renders them
together; and each word's reading where it stands in the term.

>>> parts("镍钴锰产量"), readings("重金属", ["重", "金属"])
(['镍钴锰', '产量'], ['zhong4', 'jin1 shu3'])
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from ..mining import lexicon
from ..mining.filters import elements, is_chemical
from ..normalise.pinyin import to_pinyin
from . import dictionary
from .names import chemical
from .options import LATIN, MULTIPLIER, NUMBER


def parts(term: str) -> list[str]:
    """The words of ``term``; elements in a row are one word, a material (镍 钴 锰 → 镍钴锰, NCM).

    >>> parts("镍钴锰产量"), parts("30万千瓦机组")
    (['镍钴锰', '产量'], ['30万', '千瓦', '机组'])
    """
    pieces: list[str] = []
    for m in re.finditer(r"[A-Za-z0-9][A-Za-z0-9 &+.\-']*|[^A-Za-z0-9]+", term):
        chunk = m.group(0)
        if LATIN.fullmatch(chunk):
            pieces.append(chunk.strip())
            continue
        times = MULTIPLIER.match(chunk) if pieces and NUMBER.fullmatch(pieces[-1]) else None
        if times:  # a number's multiplier is the number's (30 + 万千瓦 is 300,000 kilowatts, not 30 "myriad" watts)
            pieces[-1] += times.group(0)
            chunk = chunk[times.end() :]
        pieces.extend(dictionary.segment(chunk) if chunk else [])
    el = elements()
    out: list[str] = []
    for p in pieces:
        if out and p in el and out[-1] and all(c in el for c in out[-1]):
            out[-1] += p
        elif p:
            out.append(p)
    return lexicon_words(_compounds(out))


def _compounds(parts: list[str]) -> list[str]:
    """``parts`` with the pieces in a row that name one compound by chemistry's rules made one word (碳酸 + 锂 →
    碳酸锂, lithium carbonate, not "carbonate lithium").

    >>> _compounds(["碳酸", "锂", "价格"])
    ['碳酸锂', '价格']
    """

    def names_one(i: int, j: int) -> bool:
        run = "".join(parts[i:j])
        return not any(p.isascii() for p in parts[i:j]) and is_chemical(run) and bool(chemical(run))

    return _joined(parts, _RUN + 1, names_one)


def _joined(parts: list[str], most: int, joins: Callable[[int, int], bool]) -> list[str]:
    """``parts``, from left to right, with the longest run of two to ``most`` pieces from each place that ``joins``
    accepts (by its bounds, ``parts[i:j]``) made one word.

    >>> _joined(["a", "b", "c"], 2, lambda i, j: i == 1)
    ['a', 'bc']
    """
    out: list[str] = []
    i = 0
    while i < len(parts):
        j = next((j for j in range(min(len(parts), i + most), i + 1, -1) if joins(i, j)), i + 1)
        out.append("".join(parts[i:j]))
        i = j
    return out


def loose(piece: str, el: Mapping[str, object]) -> bool:
    """Whether ``piece`` is a character standing alone in a term's split, no element (``el``: the elements)."""
    return len(piece) == 1 and not piece.isascii() and piece not in el


#: pieces in a row that may make one word ECDICT renders, and its most characters
_RUN, _LONGEST = 3, 6


def lexicon_words(parts: list[str]) -> list[str]:
    """``parts`` with a loose character and the words beside it made one where ECDICT renders them together,
    under a field's label, and CC-CEDICT lacks the word: the character alone guesses at a sense (器 "device"),
    the lexicon's word does not. Only whole words of CC-CEDICT's split are joined, and none beside another loose
    character (two in a row are a word neither dictionary has, or two modifiers: 中 + 重).

    >>> lexicon_words(["蒸发", "器", "故障"]) if lexicon.available() else ["蒸发器", "故障"]
    ['蒸发器', '故障']
    """
    el = elements()

    def rendered(i: int, j: int) -> bool:
        run = parts[i:j]
        has_loose = any(loose(p, el) for p in run)
        beside = (i > 0 and loose(parts[i - 1], el)) or (j < len(parts) and loose(parts[j], el))
        if not has_loose or beside or all(len(p) == 1 for p in run) or any(p.isascii() for p in run):
            return False
        word = "".join(run)
        entry = lexicon.entry(word) if len(word) <= _LONGEST else None
        return bool(entry and entry[1])

    return _joined(parts, _RUN, rendered)


def readings(term: str, parts: list[str]) -> list[str | None]:
    """The numbered pinyin of each part where it stands in the term (for polyphones: 重 zhong4)."""
    if not all(len(p) == 1 or not p.isascii() for p in parts) or any(p.isascii() for p in parts):
        return [None] * len(parts)
    syllables = to_pinyin(term, "numbers").split()
    if len(syllables) != len(term):
        return [None] * len(parts)
    out: list[str | None] = []
    k = 0
    for p in parts:
        out.append(" ".join(syllables[k : k + len(p)]))
        k += len(p)
    return out
