"""A slide deck (``.pptx``) read as its text: each slide's text boxes, tables and grouped shapes, a line a
paragraph or a cell, then the speaker's notes, slide after slide (``python-pptx``).

Translators are handed slides nearly as often as Word files. A ``.pptx`` is XML in a zip, so it has no characters
of its own: a term's offsets and lines are those of this text. The XML is read without its entities resolved
(``python-pptx``'s own parser), and the zip is opened as :mod:`.zipped` opens one.

>>> prose(b"\\xd0\\xcf\\x11\\xe0 (an old binary file renamed)", "old.pptx")
Traceback (most recent call last):
...
glossary.errors.SourceError: old.pptx: cannot read this slide deck (BadZipFile: File is not a zip file); save it again as .pptx; skipped
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

from .zipped import open_zip, text_of, unreadable


def _lines(shapes: Iterable[Any]) -> Iterator[str]:
    """The paragraphs of ``shapes``' text, their tables' cells in row order (a merged cell once), in the order the
    slide holds them; a group's shapes in place of the group."""
    for shape in shapes:
        if shape.shape_type is not None and hasattr(shape, "shapes"):  # a group
            yield from _lines(shape.shapes)
        elif shape.has_text_frame:
            yield from (p.text for p in shape.text_frame.paragraphs)
        elif getattr(shape, "has_table", False):
            for row in shape.table.rows:
                for cell in row.cells:
                    if not cell.is_spanned:  # (a merged cell's other cells are spanned by it)
                        yield from (p.text for p in cell.text_frame.paragraphs)


def prose(data: bytes, name: str) -> str:
    """The text of the slide deck ``data``: one line a paragraph or a cell, each slide's notes after it.

    :raises SourceError: when it is no slide deck (an old binary ``.ppt`` renamed, a damaged file), unpacks to too
        much, or holds no text.
    """
    import zipfile

    import pptx  # (python-pptx: only a mine with a slide deck pays for it)
    from lxml.etree import XMLSyntaxError
    from pptx.exc import PackageNotFoundError

    try:
        open_zip(data, name, "a slide deck")
        lines: list[str] = []
        for slide in pptx.Presentation(io.BytesIO(data)).slides:
            lines.extend(_lines(slide.shapes))
            if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
                lines.extend(p.text for p in slide.notes_slide.notes_text_frame.paragraphs)
    except (PackageNotFoundError, zipfile.BadZipFile, XMLSyntaxError, KeyError, ValueError) as e:
        raise unreadable(name, "slide deck", e, "save it again as .pptx") from None
    return text_of(lines, name, "a slide deck")
