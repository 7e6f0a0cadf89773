"""A Word document (``.docx``) read as its text: the body's paragraphs and its tables' cells, each a line, in the
order they stand (``python-docx``); its page headers and footers, a page's furniture, left out.

A translator is handed Word files more than any other. A ``.docx`` is XML in a zip, so it has no characters of its
own to count: a term's offsets and lines are those of this text. The XML is read without its entities resolved
(``python-docx``'s own parser), as untrusted input should be.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from ..errors import SourceError
from .zipped import open_zip


def _lines(container: Any) -> Iterator[str]:
    """The paragraphs of a body or a cell, a table's cells in row order (a merged cell once), nested tables too."""
    for block in container.iter_inner_content():
        if hasattr(block, "rows"):  # a table
            seen: set[Any] = set()  # (the cells' elements themselves, kept alive: an id() outlives its proxy)
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc not in seen:  # (a merged cell is the same cell in every row and column it spans)
                        seen.add(cell._tc)
                        yield from _lines(cell)
        else:
            yield block.text


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
        lines = list(_lines(document))
    except (PackageNotFoundError, zipfile.BadZipFile, XMLSyntaxError, KeyError, ValueError) as e:
        raise SourceError(
            f"{name}: cannot read this Word file ({type(e).__name__}: {e}); save it again as .docx; skipped"
        ) from None
    text = "\n".join(lines)  # (a line break inside a paragraph is one here too)
    if not text.strip():
        raise SourceError(f"{name}: a Word file without text; skipped")
    return text + "\n"
