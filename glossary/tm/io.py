"""Reading and writing sentence pairs: TMX from any CAT tool, and bilingual CSV/TSV.

A CSV/TSV names its languages in the header (``zh-CN``, ``en-US``, ``zh``, ``en`` …) or, when
it does not, has the source in its first column and the target in its second.

>>> read_pairs("zh-CN\\ten-US\\n稀土很重要。\\tRare earths matter.\\n".encode(), "x.tsv")
[('稀土很重要。', 'Rare earths matter.')]
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from ..errors import FormatError
from ..formats.base import WriteOptions
from ..formats.xmlsafe import attr, esc, lang_of, local, parse, text_of


def _is_zh(lang: str) -> bool:
    return lang.lower().replace("_", "-").startswith(("zh", "chinese", "cmn"))


def _is_en(lang: str) -> bool:
    return lang.lower().replace("_", "-").startswith(("en", "english"))


def read_pairs(data: bytes, path: str) -> list[tuple[str, str]]:
    """(Chinese, English) pairs from a TMX, CSV or TSV file.

    :raises FormatError: for a malformed file, with the line where known.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".tmx":
        return _read_tmx(data, path)
    if suffix in (".csv", ".tsv", ".tab", ".txt"):
        return _read_delimited(data, path, "\t" if suffix != ".csv" else ",")
    raise FormatError("translation memories are read from .tmx, .csv or .tsv files", path)


def _read_tmx(data: bytes, path: str) -> list[tuple[str, str]]:
    root, lines = parse(data, path)
    if local(root.tag) != "tmx":
        raise FormatError(f"root element is <{local(root.tag)}>, not <tmx>; is this a TMX file?", path, 1)
    out = []
    for tu in root.iter():
        if local(tu.tag) != "tu":
            continue
        src = tgt = None
        for tuv in tu:
            if local(tuv.tag) != "tuv":
                continue
            seg = next((c for c in tuv if local(c.tag) == "seg"), None)
            lang = lang_of(tuv)
            if seg is None or not lang:
                raise FormatError("<tuv> needs xml:lang and a <seg>", path, lines.get(id(tuv)))
            if _is_zh(lang) and src is None:
                src = text_of(seg)
            elif _is_en(lang) and tgt is None:
                tgt = text_of(seg)
        if src is None or tgt is None:
            raise FormatError("<tu> without a Chinese and an English <tuv>", path, lines.get(id(tu)))
        out.append((src, tgt))
    return out


def _read_delimited(data: bytes, path: str, delimiter: str) -> list[tuple[str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise FormatError("not UTF-8 text; save the file as UTF-8", path, data[: e.start].count(b"\n") + 1) from None
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        return []
    head = rows[0]
    zh = next((i for i, h in enumerate(head) if _is_zh(h.strip())), None)
    en = next((i for i, h in enumerate(head) if _is_en(h.strip())), None)
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


def write_tmx(pairs: Sequence[tuple[str, str]], options: WriteOptions) -> bytes:
    """Sentence-level TMX 1.4b."""
    zh, _, en = options.langs.codes
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        f"  <header creationtool={attr(options.tool)} creationtoolversion={attr(options.tool_version)} "
        f'segtype="sentence" o-tmf={attr(options.tool)} adminlang={attr(en)} srclang={attr(zh)} '
        f'datatype="plaintext" creationdate="{options.stamp}"/>',
        "  <body>",
    ]
    for src, tgt in pairs:
        out += [
            "    <tu>",
            f"      <tuv xml:lang={attr(zh)}><seg>{esc(src)}</seg></tuv>",
            f"      <tuv xml:lang={attr(en)}><seg>{esc(tgt)}</seg></tuv>",
            "    </tu>",
        ]
    out += ["  </body>", "</tmx>", ""]
    return "\n".join(out).encode("utf-8")
