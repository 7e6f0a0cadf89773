"""The features' columns that are read candidate by candidate: their counts and neighbours, their words as ids, and
what their own strings say (a set they are in, a term head they end in, their length, script and digits, their
general frequency, their ECDICT entry). Each is read in C where ``glossary/native`` could build its module
(``columns.c``), and in Python otherwise; the two give the same numbers to the last bit (the tests
hold them to each other), so the rows are the ones the model was fitted on either way.

>>> import numpy as np
>>> members({"齿轮", "轴承"}, ["齿轮", "铜"]).tolist(), term_heads(["出口管制", "管制", "美国大豆"]).tolist()
([1.0, 0.0], [1.0, 0.0, 0.0])
>>> shape(["CO2排放", "齿轮"]).tolist()[0][1:]
[0.0, 1.0, 1.0]
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from .. import data
from ..native import load_module
from . import lexicon
from .features import NAME_HEADS
from .filters import (
    background_frequency,
    elements,
    general_chinese,
    head_set,
    is_chemical,
    longest_head,
    term_head,
)
from .ngrams import words_in

if TYPE_CHECKING:  # pragma: no cover
    from numpy.typing import NDArray

#: general frequencies below this read as this (log10 of it: -9, a string general Chinese never writes)
FREQUENCY_FLOOR = 1e-9


def _list(keys: Sequence[str]) -> list[str]:
    return keys if isinstance(keys, list) else list(keys)


def log_frequency(f: float) -> float:
    """log10 of a general frequency, at least :data:`FREQUENCY_FLOOR`'s."""
    return math.log10(max(f, FREQUENCY_FLOOR))


def log_counts(values: NDArray) -> NDArray:
    """``math.log(1 + max(v, 0.0))`` of each of ``values`` (counts, and counts less their parents' mean).

    >>> import numpy as np
    >>> log_counts(np.array([0.0, -2.0, 3.0])).round(3).tolist()
    [0.0, 0.0, 1.386]
    """
    import numpy as np

    native = load_module("columns")
    if native is None:
        return np.array([math.log(1 + max(v, 0.0)) for v in values.tolist()], dtype=float)
    out = np.empty(len(values))
    native.log_counts(out, np.ascontiguousarray(values, dtype=float))
    return out


def logistic(z: NDArray, b: float) -> list[float]:
    """:func:`glossary.data.logistic` of ``b + v`` for each of ``z`` (the log-odds clipped to ±30).

    >>> import numpy as np
    >>> [round(p, 3) for p in logistic(np.array([0.0, 100.0]), 1.0)]
    [0.731, 1.0]
    """
    import numpy as np

    native = load_module("columns")
    if native is None:
        return [data.logistic(b + v) for v in z.tolist()]
    return native.logistic(np.ascontiguousarray(z, dtype=float), b)


def counts(found: Mapping[str, float], keys: Sequence[str]) -> NDArray:
    """``found.get(k, 0)`` of each of ``keys`` (counts, or other numbers), as floats.

    >>> counts({"齿轮": 3}, ["齿轮", "轴承"]).tolist()
    [3.0, 0.0]
    """
    import numpy as np

    native = load_module("columns")
    if native is None or not isinstance(found, dict):
        return np.fromiter((found.get(k, 0) for k in keys), dtype=float, count=len(keys))
    out = np.empty(len(keys))
    native.lookup(out, found, _list(keys))
    return out


def neighbour_measures(side: Mapping[str, dict[str, int] | str], keys: Sequence[str]) -> NDArray:
    """:func:`side_measures` of each key's neighbours on one side, as rows.

    >>> neighbour_measures({"齿轮": "", "轴承": {"": 1, "材料": 1}}, ["齿轮", "轴承", "铜"]).round(3).tolist()
    [[1.0, 0.0, 0.693], [0.5, 0.693, 1.099], [0.0, 0.0, 0.0]]
    """
    import numpy as np

    native = load_module("columns")
    if native is None or not isinstance(side, dict):
        return np.array([side_measures(side.get(k, _NONE)) for k in keys]).reshape(len(keys), 3)
    out = np.empty((len(keys), 3))
    native.neighbour_measures(out, side, _list(keys))
    return out


