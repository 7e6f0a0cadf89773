"""Opening a format that is files in a zip (a Word document, an e-book) as the untrusted input it is, and what its
readers say of a file they cannot read or that holds no text.

A zip's entries may unpack a thousandfold (a "zip bomb"): what they say they unpack to, all told, is checked before
any is read, and reading an entry stops at its stated size (:mod:`zipfile` reads no further), so the check holds.

>>> import io, zipfile
>>> buf = io.BytesIO()
>>> with zipfile.ZipFile(buf, "w") as z:
...     z.writestr("a.xml", "<a/>")
>>> open_zip(buf.getvalue(), "x.zip", "a Word file").read("a.xml")
b'<a/>'
>>> open_zip(b"no zip", "x.docx", "a Word file")
Traceback (most recent call last):
...
zipfile.BadZipFile: File is not a zip file
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ..errors import SourceError

if TYPE_CHECKING:  # pragma: no cover
    import zipfile

#: the most a zipped file's entries may unpack to, all told (the largest manuals' and books' are tens of megabytes)
MAX_UNPACKED = 512 * 2**20


def open_zip(data: bytes, name: str, kind: str) -> zipfile.ZipFile:
    """The zip ``data`` (of the file ``name``, ``kind`` as a message names such a file: "a Word file").

    :raises SourceError: when its entries say they unpack to more than :data:`MAX_UNPACKED`.
    :raises zipfile.BadZipFile: when it is no zip (the reader says what the file should have been).
    """
    import zipfile  # (every mine imports the readers; only one with a zipped file pays for this)

    archive = zipfile.ZipFile(io.BytesIO(data))
    unpacked = sum(member.file_size for member in archive.infolist())
    if unpacked > MAX_UNPACKED:
        raise SourceError(f"{name}: unpacks to {unpacked // 2**20} MB, more than {kind} holds; skipped")
    return archive


def unreadable(name: str, kind: str, error: Exception, fix: str = "") -> SourceError:
    """The one-line refusal of the file ``name``, which is no readable ``kind`` ("Word file"), with the ``error``
    its reader raised and how to ``fix`` it ("save it again as .docx").

    >>> str(unreadable("a.docx", "Word file", KeyError("word/document.xml"), "save it again as .docx"))
    "a.docx: cannot read this Word file (KeyError: 'word/document.xml'); save it again as .docx; skipped"
    """
    return SourceError(
        f"{name}: cannot read this {kind} ({type(error).__name__}: {error}); {fix + '; ' if fix else ''}skipped"
    )


def text_of(lines: list[str], name: str, a_kind: str) -> str:
    """``lines`` as a text, a line each, ending in a line break.

    :raises SourceError: when they hold no text (``a_kind``, "a Word file", says what without).
    """
    text = "\n".join(lines)
    if not text.strip():
        raise SourceError(f"{name}: {a_kind} without text; skipped")
    return text + "\n"
