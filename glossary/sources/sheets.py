"""A spreadsheet (``.xlsx``) read as its text: every cell that holds text, a line each (a cell's own line breaks
kept), row by row, sheet after sheet (``openpyxl``); numbers, dates and formulas left out, each formula's last value
read where it is text.

Product lists, bills of materials and software strings reach translators as spreadsheets. A ``.xlsx`` is XML in a
zip, so it has no characters of its own: a term's offsets and lines are those of this text. ``openpyxl`` parses it
with ``defusedxml`` (installed with glossary) and the zip is opened as :mod:`.zipped` opens one.

>>> prose(b"\\xd0\\xcf\\x11\\xe0 (an old binary file renamed)", "old.xlsx")
Traceback (most recent call last):
...
glossary.errors.SourceError: old.xlsx: cannot read this spreadsheet (BadZipFile: File is not a zip file); save it again as .xlsx; skipped
"""

from __future__ import annotations

import io

from .zipped import open_zip, text_of, unreadable


def prose(data: bytes, name: str) -> str:
    """The text of the spreadsheet ``data``: one line a cell of text (or a line of one).

    :raises SourceError: when it is no spreadsheet (an old binary ``.xls`` renamed, a damaged file), unpacks to too
        much, or holds no text.
    """
    import zipfile

    import openpyxl  # (only a mine with a spreadsheet pays for it)
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        open_zip(data, name, "a spreadsheet")
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            cells = [
                value
                for sheet in book.worksheets
                for row in sheet.iter_rows(values_only=True)
                for value in row
                if isinstance(value, str) and value.strip()
            ]
        finally:
            book.close()
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as e:
        raise unreadable(name, "spreadsheet", e, "save it again as .xlsx") from None
    return text_of(cells, name, "a spreadsheet")
