"""Word segmentation behind a small interface (default: jieba-rs through ``rjieba``).

Tokens keep every input character, so offsets add up; Latin names split by the
segmenter (``MP`` + `` `` + ``Materials``, ``SEG`` + ``+``) are joined again.

>>> [t.text for t in JiebaTokeniser().tokenize("给MP Materials公司的SEG+产品")]
['给', 'MP Materials', '公司', '的', 'SEG+', '产品']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import rjieba


@dataclass(frozen=True)
class Token:
    """A word with its part-of-speech tag (jieba's tag set; ``eng`` for Latin) and start offset."""

    text: str
    tag: str
    start: int


class Tokeniser(Protocol):
    """Anything that turns text into :class:`Token` objects covering every character."""

    def tokenize(self, text: str) -> list[Token]: ...


_JOINERS = {"+", "&", "-", ".", "'"}


class JiebaTokeniser:
    """jieba-rs with its HMM for unknown words, and Latin-name repair."""

    def tokenize(self, text: str) -> list[Token]:
        pairs = rjieba.tag(text, hmm=True)
        out: list[Token] = []
        pos = 0
        i, n = 0, len(pairs)
        while i < n:
            word, tag = pairs[i]
            start = pos
            pos += len(word)
            if tag == "eng" or (tag == "m" and word.isascii() and word[:1].isalnum()):
                # absorb "X Y", "X+", "X&Y", "X-35" into one Latin token
                parts = [word]
                latin = tag == "eng"
                while i + 1 < n:
                    nxt, ntag = pairs[i + 1]
                    after = pairs[i + 2] if i + 2 < n else ("", "")
                    if nxt == " " and after[1] == "eng":
                        parts += [nxt, after[0]]
                        pos += 1 + len(after[0])
                        i += 2
                        latin = True
                    elif nxt in _JOINERS and (after[1] in ("eng", "m") and after[0].isascii()):
                        parts += [nxt, after[0]]
                        pos += len(nxt) + len(after[0])
                        i += 2
                        latin = latin or after[1] == "eng"
                    elif nxt == "+" :
                        parts.append(nxt)
                        pos += 1
                        i += 1
                    elif ntag == "eng" or (ntag == "m" and nxt.isascii() and nxt.isalnum() and latin):
                        parts.append(nxt)
                        pos += len(nxt)
                        i += 1
                        latin = True
                    else:
                        break
                word = "".join(parts)
                tag = "eng" if latin else "m"
            out.append(Token(word, tag, start))
            i += 1
        return out
