"""An OpenDocument text (``.odt``, LibreOffice's and WPS's, the format Taiwan's government publishes in) read as its
text: its headings and paragraphs, a line each, in the order they stand (lists, sections and tables' cells in row
order included), each paragraph's text boxes and notes after it; text deleted under review, comments and its
table of contents and indexes, copies of what the text holds, left out.

An ``.odt`` is XML in a zip, so it has no characters of its own: a term's offsets and lines are those of this text.
Its ``content.xml`` is parsed with no DTD or entity (``defusedxml``; the zip opened as :mod:`.zipped` opens one).

>>> import io, zipfile
>>> doc = io.BytesIO()
>>> with zipfile.ZipFile(doc, "w") as z:
...     z.writestr("content.xml", '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
...                ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
...                '<text:h>涡轮叶片</text:h><text:p>采用<text:span>陶瓷</text:span>涂层。</text:p>'
...                '</office:text></office:body></office:document-content>')
>>> prose(doc.getvalue(), "spec.odt")
'涡轮叶片\\n采用陶瓷涂层。\\n'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .zipped import open_zip, text_of, unreadable

_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
#: a paragraph or a heading: a line each
_PARAGRAPHS = frozenset({f"{_TEXT}p", f"{_TEXT}h"})
#: what holds no text of the document's own: text deleted under review, comments, a table of contents and the
#: indexes (copies of headings and words the text holds), the numbering and variables' declarations
_LEFT_OUT = frozenset(
    {
        f"{_TEXT}tracked-changes",
        f"{_OFFICE}annotation",
        f"{_OFFICE}annotation-end",
        f"{_TEXT}table-of-content",
        f"{_TEXT}alphabetical-index",
        f"{_TEXT}illustration-index",
        f"{_TEXT}table-index",
        f"{_TEXT}object-index",
        f"{_TEXT}user-index",
        f"{_TEXT}bibliography",
        f"{_TEXT}sequence-decls",
        f"{_TEXT}variable-decls",
        f"{_TEXT}user-field-decls",
        f"{_OFFICE}forms",
        f"{_TEXT}ruby-text",  # (a reading set over characters: it would part the word, as a web page's ruby would)
    }
)
_WHITE = re.compile(r"[ \t\r\n]+")
#: inside a paragraph, what stands for characters of its text
_CHARS = {f"{_TEXT}tab": "\t", f"{_TEXT}line-break": "\n"}
#: inside a paragraph, what holds paragraphs of its own (read after it): a note's body, a frame's text box
_INNER = frozenset({f"{_TEXT}note", f"{_DRAW}frame"})


def _said(paragraph: Any, after: list[Any]) -> str:
    """A paragraph's text, its spans and links read through; the notes and frames inside it put on ``after``.

    (OpenDocument's markup collapses a run of white space in a paragraph's text to one space, as HTML does; its
    spaces, tabs and line breaks of the text itself are elements: ``text:s``, ``text:tab``, ``text:line-break``.)
    """
    parts = [_WHITE.sub(" ", paragraph.text or "")]
    for child in paragraph:
        if child.tag in _INNER:
            after.append(child)
        elif child.tag == f"{_TEXT}s":
            parts.append(" " * int(child.get(f"{_TEXT}c", "1")))
        elif child.tag in _CHARS:
            parts.append(_CHARS[child.tag])
        elif child.tag not in _LEFT_OUT:
            parts.append(_said(child, after))
        parts.append(_WHITE.sub(" ", child.tail or ""))
    return "".join(parts)


def _lines(parent: Any) -> Iterator[str]:
    """The lines of a body, a list, a section, a table, a cell, a note or a text box, in document order."""
    for el in parent:
        if el.tag in _LEFT_OUT or el.tag == f"{_TEXT}note-citation":
            continue
        if el.tag in _PARAGRAPHS:
            after: list[Any] = []
            yield _said(el, after).strip(" ")  # (white space at a paragraph's ends is none of its text)
            for inner in after:
                yield from _lines(inner)
        else:  # (a list, an item, a section, a table and its rows and cells, a note's body, a frame's text box)
            yield from _lines(el)


def prose(data: bytes, name: str) -> str:
    """The text of the OpenDocument text ``data``: one line a paragraph or a heading (and a break inside one).

    :raises SourceError: when it is no OpenDocument text (a damaged file, one without ``content.xml``), unpacks to
        too much, or holds no text.
    """
    import zipfile
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        content = fromstring(open_zip(data, name, "an OpenDocument text").read("content.xml"))
        bodies = content.iter(f"{_OFFICE}text")
        lines = [line for body in bodies for line in _lines(body)]
    except (zipfile.BadZipFile, KeyError, ParseError, DefusedXmlException) as e:
        raise unreadable(name, "OpenDocument text", e, "save it again as .odt") from None
    return text_of(lines, name, "an OpenDocument text")
