"""TMX 1.4b: one ``<tu>`` per concept, Simplified source, English target(s), optional Traditional.

Pinyin, status and evidence travel as ``<prop type="x-…">``; each English
``<tuv>`` carries the suggestion's source and confidence.

>>> from glossary.models import TermEntry, Equivalent
>>> data = TmxFormat().write([TermEntry("镨钕", "鐠釹", "pǔ nǚ", [Equivalent("PrNd", "text", 0.9)])], WriteOptions())
>>> [e.english[0].text for e in TmxFormat().read(data, "x.tmx")]
['PrNd']
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import FormatError
from ..models import Equivalent, TermEntry
from .base import WriteOptions, apply_meta, fmt_num, meta_pairs
from .langs import is_chinese_traditional
from .xmlsafe import attr, esc, lang_of, local, parse, text_of


class TmxFormat:
    """Reader and writer for TMX 1.4b glossaries."""

    name = "tmx"
    extensions: tuple[str, ...] = (".tmx",)

    def write(self, entries: Sequence[TermEntry], options: WriteOptions) -> bytes:
        zh, tw, en = options.langs.codes
        out = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
            '<tmx version="1.4">',
            f"  <header creationtool={attr(options.tool)} creationtoolversion={attr(options.tool_version)} "
            f'segtype="phrase" o-tmf={attr(options.tool)} adminlang={attr(en)} srclang={attr(zh)} '
            f'datatype="plaintext" creationdate="{options.stamp}"/>',
            "  <body>",
        ]
        for i, e in enumerate(entries, 1):
            out.append(f'    <tu tuid="{i}">')
            meta = meta_pairs(e)
            note = next((v for k, v in meta if k == "note"), "")
            if note:
                out.append(f"      <note>{esc(note)}</note>")
            if e.pinyin:
                out.append(f'      <prop type="x-pinyin">{esc(e.pinyin)}</prop>')
            if e.traditional and not options.traditional:
                out.append(f'      <prop type="x-traditional">{esc(e.traditional)}</prop>')
            for k, v in meta:
                if k != "note":
                    out.append(f'      <prop type="x-{k}">{esc(v)}</prop>')
            out.append(f"      <tuv xml:lang={attr(zh)}><seg>{esc(e.simplified)}</seg></tuv>")
            if e.traditional and options.traditional:
                out.append(f"      <tuv xml:lang={attr(tw)}><seg>{esc(e.traditional)}</seg></tuv>")
            for q in e.english:
                out.append(
                    f'      <tuv xml:lang={attr(en)}><prop type="x-source">{esc(q.source)}</prop>'
                    f'<prop type="x-confidence">{fmt_num(q.confidence)}</prop><seg>{esc(q.text)}</seg></tuv>'
                )
            out.append("    </tu>")
        out += ["  </body>", "</tmx>", ""]
        return "\n".join(out).encode("utf-8")

    def read(self, data: bytes, path: str) -> list[TermEntry]:
        root, lines = parse(data, path)
        if local(root.tag) != "tmx":
            raise FormatError(f"root element is <{local(root.tag)}>, not <tmx>; is this a TMX file?", path, 1)
        header = next((c for c in root if local(c.tag) == "header"), None)
        body = next((c for c in root if local(c.tag) == "body"), None)
        if header is None or body is None:
            raise FormatError("a TMX file needs <header> and <body>", path, lines.get(id(root)))
        srclang = (header.get("srclang") or "").lower()
        out: list[TermEntry] = []
        for tu in body:
            if local(tu.tag) != "tu":
                continue
            line = lines.get(id(tu))
            entry = TermEntry("")
            for child in tu:
                tag = local(child.tag)
                if tag == "note":
                    entry.note = text_of(child)
                elif tag == "prop":
                    kind = child.get("type") or ""
                    value = text_of(child)
                    if kind == "x-pinyin":
                        entry.pinyin = value
                    elif kind == "x-traditional":
                        entry.traditional = value
                    elif kind.startswith("x-"):
                        try:
                            apply_meta(entry, kind[2:], value)
                        except ValueError as e:
                            raise FormatError(f"bad {kind} value {value!r} ({e})", path, lines.get(id(child))) from None
                elif tag == "tuv":
                    self._tuv(child, entry, srclang, path, lines)
            if not entry.simplified:
                raise FormatError(
                    "<tu> has no Chinese source <tuv>; every <tu> needs one in the source language", path, line
                )
            out.append(entry)
        return out

    @staticmethod
    def _tuv(tuv, entry: TermEntry, srclang: str, path: str, lines: dict[int, int]) -> None:  # type: ignore[no-untyped-def]
        lang = lang_of(tuv)
        if not lang:
            raise FormatError("<tuv> without xml:lang", path, lines.get(id(tuv)))
        seg = next((c for c in tuv if local(c.tag) == "seg"), None)
        if seg is None:
            raise FormatError("<tuv> without <seg>", path, lines.get(id(tuv)))
        text = text_of(seg)
        low = lang.lower()
        if low.startswith("zh") and is_chinese_traditional(low) and low != srclang:
            entry.traditional = text
        elif low == srclang or (low.startswith("zh") and not entry.simplified):
            entry.simplified = text
        else:
            props = {c.get("type"): text_of(c) for c in tuv if local(c.tag) == "prop"}
            try:
                conf = float(props.get("x-confidence", "1"))
            except ValueError:
                raise FormatError("x-confidence is not a number", path, lines.get(id(tuv))) from None
            entry.english.append(Equivalent(text, props.get("x-source", "import"), conf))
