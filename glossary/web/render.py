"""What the pages show, as plain data for the templates (which escape every piece of it): contexts with the
term marked, each sentence once, and history rows as field: before → after.

>>> from glossary.models import TermEntry, Context
>>> e = TermEntry("镨钕", "鐠釹", contexts=[Context("a.txt", 3, "镨钕价格上涨，鐠釹也是。", 2), Context("b.txt", 9, "镨钕价格上涨，鐠釹也是。")])
>>> [(c.where, [(part, marked) for part, marked in c.parts]) for c in contexts(e)]
[('a.txt:2, b.txt, character 9', [('镨钕', True), ('价格上涨，', False), ('鐠釹', True), ('也是。', False)])]
>>> changes('{"status": "candidate"}', '{"status": "approved", "preferred": "PrNd"}')
[('status', 'candidate', 'approved'), ('preferred', '', 'PrNd')]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..models import TermEntry
from ..termbase.undo import changes as _changes


@dataclass
class Shown:
    """One sentence an entry was seen in, with every place it was seen (file:line) and its parts, each
    marked True where it is a form of the term."""

    text: str
    places: list[str] = field(default_factory=list)
    parts: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def where(self) -> str:
        return ", ".join(self.places)


def contexts(e: TermEntry) -> list[Shown]:
    """The entry's contexts, each sentence once, with every form of the term (either script, variants) marked."""
    forms = sorted({e.simplified, e.traditional, *e.variants} - {""}, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, forms))) if forms else None
    out: dict[str, Shown] = {}
    for c in e.contexts:
        shown = out.get(c.text)
        if shown is None:
            shown = out[c.text] = Shown(c.text, parts=_parts(c.text, pattern))
        shown.places.append(f"{c.file}:{c.line}" if c.line else f"{c.file}, character {c.offset}")
    return list(out.values())


def _parts(text: str, pattern: re.Pattern[str] | None) -> list[tuple[str, bool]]:
    if pattern is None:
        return [(text, False)]
    parts: list[tuple[str, bool]] = []
    at = 0
    for m in pattern.finditer(text):
        if m.start() > at:
            parts.append((text[at : m.start()], False))
        parts.append((m.group(), True))
        at = m.end()
    if at < len(text):
        parts.append((text[at:], False))
    return parts


def _show(v: Any) -> str:
    if isinstance(v, list):
        return " | ".join(_show(x[0] if isinstance(x, list) and x else x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return "" if v is None else str(v)


def changes(before: str, after: str) -> list[tuple[str, str, str]]:
    """The fields a history row changed (:func:`glossary.termbase.undo.changes`) as the page shows them."""
    shown = [(k, _show(b), _show(a)) for k, b, a in _changes(before, after) or []]
    return [(k, b, a) for k, b, a in shown if b != a]


def history(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    """History rows, newest first, with their changes worked out."""
    return [{**r, "changes": changes(r["before"], r["after"])} for r in reversed(rows)]


def pct(x: float) -> str:
    """A confidence as the page shows it."""
    return f"{x:.2f}"


FILTERS = {"pct": pct}
