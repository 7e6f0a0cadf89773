"""An e-book (``.epub``) read as its text: the XHTML documents of its reading order (the package's spine), one
after another, each as a browser shows it (:mod:`.htmlpage`: its navigation left out, as a web page's is).

Publishers hand translators books as EPUB files. An EPUB is XHTML in a zip, so it has no characters of its own: a
term's offsets and lines are those of this text. Its container and package files are parsed with no DTD or entity
(``defusedxml``), as untrusted input should be, and the zip is opened as :mod:`.zipped` opens one.

>>> import io, zipfile
>>> book = io.BytesIO()
>>> with zipfile.ZipFile(book, "w") as z:
...     z.writestr("META-INF/container.xml", '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
...                '<rootfiles><rootfile full-path="book.opf"/></rootfiles></container>')
...     z.writestr("book.opf", '<package xmlns="http://www.idpf.org/2007/opf"><manifest>'
...                '<item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest>'
...                '<spine><itemref idref="c1"/></spine></package>')
...     z.writestr("c1.xhtml", "<html><body><h1>第一章</h1><p>涡轮叶片采用陶瓷涂层。</p></body></html>")
>>> prose(book.getvalue(), "book.epub")
'第一章\\n涡轮叶片采用陶瓷涂层。\\n'
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ..errors import SourceError
from . import htmlpage
from .text import decode_bytes
from .zipped import open_zip, unreadable

if TYPE_CHECKING:  # pragma: no cover
    import zipfile
    from xml.etree.ElementTree import Element

# (the XML parsers are imported where an e-book is read: every mine imports this module)

_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_PACKAGE = "{http://www.idpf.org/2007/opf}"
_ENCRYPTION = "{http://www.w3.org/2001/04/xmlenc#}"
#: the media types of a spine's documents that are text (its images and an SVG page hold none)
_PAGES = frozenset({"application/xhtml+xml", "text/html"})


def _spine(book: zipfile.ZipFile) -> list[str]:
    """The paths in ``book`` of the documents of its reading order, in that order.

    :raises KeyError: no container or package file, or a spine item the manifest lacks.
    """
    from defusedxml.ElementTree import fromstring

    container = fromstring(book.read("META-INF/container.xml"))
    rootfile = container.find(f".//{_CONTAINER}rootfile")
    if rootfile is None or not rootfile.get("full-path"):
        raise KeyError("no package file named in META-INF/container.xml")
    at = rootfile.get("full-path", "")
    package = fromstring(book.read(at))
    manifest: dict[str, Element] = {item.get("id", ""): item for item in package.iter(f"{_PACKAGE}item")}
    paths = []
    for ref in package.iter(f"{_PACKAGE}itemref"):
        item = manifest[ref.get("idref", "")]
        if item.get("media-type") in _PAGES:
            # (a manifest's address is relative to the package file, and may be %-escaped)
            paths.append(posixpath.normpath(posixpath.join(posixpath.dirname(at), unquote(item.get("href", "")))))
    return paths


def _locked(book: zipfile.ZipFile) -> set[str]:
    """The paths ``book`` says are encrypted (a store's DRM; an obfuscated font is one too, and holds no text)."""
    from defusedxml.ElementTree import fromstring

    if "META-INF/encryption.xml" not in book.namelist():
        return set()
    listed = fromstring(book.read("META-INF/encryption.xml"))
    return {unquote(ref.get("URI", "")) for ref in listed.iter(f"{_ENCRYPTION}CipherReference")}


def prose(data: bytes, name: str) -> str:
    """The text of the e-book ``data``: its reading order's documents, each as :func:`.htmlpage.prose` reads it.

    :raises SourceError: when it is no e-book (a damaged file, one without a package), its chapters are locked
        (DRM), it unpacks to too much, or it holds no text.
    """
    import zipfile
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException

    try:
        book = open_zip(data, name, "an e-book")
        spine = _spine(book)
        locked = _locked(book)
        if any(path in locked for path in spine):
            raise SourceError(f"{name}: its chapters are encrypted (DRM); mine a copy without it; skipped")
        pages = [htmlpage.prose(decode_bytes(book.read(path), f"{name}:{path}")[0]) for path in spine]
    except (zipfile.BadZipFile, KeyError, ParseError, DefusedXmlException) as e:
        raise unreadable(name, "e-book", e) from None
    text = "".join(pages)  # (each page's text ends its last line)
    if not text.strip():
        raise SourceError(f"{name}: an e-book without text; skipped")
    return text
