"""A Word document (``.docx``) read as its text: the body's paragraphs and its tables' cells, each a line, in the
order they stand, each paragraph's text boxes after it, then its footnotes and endnotes; its page headers and
footers, a page's furniture, and its table of contents, a copy of its headings, left out.

A translator is handed Word files more than any other. A ``.docx`` is XML in a zip, so it has no characters of its
own to count: a term's offsets and lines are those of this text. ``python-docx`` opens the package, with a parser
that resolves no entities, as untrusted input should be read; the text is read off its XML here, as Word shows it:
``python-docx``'s own ``Paragraph.text`` reads only the runs a paragraph holds directly, so text inserted under
review, inside a content control or a field, and text boxes were lost.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from .zipped import open_zip, text_of, unreadable

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_BOX = f"{_W}txbxContent"
#: what stands in a run for a character of its text
_CHARS = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
#: what a paragraph holds that is not its own text: its text boxes (read after it), the copy of a drawing kept for
#: old readers, text deleted or moved away under review, and a reading set over characters (漢 with hàn over it:
#: the reading would part the word, as a web page's ruby would)
_NOT_ITS_TEXT = frozenset({_BOX, _FALLBACK, f"{_W}del", f"{_W}moveFrom", f"{_W}rt"})
#: what a text box inside another, or inside the copy for old readers, is read with (not on its own)
_BOX_HOLDERS = frozenset({_BOX, _FALLBACK})
#: footnotes and endnotes of these types are Word's separator lines, no text
_SEPARATORS = frozenset({"separator", "continuationSeparator", "continuationNotice"})


def _within(el: Any, paragraph: Any, tags: frozenset[str]) -> bool:
    """Whether ``el`` stands inside an element of ``tags`` within ``paragraph``."""
    for above in el.iterancestors():
        if above is paragraph:
            return False
        if above.tag in tags:
            return True
    return False


def _text(paragraph: Any) -> str:
    """A paragraph's text as Word shows it: its runs wherever they stand (in an insertion under review, a content
    control, a field, a hyperlink), a tab, a break and a non-breaking hyphen as characters."""
    return "".join(
        (el.text or "") if el.tag == f"{_W}t" else _CHARS[el.tag]
        for el in paragraph.iter(f"{_W}t", *_CHARS)
        if not _within(el, paragraph, _NOT_ITS_TEXT)
    )


def _is_contents(control: Any) -> bool:
    """Whether the content control ``control`` holds Word's table of contents (a copy of the headings)."""
    return any("Contents" in (g.get(f"{_W}val") or "") for g in control.iter(f"{_W}docPartGallery"))


def _lines(parent: Any) -> Iterator[str]:
    """The lines of a body, a cell, a content control or a note: each paragraph, then its text boxes'; each table's
    cells in row order (a merged cell is one cell), nested tables too."""
    for el in parent:
        if el.tag == f"{_W}p":
            yield _text(el)
            for box in el.iter(_BOX):
                if not _within(box, el, _BOX_HOLDERS):
                    yield from _lines(box)
        elif el.tag == f"{_W}tbl":
            for row in el.iterchildren(f"{_W}tr"):
                for cell in row.iterchildren(f"{_W}tc"):
                    yield from _lines(cell)
        elif el.tag == f"{_W}sdt" and not _is_contents(el):
            for content in el.iterchildren(f"{_W}sdtContent"):
                yield from _lines(content)
        elif el.tag == f"{_W}customXml":
            yield from _lines(el)


def _notes(document: Any) -> Iterator[str]:
    """The lines of the document's footnotes and endnotes, in the order the parts hold them."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    for rel in document.part.rels.values():
        if rel.reltype in (RT.FOOTNOTES, RT.ENDNOTES) and not rel.is_external:
            for note in parse_xml(rel.target_part.blob):
                if note.get(f"{_W}type") not in _SEPARATORS:
                    yield from _lines(note)


def prose(data: bytes, name: str) -> str:
    """The text of the Word document ``data``: one line a paragraph or a cell (and a break inside one).

    :raises SourceError: when it is no Word document (an old binary ``.doc`` renamed, a damaged file) or holds no
        text.
    """
    import zipfile

    import docx  # (python-docx, and lxml under it: only a mine with a Word file pays for them)
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        open_zip(data, name, "a Word file")  # (a zip that unpacks a thousandfold: a Word file is untrusted input)
        document = docx.Document(io.BytesIO(data))
        lines = [*_lines(document.element.body), *_notes(document)]
    except (PackageNotFoundError, zipfile.BadZipFile, XMLSyntaxError, KeyError, ValueError) as e:
        raise unreadable(name, "Word file", e, "save it again as .docx") from None
    return text_of(lines, name, "a Word file")
