"""TMX 1.4b, the one reader and writer of the package: glossaries and sentence memories.

A glossary has one ``<tu>`` per concept, Simplified source, English target(s), optional Traditional.
A translation memory (:func:`write_sentences`, :func:`read_sentences`) has one ``<tu>`` per sentence pair.

Pinyin, status and evidence travel as ``<prop type="x-…">``; each English
``<tuv>`` carries the suggestion's source and confidence.

>>> from glossary.models import TermEntry, Equivalent
>>> data = TmxFormat().write([TermEntry("镨钕", "鐠釹", "pǔ nǚ", [Equivalent("PrNd", "text", 0.9)])], WriteOptions())
>>> [e.english[0].text for e in TmxFormat().read(data, "x.tmx")]
['PrNd']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import FormatError
from ..models import ROLES, Equivalent, TermEntry
from .base import WriteOptions, apply_meta, fmt_num, mark_given, meta_pairs
from .langs import is_chinese, is_chinese_traditional, is_english
from .xmlsafe import attr, check_carryable, esc, lang_of, local, parse, text_of


def _head(options: WriteOptions, segtype: str) -> list[str]:
    """The XML declaration, ``<tmx>`` and its ``<header>``, up to the opening ``<body>``."""
    zh, _, en = options.langs.codes
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
        '<tmx version="1.4">',
        f"  <header creationtool={attr(options.tool)} creationtoolversion={attr(options.tool_version)} "
        f"segtype={attr(segtype)} o-tmf={attr(options.tool)} adminlang={attr(en)} srclang={attr(zh)} "
        f'datatype="plaintext" creationdate="{options.stamp}"/>',
        "  <body>",
    ]


_TAIL = ["  </body>", "</tmx>", ""]


def _units(data: bytes, path: str) -> tuple[list[Any], dict[int, int], str]:
    """The ``<tu>`` elements of a TMX document, the line of every element and the header's source language.

    :raises FormatError: for malformed or unsafe XML, another root, or a missing header or body.
    """
    root, lines = parse(data, path)
    if local(root.tag) != "tmx":
        raise FormatError(f"root element is <{local(root.tag)}>, not <tmx>; is this a TMX file?", path, 1)
    header = next((c for c in root if local(c.tag) == "header"), None)
    body = next((c for c in root if local(c.tag) == "body"), None)
    if header is None or body is None:
        raise FormatError("a TMX file needs <header> and <body>", path, lines.get(id(root)))
    return [tu for tu in body if local(tu.tag) == "tu"], lines, (header.get("srclang") or "").lower()


def write_sentences(pairs: Sequence[tuple[str, str]], options: WriteOptions) -> bytes:
    """Sentence pairs as a TMX 1.4b translation memory.

    >>> data = write_sentences([("大豆很重要。", "Soybeans matter.")], WriteOptions())
    >>> read_sentences(data, "tm.tmx")
    [('大豆很重要。', 'Soybeans matter.')]
    """
    zh, _, en = options.langs.codes
    out = _head(options, "sentence")
    for src, tgt in pairs:
        out += [
            "    <tu>",
            f"      <tuv xml:lang={attr(zh)}><seg>{esc(src)}</seg></tuv>",
            f"      <tuv xml:lang={attr(en)}><seg>{esc(tgt)}</seg></tuv>",
            "    </tu>",
        ]
    return "\n".join(out + _TAIL).encode("utf-8")


def read_sentences(data: bytes, path: str) -> list[tuple[str, str]]:
    """(Chinese, English) pairs of a TMX memory from any CAT tool: the first Chinese and English ``<tuv>`` of
    each ``<tu>``.

    :raises FormatError: for a malformed file or a ``<tu>`` without both languages, with its line.
    """
    tus, lines, _ = _units(data, path)
    out = []
    for tu in tus:
        src = tgt = None
        for tuv in tu:
            if local(tuv.tag) != "tuv":
                continue
            seg = next((c for c in tuv if local(c.tag) == "seg"), None)
            lang = lang_of(tuv)
            if seg is None or not lang:
                raise FormatError("<tuv> needs xml:lang and a <seg>", path, lines.get(id(tuv)))
            if is_chinese(lang) and src is None:
                src = text_of(seg)
            elif is_english(lang) and tgt is None:
                tgt = text_of(seg)
        if src is None or tgt is None:
            raise FormatError("<tu> without a Chinese and an English <tuv>", path, lines.get(id(tu)))
        out.append((src, tgt))
    return out


class TmxFormat:
    """Reader and writer for TMX 1.4b glossaries."""

    name = "tmx"
    extensions: tuple[str, ...] = (".tmx",)

    def write(self, entries: Sequence[TermEntry], options: WriteOptions) -> bytes:
        zh, tw, en = options.langs.codes
        check_carryable(entries)
        # each unit's lines joined and encoded as it is written (see the TBX writer: millions of line strings)
        blocks = ["\n".join(_head(options, "phrase")).encode("utf-8")]
        for i, e in enumerate(entries, 1):
            out = [f'    <tu tuid="{i}">']
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
                    f'<prop type="x-confidence">{fmt_num(q.confidence)}</prop><prop type="x-role">{q.role}</prop>'
                    f"<seg>{esc(q.text)}</seg></tuv>"
                )
            out.append("    </tu>")
            blocks.append("\n".join(out).encode("utf-8"))
        blocks.append("\n".join(_TAIL).encode("utf-8"))
        return b"\n".join(blocks)

    def read(self, data: bytes, path: str) -> list[TermEntry]:
        tus, lines, srclang = _units(data, path)
        out: list[TermEntry] = []
        for tu in tus:
            entry = TermEntry("", given=frozenset())
            for child in tu:
                tag = local(child.tag)
                if tag == "note":
                    entry.note = text_of(child)
                elif tag == "prop":
                    _prop(entry, child, path, lines)
                elif tag == "tuv":
                    self._tuv(child, entry, srclang, path, lines)
            if not entry.simplified:
                raise FormatError(
                    "<tu> has no Chinese source <tuv>; every <tu> needs one in the source language",
                    path,
                    lines.get(id(tu)),
                )
            out.append(mark_given(entry))
        return out

    @staticmethod
    def _tuv(tuv: Any, entry: TermEntry, srclang: str, path: str, lines: dict[int, int]) -> None:
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
        elif low.startswith("zh") and (low == srclang or not entry.simplified):
            # (the Chinese side is the term whichever side the file calls its source: a glossary kept in an
            # English-to-Chinese project declares srclang="en-US", and its English was read as the term)
            entry.simplified = text
        else:
            props = {c.get("type"): text_of(c) for c in tuv if local(c.tag) == "prop"}
            try:
                conf = float(props.get("x-confidence", "1"))
            except ValueError:
                raise FormatError("x-confidence is not a number", path, lines.get(id(tuv))) from None
            role = props.get("x-role") or "suggested"
            if "x-role" in props:
                entry.given = (entry.given or frozenset()) | {"roles"}
            entry.english.append(
                Equivalent(text, props.get("x-source", "import"), conf, role if role in ROLES else "suggested")
            )


def _prop(entry: TermEntry, prop: Any, path: str, lines: dict[int, int]) -> None:
    """A ``<prop type="x-…">`` of a glossary ``<tu>`` into ``entry``."""
    kind = prop.get("type") or ""
    value = text_of(prop)
    if kind == "x-pinyin":
        entry.pinyin = value
    elif kind == "x-traditional":
        entry.traditional = value
    elif kind.startswith("x-"):
        try:
            apply_meta(entry, kind[2:], value)
        except ValueError as e:
            raise FormatError(f"bad {kind} value {value!r} ({e})", path, lines.get(id(prop))) from None
