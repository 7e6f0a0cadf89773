"""The list a term's English suggestions are gathered in.

>>> out = Suggestions()
>>> out.add("Soybean", "cedict", 0.7); out.add("soybean", "compose", 0.2)
>>> [(e.text, e.source) for e in out]
[('Soybean', 'cedict')]
"""

from __future__ import annotations

from ..models import Equivalent


class Suggestions(list[Equivalent]):
    """English suggestions in the order found; a text already there (in any case) is not added again."""

    def add(self, text: str, source: str, conf: float) -> None:
        text = text.strip()
        if text and all(e.text.lower() != text.lower() for e in self):
            self.append(Equivalent(text, source, round(conf, 2)))
