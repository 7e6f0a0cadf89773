"""Safe parsing of untrusted XML (TMX, TBX) with line numbers for error messages.

No DTD entity is expanded and nothing is fetched: a "billion laughs" file is
refused at its first entity declaration.

>>> root, lines = parse(b"<a>\\n<b>x</b></a>", "f.xml")
>>> local(root[0].tag), lines[id(root[0])]
('b', 2)
>>> parse(b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', "f.xml")
Traceback (most recent call last):
...
glossary.errors.FormatError: f.xml:1: XML entity declarations are not allowed in imported files; remove the DTD
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

import defusedxml
from defusedxml.ElementTree import DefusedXMLParser

from ..errors import FormatError
from ..models import TermEntry

XML_NS = "{http://www.w3.org/XML/1998/namespace}"


class _LineBuilder(ET.TreeBuilder):
    def __init__(self) -> None:
        super().__init__()
        self.parser: Any = None
        self.lines: dict[int, int] = {}

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        el = super().start(tag, attrs)
        self.lines[id(el)] = self.parser.parser.CurrentLineNumber
        return el


def parse(data: bytes, path: str) -> tuple[ET.Element, dict[int, int]]:
    """Parse bytes into an element tree; return (root, id(element) -> line).

    :raises FormatError: for malformed XML or any entity or external reference.
    """
    builder = _LineBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    builder.parser = parser
    line: int | None  # where a refused or malformed document went wrong
    try:
        parser.feed(data)
        root = parser.close()
    except defusedxml.EntitiesForbidden as e:
        line = parser.parser.CurrentLineNumber
        if getattr(e, "sysid", None) or getattr(e, "pubid", None):
            raise FormatError(
                "XML external entities are not allowed in imported files (nothing is fetched); remove the DTD",
                path,
                line,
            ) from None
        raise FormatError(
            "XML entity declarations are not allowed in imported files; remove the DTD", path, line
        ) from None
    except (defusedxml.ExternalReferenceForbidden, defusedxml.DTDForbidden, defusedxml.NotSupportedError):
        line = parser.parser.CurrentLineNumber
        raise FormatError("external references are not allowed in imported files", path, line) from None
    except ET.ParseError as e:
        line = e.position[0] if getattr(e, "position", None) else None
        msg = str(e).split(":")[0]
        raise FormatError(f"malformed XML ({msg})", path, line) from None
    return root, builder.lines


def local(tag: str) -> str:
    """Tag name without its namespace."""
    return tag.rsplit("}", 1)[-1]


def lang_of(el: ET.Element) -> str:
    """``xml:lang`` (or TMX 1.1 ``lang``) of an element, or ''."""
    return el.get(XML_NS + "lang") or el.get("lang") or ""


#: TMX/TBX inline elements that hold a native code (``<b>``, ``{1}``), not text of the segment
_CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})


def text_of(el: ET.Element | None) -> str:
    """The text of an element with inline markup flattened: the text of ``<hi>`` and the like stays, the
    native codes inside ``<bpt>``, ``<ept>``, ``<ph>``, ``<it>`` and ``<ut>`` go.

    >>> text_of(ET.fromstring('<seg><bpt i="1">&lt;b&gt;</bpt>大豆<ept i="1">&lt;/b&gt;</ept> <hi>non-GMO</hi></seg>'))
    '大豆 non-GMO'
    """
    if el is None:
        return ""
    out = [el.text or ""]
    for child in el:
        if local(child.tag) not in _CODES:
            out.append(text_of(child))
        out.append(child.tail or "")
    return "".join(out)


# characters XML 1.0 cannot hold at all, even as references
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def check_carryable(entries: Iterable[TermEntry]) -> None:
    """Refuse, before a byte is written, an entry with text XML 1.0 cannot hold (a control character pasted into a
    note), naming the entry and the field to mend: :func:`esc` alone could quote only the text, and a term base
    of 100,000 entries does not say where it is.

    >>> check_carryable([TermEntry("小部件", note="a\x01b")])
    Traceback (most recent call last):
    ...
    glossary.errors.FormatError: 小部件: its note holds U+0001, which XML cannot carry; remove it (glossary edit) or export to CSV
    """
    search = _NOT_XML.search
    for e in entries:
        # (one search over an entry's text; its fields are looked at one by one only to name the one at fault)
        if not search(
            "\n".join(
                [e.simplified, e.traditional, e.pinyin, e.note, *e.variants, *e.files, *e.file_counts]
                + [x for q in e.english for x in (q.text, q.source)]
                + [x for c in e.contexts for x in (c.file, c.text)]
            )
        ):
            continue
        fields = {
            "term": [e.simplified],
            "Traditional form": [e.traditional],
            "pinyin": [e.pinyin],
            "note": [e.note],
            "variants": e.variants,
            "English": [x for q in e.english for x in (q.text, q.source)],
            "files": [*e.files, *e.file_counts, *(c.file for c in e.contexts)],
            "contexts": [c.text for c in e.contexts],
        }
        for name, values in fields.items():
            for value in values:
                bad = search(value)
                if bad:
                    raise FormatError(
                        f"{e.simplified}: its {name} holds U+{ord(bad.group()):04X}, which XML cannot carry; "
                        "remove it (glossary edit) or export to CSV"
                    )


def esc(text: str) -> str:
    """Escape element text; a CR is written as a reference so parsing keeps it.

    :raises FormatError: for a control character that XML cannot carry.
    """
    bad = _NOT_XML.search(text)
    if bad:
        raise FormatError(
            f"{text[:30]!r} holds U+{ord(bad.group()):04X}, which XML cannot carry; remove it or export to CSV"
        )
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def attr(text: str) -> str:
    """A quoted attribute value that survives attribute-value normalisation."""
    return '"' + esc(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;") + '"'
