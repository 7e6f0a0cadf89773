"""Translator CSV: one row per concept, several English equivalents in one cell separated by `` | ``.

Header: ``zh-CN, zh-TW, pinyin, en-US, status, note, context, source`` then
``confidence, score, count, files, variants, kind, roles`` (each English equivalent's role: preferred,
admitted or suggested); with ``csv_style="ttk"`` the term and its
English are ``source`` and ``target`` and the English's origin is ``origin``, the names
translate-toolkit reads. UTF-8, with a BOM only
for Excel. Cells that begin with ``= + - @`` (or a tab, CR, or an apostrophe)
get a leading apostrophe so a spreadsheet shows them instead of running them;
reading removes it again.

>>> from glossary.models import TermEntry, Equivalent
>>> data = CsvFormat().write([TermEntry("镨钕", "鐠釹", "pǔ nǚ", [Equivalent("=PrNd", "text", 0.9)])], WriteOptions())
>>> data.decode().splitlines()[1]
"镨钕,鐠釹,pǔ nǚ,'=PrNd,candidate,,,text,0.9,0,0,,,term,suggested"
>>> CsvFormat().read(data, "x.csv")[0].english[0].text
'=PrNd'
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from functools import partial

from ..errors import FormatError
from ..models import ROLES, Equivalent, Status, TermEntry
from .base import (
    WriteOptions,
    apply_meta,
    decode_context,
    decode_text,
    encode_context,
    encode_files,
    fmt_num,
    join,
    split,
)

NAME = "csv"
FIELDS = (
    "simplified",
    "traditional",
    "pinyin",
    "english",
    "status",
    "note",
    "context",
    "source",
    "confidence",
    "score",
    "count",
    "files",
    "variants",
    "kind",
    "roles",
)
#: header synonyms from other tools, compared case-insensitively with '-', '_' and spaces removed
SYNONYMS = {
    "simplified": {
        "zhcn",
        "zhhans",
        "zhsg",
        "zh",
        "simplified",
        "chinese",
        "source",
        "sourceterm",
        "term",
        "中文",
        "简体",
    },
    "traditional": {"zhtw", "zhhant", "zhhk", "traditional", "繁體", "繁体"},
    "pinyin": {"pinyin", "拼音"},
    "english": {"enus", "en", "engb", "english", "target", "targetterm", "translation", "英文"},
    "status": {"status"},
    "note": {"note", "notes", "comment", "comments"},
    "context": {"context", "example"},
    "source": {"source", "origin"},
}
_DANGER = ("=", "+", "-", "@", "\t", "\r", "'")


def escape(cell: str) -> str:
    """Make a cell inert in spreadsheets.

    >>> escape("=1+1"), escape("大豆")
    ("'=1+1", '大豆')
    """
    return "'" + cell if cell.startswith(_DANGER) else cell


def unescape(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and len(cell) > 1 and cell[1:].startswith(_DANGER) else cell


def _cell(row: Sequence[str], cols: Mapping[str, int], name: str) -> str:
    """The unescaped cell of ``row`` in column ``name``; empty where the file has no such column or cell."""
    i = cols.get(name)
    return unescape(row[i]) if i is not None and i < len(row) else ""


def _delimiter(text: str, default: str) -> str:
    """The delimiter of the header line: ``default`` unless the line has none of it but a ``;`` or a tab (the
    CSV of a spreadsheet in a locale that writes decimal commas, or a TSV named .csv).

    >>> _delimiter("zh-CN;en-US\\n", ","), _delimiter("zh-CN,en-US\\n", ",")
    (';', ',')
    """
    first = text.split("\n", 1)[0]
    if default in first:
        return default
    return next((d for d in ("\t", ";") if d in first), default)


def _key(h: str) -> str:
    return h.strip().lower().replace("-", "").replace("_", "").replace(" ", "")


class CsvFormat:
    """Reader and writer for translator CSV.

    :param header_map: extra header names, e.g. ``{"Source": "zh-CN", "Target": "en-US"}``.
    """

    name = NAME
    extensions: tuple[str, ...] = (".csv",)

    def __init__(self, header_map: Mapping[str, str] | None = None, delimiter: str = ",") -> None:
        self.header_map = dict(header_map or {})
        self.delimiter = delimiter

    def write(self, entries: Sequence[TermEntry], options: WriteOptions) -> bytes:
        zh, tw, en = options.langs.codes
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=self.delimiter, lineterminator="\r\n")
        if options.csv_style == "ttk":
            # translate-toolkit reads columns by name: "source" must be the term and "target" its English,
            # so the origin of the English moves to "origin"; the other columns it ignores
            w.writerow(["source", tw, "pinyin", "target", *FIELDS[4:7], "origin", *FIELDS[8:], en])
        else:
            w.writerow([zh, tw, "pinyin", en, *FIELDS[4:]])
        for e in entries:
            row = [
                e.simplified,
                e.traditional,
                e.pinyin,
                join([q.text for q in e.english]),
                e.status.value,
                e.note,
                "\n".join(encode_context(c) for c in e.contexts),
                join([q.source for q in e.english]),
                join([fmt_num(q.confidence) for q in e.english]),
                fmt_num(e.score),
                str(e.count),
                encode_files(e),
                join(e.variants),
                e.kind,
                join([q.role for q in e.english]),
            ]
            if options.csv_style == "ttk":  # target: the preferred English; every suggestion in the en-US column
                row = row[:3] + [e.preferred_english] + row[4:] + [row[3]]
            w.writerow([escape(c) for c in row])
        text = buf.getvalue()
        return ("\ufeff" + text if options.excel else text).encode("utf-8")

    def _columns(self, header: list[str], path: str) -> dict[str, int]:
        mapped = {_key(k): _key(v) for k, v in self.header_map.items()}
        cols: dict[str, int] = {}
        for i, h in enumerate(header):
            k = mapped.get(_key(h), _key(h))
            for fld in FIELDS:
                if fld not in cols and (k == fld or k in SYNONYMS.get(fld, ())):
                    # "source" is the English source in our files, the Chinese term in other tools'
                    if fld == "simplified" and k == "source" and "source" in mapped.values():
                        continue
                    cols[fld] = i
                    break
        # a column named by its language holds every English suggestion; "target" may hold only the first
        lang_en = next(
            (i for i, h in enumerate(header) if mapped.get(_key(h), _key(h)) in {"enus", "engb", "en"}), None
        )
        if lang_en is not None:
            cols["english"] = lang_en
        if "simplified" not in cols:
            if "traditional" in cols:
                cols["simplified"] = cols["traditional"]
            else:
                raise FormatError(
                    'no Chinese term column in the header; name it zh-CN or give --map "YourColumn=zh-CN"', path, 1
                )
        return cols

    def read(self, data: bytes, path: str) -> list[TermEntry]:
        text = decode_text(data, path, "save it as UTF-8, or give its --encoding")
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text, self.delimiter))
        try:
            header = next(reader)
        except StopIteration:
            raise FormatError("empty file, no header row", path, 1) from None
        except csv.Error as e:
            raise FormatError(f"unreadable CSV ({e})", path, 1) from None
        cols = self._columns(header, path)
        out: dict[str, TermEntry] = {}
        try:
            for row in reader:
                line = reader.line_num
                if not any(c.strip() for c in row):
                    continue
                if len(row) > len(header):
                    raise FormatError(
                        f"{len(row)} cells but the header has {len(header)}; quote cells that hold "
                        f"a '{self.delimiter}'",
                        path,
                        line,
                    )
                entry = self._entry(partial(_cell, row, cols), path, line)
                prev = out.get(entry.simplified)
                if prev is None:
                    out[entry.simplified] = entry
                else:  # one row per equivalent, as some tools write it
                    prev.english += [q for q in entry.english if q.text not in {p.text for p in prev.english}]
        except csv.Error as e:
            raise FormatError(f"unreadable CSV ({e}); check the quoting", path, reader.line_num) from None
        return list(out.values())

    @staticmethod
    def _entry(get, path: str, line: int) -> TermEntry:  # type: ignore[no-untyped-def]
        term = get("simplified").strip()
        if not term:
            raise FormatError("empty Chinese term cell", path, line)
        english = split(get("english"))
        sources = split(get("source"))
        confs = split(get("confidence"))
        roles = split(get("roles"))
        eqs = []
        for i, t in enumerate(english):
            try:
                conf = float(confs[i]) if i < len(confs) else 1.0
            except ValueError:
                raise FormatError(f"confidence {confs[i]!r} is not a number", path, line) from None
            role = roles[i] if i < len(roles) and roles[i] in ROLES else "suggested"
            eqs.append(Equivalent(t, sources[i] if i < len(sources) else "import", conf, role))
        try:
            status = Status.parse(get("status")) if get("status").strip() else Status.CANDIDATE
        except ValueError as err:
            raise FormatError(str(err), path, line) from None
        e = TermEntry(
            simplified=term,
            traditional=get("traditional").strip(),
            pinyin=get("pinyin").strip(),
            english=eqs,
            status=status,
            note=get("note"),
            kind=get("kind") or "term",
            variants=split(get("variants")),
            # what the file says of this term: a column it lacks, or a cell left empty, changes nothing on import
            given=frozenset(f for f in FIELDS if get(f).strip()),
        )
        try:
            e.score = float(get("score") or 0)
            e.count = int(get("count") or 0)
        except ValueError:
            raise FormatError("score or count is not a number", path, line) from None
        apply_meta(e, "files", get("files"))
        ctx = get("context")
        e.contexts = [decode_context(c) for c in ctx.split("\n")] if ctx.strip() else []
        return e
