"""Stage 1, sources: read input paths into cleaned :class:`~glossary.models.Document` objects.

Readers are chosen by file suffix from an explicit table; a file that cannot
be read is reported as skipped and the rest goes on.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("稀土永磁材料。\\n", encoding="utf-8")
>>> result = read_sources([d])
>>> [doc.text.strip() for doc in result.documents], result.skipped
(['稀土永磁材料。'], [])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..errors import SourceError
from ..models import Document
from .clean import clean_text
from .text import decode_bytes

#: suffix -> reader name; plain text and Markdown are both read as text
READERS = {".txt": "text", ".md": "text", ".markdown": "text"}


@dataclass
class ReadResult:
    """Documents read, and (path, reason) for every file skipped."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def iter_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand paths (files or folders, recursively) into a sorted list of files.

    :raises SourceError: when a path does not exist.
    """
    out: list[Path] = []
    for p in map(Path, paths):
        if not p.exists():
            raise SourceError(f"{p}: no such file or folder; check the path")
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")))
        else:
            out.append(p)
    return out


def read_document(path: Path, encoding: str | None = None) -> Document:
    """Read and clean one file.

    :raises SourceError: for an unsupported suffix, a binary file or undecodable text.
    """
    if path.suffix.lower() not in READERS:
        raise SourceError(f"{path}: not a .txt or .md file; skipped")
    data = path.read_bytes()
    text, used = decode_bytes(data, str(path), encoding)
    cleaned, removed = clean_text(text)
    from ..normalise.script import detect_script  # normalise is pure; no cycle at import time

    return Document(path=str(path), text=cleaned, encoding=used, script=detect_script(cleaned),
                    skipped_lines=removed)


def read_sources(paths: Iterable[str | Path], encoding: str | None = None) -> ReadResult:
    """Read every supported file under ``paths``; unreadable files are skipped with a reason.

    :param encoding: force an encoding (``utf-8``, ``gb18030``, ``big5``); default detects it.
    :raises SourceError: when a path is missing.
    """
    result = ReadResult()
    for f in iter_files(paths):
        try:
            result.documents.append(read_document(f, encoding))
        except SourceError as e:
            result.skipped.append((str(f), str(e)))
    return result


__all__ = ["READERS", "ReadResult", "iter_files", "read_document", "read_sources"]
