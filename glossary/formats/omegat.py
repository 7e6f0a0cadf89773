"""OmegaT glossary (``.utf8``): tab-separated source, target, comment; one line per English equivalent.

OmegaT loads a tab-separated glossary only from a ``.utf8``, ``.txt`` or ``.tab`` file (:data:`OMEGAT_NAMES`; a
``.tsv`` or ``.csv`` one it ignores or reads as another format), and reads it as UTF-8 for certain only from a
``.utf8`` one: we write ``.utf8`` and read all three. Tabs and line breaks
cannot live inside fields: they are written as spaces; a term beginning with ``#`` (a comment
for OmegaT) is written after a space. The comment of a
concept's first line carries Traditional, pinyin, status and the other forms seen (variants), each line its
English's source and role. A
comment is split only where ``; `` is followed by one of these keys, so a note keeps its own semicolons.

>>> from glossary.models import TermEntry, Equivalent
>>> data = OmegatFormat().write([TermEntry("镨钕", "鐠釹", "pǔ nǚ", [Equivalent("PrNd", "text", 0.9)])], WriteOptions())
>>> data.decode()
'镨钕\\tPrNd\\tzh-TW: 鐠釹; pinyin: pǔ nǚ; status: candidate; source: text; role: suggested\\n'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..errors import FormatError
from ..models import ROLES, Equivalent, Status, TermEntry
from .base import WriteOptions, decode_text, join, mark_given, split

#: the extensions of the tab-separated glossaries OmegaT loads: .utf8 in UTF-8, the others in the encoding it
#: detects (else the system's)
OMEGAT_NAMES = (".utf8", ".txt", ".tab")

_WS = re.compile(r"[\t\r\n]+")
_KEYS = ("zh-TW", "variants", "pinyin", "status", "source", "note", "role")
_PARTS = re.compile(f"; (?=(?:{'|'.join(_KEYS)}): )")


def _field(s: str) -> str:
    return _WS.sub(" ", s) if s else ""


class OmegatFormat:
    """Reader and writer for OmegaT's tab-separated glossary."""

    name = "omegat"
    extensions: tuple[str, ...] = OMEGAT_NAMES

    def write(self, entries: Sequence[TermEntry], options: WriteOptions) -> bytes:
        lines = []
        for e in entries:
            parts = [
                ("zh-TW", e.traditional),
                ("pinyin", e.pinyin),
                ("status", e.status.value),
                ("variants", join(e.variants)),
                ("note", e.note),
            ]
            comment = "; ".join(f"{k}: {_field(v)}" for k, v in parts if v)
            targets = e.english or [Equivalent("", "")]
            for i, q in enumerate(targets):
                c = comment if i == 0 else ""
                if q.source and q.text:
                    c = (c + "; " if c else "") + f"source: {_field(q.source)}; role: {q.role}"
                src = _WS.sub(" ", e.simplified)
                if src.startswith("#"):
                    src = " " + src  # OmegaT reads a line beginning with # as a comment
                lines.append(f"{src}\t{_WS.sub(' ', q.text)}\t{c}")
        return ("\n".join(lines) + "\n" if lines else "").encode("utf-8")

    def read(self, data: bytes, path: str) -> list[TermEntry]:
        text = decode_text(data, path, "OmegaT glossaries are UTF-8")
        out: dict[str, TermEntry] = {}
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\r").split("\t")
            if len(cols) < 2:
                raise FormatError("expected source<TAB>target[<TAB>comment]", path, n)
            src, tgt = cols[0].strip(), cols[1].strip()
            if not src:
                raise FormatError("empty source term", path, n)
            e = out.setdefault(src, TermEntry(src, given=frozenset()))
            meta = {}
            for part in _PARTS.split(cols[2] if len(cols) > 2 else ""):
                k, sep, v = part.partition(": ")
                if sep and k in _KEYS:
                    meta[k] = v
            if "status" in meta:
                e.given = (e.given or frozenset()) | {"status"}
                try:
                    e.status = Status.parse(meta["status"])
                except ValueError as err:
                    raise FormatError(str(err), path, n) from None
            e.traditional = meta.get("zh-TW", e.traditional)
            e.variants = split(meta["variants"]) if "variants" in meta else e.variants
            e.pinyin = meta.get("pinyin", e.pinyin)
            e.note = meta.get("note", e.note)
            if tgt:
                role = meta.get("role", "suggested")
                if "role" in meta:
                    e.given = (e.given or frozenset()) | {"roles"}
                e.english.append(
                    Equivalent(tgt, meta.get("source", "import"), 1.0, role if role in ROLES else "suggested")
                )
        return [mark_given(e) for e in out.values()]