_NONE: dict[str, int] = {}
#: a candidate seen once on a side: its one neighbour a chunk's edge or a word (the entropy is 0 either way)
_ONCE_EDGE = (1.0, 0.0, math.log(2))
_ONCE_WORD = (0.0, 0.0, math.log(2))


def side_measures(found: dict[str, int] | str) -> tuple[float, float, float]:
    """:func:`entropy` of a candidate's neighbours on one side (a str: the one neighbour of a candidate seen once)."""
    if isinstance(found, str):
        return _ONCE_EDGE if found == "" else _ONCE_WORD
    return entropy(found)


def entropy(counts: dict[str, int]) -> tuple[float, float, float]:
    """(share of occurrences at a chunk's edge, entropy of the neighbours, log distinct neighbours); each edge
    occurrence counts as a neighbour of its own, since anything may stand beyond a break."""
    total = sum(counts.values())
    if not total:
        return 0.0, 0.0, 0.0
    edge = counts.get("", 0)
    h = edge * (1 / total) * math.log(total) if edge else 0.0
    for k, c in counts.items():
        if k:
            p = c / total
            h -= p * math.log(p)
    return edge / total, h, math.log(1 + edge + len(counts) - (1 if edge else 0))


def word_ids(keys: Sequence[str], shapes: Mapping[str, str]) -> tuple[list[str], NDArray, NDArray]:
    """The words of ``keys`` (cut by their :func:`~.ngrams.shape` in ``shapes``; a key without one is one word),
    each once in the order first seen (a word's id is its place there); how many words each key has (int64) and
    every key's words' ids one after another (int32).

    >>> words, lens, flat = word_ids(["出口管制", "管制"], {"出口管制": "\\x02\\x02"})
    >>> words, lens.tolist(), flat.tolist()
    (['出口', '管制'], [2, 1], [0, 1, 1])
    """
    import numpy as np

    native = load_module("columns")
    if native is None or not isinstance(shapes, dict):
        ids: dict[str, int] = {}
        split = [words_in(k, shapes.get(k)) for k in keys]
        lens = np.fromiter(map(len, split), dtype=np.int64, count=len(keys))
        flat = np.fromiter((ids.setdefault(t, len(ids)) for w in split for t in w), dtype=np.int32)
        return list(ids), lens, flat
    words, lens_bytes, flat_bytes = native.word_ids(_list(keys), shapes)
    return words, np.frombuffer(lens_bytes, dtype=np.int64), np.frombuffer(flat_bytes, dtype=np.int32)


def members(container: Collection[str], keys: Sequence[str]) -> NDArray:
    """1.0 for each of ``keys`` in ``container`` (a set or a dict), else 0.0."""
    import numpy as np

    native = load_module("columns")
    if native is None:
        return np.fromiter((k in container for k in keys), dtype=float, count=len(keys))
    out = np.empty(len(keys))
    native.members(out, container, _list(keys))
    return out


def term_heads(keys: Sequence[str]) -> NDArray:
    """1.0 for each of ``keys`` that :func:`~glossary.mining.filters.term_head` finds a head at the end of."""
    import numpy as np

    native = load_module("columns")
    if native is None:
        return np.fromiter((term_head(k) is not None for k in keys), dtype=float, count=len(keys))
    out = np.empty(len(keys))
    native.ends_in_member(out, head_set(), longest_head(), _list(keys))
    return out


def name_ends(keys: Sequence[str]) -> NDArray:
    """1.0 for each of ``keys`` of three characters or more that ends as the name of a body or a law does
    (:data:`~glossary.mining.features.NAME_HEADS`).

    >>> name_ends(["某委员会", "部", "美国"]).tolist()
    [1.0, 0.0, 0.0]
    """
    import numpy as np

    native = load_module("columns")
    if native is None:
        return np.fromiter((k.endswith(NAME_HEADS) and len(k) > 2 for k in keys), dtype=float, count=len(keys))
    out = np.empty(len(keys))
    native.ends_with(out, NAME_HEADS, 3, _list(keys))
    return out


