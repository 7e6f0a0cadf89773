"""Stage 1, sources: read input paths into cleaned :class:`~glossary.models.Document` objects.

Readers are chosen by file suffix from an explicit table; a file that cannot
be read is reported as skipped and the rest goes on.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("大豆蛋白粉。\\n", encoding="utf-8")
>>> result = read_sources([d])
>>> [doc.text.strip() for doc in result.documents], result.skipped
(['大豆蛋白粉。'], [])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SourceError
from ..models import Document
from ..workers import default_workers, fork_map
from . import epub, htmlpage, markdown, opendoc, pdf, rst, sheets, slides, subtitles, word
from .clean import clean_text
from .text import decode_bytes, incomplete_tail


def _plain(text: str) -> str:
    return text


#: suffix -> what a format's markup leaves of its text, blanked to spaces so that every offset is the file's:
#: plain text as it is, Markdown without its code and links' targets, reStructuredText without its directives,
#: literal blocks and roles, HTML as a browser shows its words, subtitles without their timings (:mod:`.markdown`,
#: :mod:`.rst`, :mod:`.htmlpage`, :mod:`.subtitles`)
READERS: dict[str, Callable[[str], str]] = {
    ".txt": _plain,
    ".md": markdown.prose,
    ".markdown": markdown.prose,
    ".rst": rst.prose,
    ".html": htmlpage.prose,
    ".htm": htmlpage.prose,
    ".xhtml": htmlpage.prose,
    ".srt": subtitles.prose,
    ".vtt": subtitles.prose,
}
#: suffix -> the text of a file that holds no text of its own, from its bytes (and its name, for messages): a
#: PDF's text layer, a Word document's or an OpenDocument text's paragraphs and cells, a slide deck's, a
#: spreadsheet's cells of text, an e-book's pages (:mod:`.pdf`, :mod:`.word`, :mod:`.opendoc`, :mod:`.slides`,
#: :mod:`.sheets`, :mod:`.epub`)
DOCUMENT_READERS: dict[str, Callable[[bytes, str], str]] = {
    ".pdf": pdf.prose,
    ".docx": word.prose,
    ".odt": opendoc.prose,
    ".pptx": slides.prose,
    ".xlsx": sheets.prose,
    ".epub": epub.prose,
}
#: the formats read, as the messages that refuse a file name them
FORMATS = ".txt, .md, .rst, .html, .pdf, .docx, .odt, .pptx, .xlsx, .epub or .srt"


def readable(path: Path) -> bool:
    """Whether a reader of this module reads ``path``'s format (by its suffix).

    >>> readable(Path("a.md")), readable(Path("a.PDF")), readable(Path("a.doc"))
    (True, True, False)
    """
    suffix = path.suffix.lower()
    return suffix in READERS or suffix in DOCUMENT_READERS


@dataclass
class ReadResult:
    """Documents read, and (path, reason) for every file skipped, or read short (its last character cut off)."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


#: the names of a folder's own documentation (README.md, LICENSE, CHANGELOG.md …): it describes the texts beside
#: it and is none of them (a corpus's README lists its sources, its page chrome and example terms)
FOLDER_DOCS = frozenset({"readme", "license", "licence", "changelog", "changes", "contributing", "authors", "notice"})


def folder_doc(path: Path) -> bool:
    """Whether ``path`` is named as a folder's documentation.

    >>> folder_doc(Path("corpus/README.md")), folder_doc(Path("corpus/readme.zh.txt")), folder_doc(Path("a/注释.md"))
    (True, True, False)
    """
    return path.name.split(".")[0].lower() in FOLDER_DOCS


def iter_files(paths: Iterable[str | Path], skipped: list[tuple[str, str]] | None = None) -> list[Path]:
    """Expand paths (files or folders, recursively) into a sorted list of files. A folder's own documentation
    (:func:`folder_doc`) is left out, with its reason added to ``skipped``; a file named on its own is read
    whatever its name.

    :raises SourceError: when a path does not exist.
    """
    out: list[Path] = []
    for p in map(Path, paths):
        if not p.exists():
            raise SourceError(f"{p}: no such file or folder; check the path")
        if p.is_dir():
            for f in sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")):
                if not folder_doc(f):
                    out.append(f)
                elif skipped is not None:
                    reason = f"{f}: the folder's own documentation, not one of its texts; name the file to mine it"
                    skipped.append((str(f), reason))
        else:
            out.append(p)
    return out


def read_document(path: Path, encoding: str | None = None) -> Document:
    """Read and clean one file.

    :raises SourceError: for an unsupported suffix, a binary file or undecodable text.
    """
    return _read(path, encoding)[0]


def _read(path: Path, encoding: str | None) -> tuple[Document, str]:
    """:func:`read_document`, and what a reader should know of a file read short: a UTF-8 file's last character
    cut off ("" for a whole file)."""
    suffix = path.suffix.lower()
    document = DOCUMENT_READERS.get(suffix)
    if document is not None:  # (no characters of its own, so none cut short: its text is the reader's)
        cleaned, removed = clean_text(document(path.read_bytes(), str(path)))
        return Document(path=str(path), text=cleaned, encoding="", skipped_lines=removed), ""
    prose = READERS.get(suffix)
    if prose is None:
        raise SourceError(f"{path}: not a {FORMATS} file; skipped")
    data = path.read_bytes()
    text, used = decode_bytes(data, str(path), encoding)
    cleaned, removed = clean_text(prose(text))
    # the script is told by the normalise stage (pipeline.collect): sources import nothing after them
    doc = Document(path=str(path), text=cleaned, encoding=used, skipped_lines=removed)
    cut = incomplete_tail(data) if used == "utf-8" else 0  # (a whole UTF-8 file ends in no part of a character)
    if not cut:
        return doc, ""
    return (
        doc,
        f"{path}: its last {cut} byte(s) begin a character they do not finish (was the file cut short?); read without them",
    )


def read_sources(paths: Iterable[str | Path], encoding: str | None = None) -> ReadResult:
    """Read every supported file under ``paths``; unreadable files are skipped with a reason.

    :param encoding: force an encoding (``utf-8``, ``gb18030``, ``big5``); default detects it.
    :raises SourceError: when a path is missing.
    """
    result = ReadResult()
    files = iter_files(paths, result.skipped)
    jobs = [(f, encoding) for f in files]
    big = len(files) >= 16 and sum(f.stat().st_size for f in files) >= PARALLEL_MIN_BYTES
    if big and default_workers() > 1:
        # decoding and cleaning are pure Python per file: large folders are read by one process per core
        outcomes = list(fork_map(_read_one, jobs, default_workers(), chunksize=16))
    else:
        outcomes = [_read_one(job) for job in jobs]
    for f, (doc, error) in zip(files, outcomes):
        if doc is not None:
            result.documents.append(doc)
        if error:
            result.skipped.append((str(f), error))
    return result


#: below this much input, reading in one process is faster than starting others
PARALLEL_MIN_BYTES = 1_000_000


def _read_one(job: tuple[Path, str | None]) -> tuple[Document | None, str]:
    """The document read, or None and why not; or the document and what of the file was left out of it."""
    try:
        return _read(*job)
    except SourceError as e:
        return None, str(e)


__all__ = [
    "DOCUMENT_READERS",
    "FOLDER_DOCS",
    "FORMATS",
    "READERS",
    "ReadResult",
    "folder_doc",
    "iter_files",
    "read_document",
    "read_sources",
    "readable",
]
