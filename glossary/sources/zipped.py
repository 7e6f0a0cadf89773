"""Opening a format that is files in a zip (a Word document, an e-book) as the untrusted input it is.

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