def chemicals(keys: Sequence[str]) -> NDArray:
    """1.0 for each of ``keys`` that :func:`~glossary.mining.filters.is_chemical` calls a chemical name (asked only
    of the keys with an element's character at an end, as it needs: the rest are 0.0 at once).

    >>> chemicals(["碳酸钙", "大豆"]).tolist()
    [1.0, 0.0]
    """
    import numpy as np

    native = load_module("columns")
    if native is None:
        return np.fromiter(map(is_chemical, keys), dtype=float, count=len(keys))
    out = np.empty(len(keys))
    native.edge_in(out, elements(), _list(keys))
    for r in np.flatnonzero(out).tolist():
        out[r] = is_chemical(keys[r])
    return out


def known(is_known: Callable[[str], object], keys: Sequence[str]) -> NDArray:
    """1.0 for each key that is not ASCII and that ``is_known`` (the segmenter's dictionary) holds.

    >>> known(lambda k: k == "齿轮", ["齿轮", "轴承", "gear"]).tolist()
    [1.0, 0.0, 0.0]
    """
    import numpy as np

    native = load_module("columns")
    if native is None:
        return np.fromiter((not k.isascii() and bool(is_known(k)) for k in keys), dtype=float, count=len(keys))
    out = np.empty(len(keys))
    native.known(out, is_known, _list(keys))
    return out


_LATIN_LETTER = re.compile("[A-Za-z]")


def shape(keys: Sequence[str]) -> NDArray:
    """Four columns a key: the log of its length; whether it is ASCII; whether it holds a Latin letter and is not
    ASCII (a code in Chinese: CO2排放); whether it holds a digit (as ``str.isdigit`` says: full-width and
    superscript digits too)."""
    import numpy as np

    native = load_module("columns")
    out = np.empty((len(keys), 4))
    if native is not None:
        native.shape(out, _list(keys))
        return out
    for r, k in enumerate(keys):
        ascii_key = k.isascii()
        out[r] = (
            math.log(len(k)),
            ascii_key,
            not ascii_key and _LATIN_LETTER.search(k) is not None,
            any(c.isdigit() for c in k),
        )
    return out


def general_frequencies(keys: Sequence[str], read: dict[str, float | None] | None = None) -> NDArray:
    """:func:`log_frequency` of each key's frequency in general Chinese
    (:func:`~glossary.mining.filters.background_frequency`). ``read``: what the table's
    :meth:`~glossary.table.Table.read` gave for these keys, or more (else it is read here)."""
    import numpy as np

    native = load_module("columns")
    if native is None:
        return np.fromiter((log_frequency(background_frequency(k)) for k in keys), dtype=float, count=len(keys))
    keys = _list(keys)
    out = np.empty(len(keys))
    native.log10_lookup(out, general_chinese().read(keys) if read is None else read, FREQUENCY_FLOOR, keys)
    return out


def lexicon_entries(keys: Sequence[str], read: dict[str, tuple[int, bool] | None] | None = None) -> NDArray:
    """Three columns a key, from ECDICT's entry for it (:func:`~glossary.mining.lexicon.entry`): whether it has
    one, the log of one plus how many English headwords it translates, whether one of them is under a field
    label. ``read``: what :func:`~glossary.mining.lexicon.read` gave for these keys, or more (else it is read
    here)."""
    import numpy as np

    native = load_module("columns")
    out = np.empty((len(keys), 3))
    if native is not None:
        keys = _list(keys)
        native.entries(out, lexicon.read(keys) if read is None else read, keys)
        return out
    for r, k in enumerate(keys):
        w = lexicon.entry(k)
        out[r] = (1.0, math.log(1 + w[0]), bool(w[1])) if w else (0.0, 0.0, 0.0)
    return out
