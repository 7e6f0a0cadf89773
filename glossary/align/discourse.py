"""One sense per discourse: the run's terms whose whole English a resource or the texts give, listed under each
word they hold, and how many of them say a rendering of that word (:func:`glossary.align.choice.use_discourse`
fills it before a run is aligned; the sense-choice model reads :func:`discourse_support`).

>>> said("Object Types") in said("large object types")
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

_WORD = re.compile(r"[a-z0-9]+")

#: the run's terms whose whole English a resource or the texts give, under each word they hold: word → [(term,
#: that English as :func:`said` words)] (:func:`use_discourse`); and the terms whose own English is not counted
_DISCOURSE: dict[str, list[tuple[str, str]]] = {}
_LEFT_OUT: set[str] = set()


def said(text: str) -> str:
    """``text`` as its lower-case words, each without a plural s, space-padded: what "says it" compares."""
    ws = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in _WORD.findall(text.lower())]
    return " " + " ".join(ws) + " "


@contextmanager
def leaving_out(term: str) -> Iterator[None]:
    """While open, ``term``'s own English is not counted for its words (training: a term's known English must not
    label its own composition)."""
    _LEFT_OUT.add(term)
    try:
        yield
    finally:
        _LEFT_OUT.discard(term)


def discourse_support(word: str, option: str) -> int:
    """How many of the run's terms holding ``word`` say ``option`` in their whole English.

    >>> use({"对象": [("对象类型", said("object type")), ("大对象", said("large object"))]})
    >>> discourse_support("对象", "object"), discourse_support("对象", "partner")
    (2, 0)
    >>> use({})
    """
    key = said(option)
    return sum(1 for term, english in _DISCOURSE.get(word, ()) if key in english and term not in _LEFT_OUT)


def use(entries: dict[str, list[tuple[str, str]]]) -> None:
    """The run's terms under their words (word → [(term, its English as :func:`said` words)]), in place of the last
    run's."""
    _DISCOURSE.clear()
    _DISCOURSE.update(entries)


def known() -> bool:
    """Whether any term of the run is listed."""
    return bool(_DISCOURSE)


def terms_holding(word: str) -> list[tuple[str, str]]:
    """The listed terms that hold ``word``, with their English."""
    return _DISCOURSE.get(word, [])
