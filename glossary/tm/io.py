"""Reading sentence pairs: TMX from any CAT tool (read by :mod:`glossary.formats.tmx`), and bilingual CSV/TSV.

A CSV/TSV names its languages in the header (``zh-CN``, ``en-US``, ``zh``, ``en`` …, or ``source`` and
``target`` as translate-toolkit writes them) or, when it has no header, has the source in its first column and
the target in its second.

>>> read_pairs("zh-CN\\ten-US\\n大豆很重要。\\tSoybeans matter.\\n".encode(), "x.tsv")
[('大豆很重要。', 'Soybeans matter.')]
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import FormatError
from ..formats.base import decode_text
from ..formats.langs import is_chinese, is_english
from ..formats.tmx import read_sentences


def read_pairs(data: bytes, path: str) -> list[tuple[str, str]]:
    """(Chinese, English) pairs from a TMX, CSV or TSV file.

    :raises FormatError: for a malformed file, with the line where known.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".tmx":
        return read_sentences(data, path)
    if suffix in (".csv", ".tsv", ".tab", ".txt"):
        return _read_delimited(data, path, "\t" if suffix != ".csv" else ",")
    raise FormatError("translation memories are read from .tmx, .csv or .tsv files", path)


def _read_delimited(data: bytes, path: str, delimiter: str) -> list[tuple[str, str]]:
    text = decode_text(data, path)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        return []
    head = rows[0]
    zh = next((i for i, h in enumerate(head) if is_chinese(h.strip()) or h.strip().lower() == "source"), None)
    en = next((i for i, h in enumerate(head) if is_english(h.strip()) or h.strip().lower() == "target"), None)
    body = rows[1:] if zh is not None and en is not None else rows
    if zh is None or en is None:
        zh, en = 0, 1
    out = []
    for n, row in enumerate(body, 2 if body is not rows else 1):
        if not any(c.strip() for c in row):
            continue
        if len(row) <= max(zh, en):
            raise FormatError(f"expected a source and a target column, found {len(row)} cell(s)", path, n)
        out.append((row[zh].strip(), row[en].strip()))
    return out
