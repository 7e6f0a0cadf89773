"""TBX: TBX-Basic 2019 (ISO 30042:2019, DCA style) by default, TBX v2 (``martif``) on request.

The two differ only in element names (``conceptEntry/langSec/termSec`` vs
``termEntry/langSet/tig``), so one writer serves both. Status maps to
``administrativeStatus`` (approved: first English preferred, others
admitted; forbidden and deprecated: deprecated); contexts are ``context``
descrips; pinyin is a note on the Chinese term; our status and evidence are
``key: value`` notes on the concept.

>>> from glossary.models import TermEntry, Equivalent, Status
>>> e = TermEntry("镨钕", "鐠釹", "pǔ nǚ", [Equivalent("PrNd", "text", 0.9)], status=Status.APPROVED)
>>> data = TbxFormat().write([e], WriteOptions())
>>> b"preferredTerm-admn-sts" in data, TbxFormat().read(data, "x.tbx")[0].traditional
(True, '鐠釹')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import FormatError
from ..models import ROLES, Equivalent, Status, TermEntry
from .base import WriteOptions, apply_meta, decode_context, encode_context, fmt_num, mark_given, meta_pairs
from .langs import is_chinese_traditional
from .xmlsafe import attr, check_carryable, esc, lang_of, local, parse, text_of

NS3 = "urn:iso:std:iso:30042:ed-2"
_NAMES = {3: ("conceptEntry", "langSec", "termSec"), 2: ("termEntry", "langSet", "tig")}
ADMIN = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
}


def _admin(status: Status, role: str = "preferred") -> str | None:
    """The administrative status of a term: a forbidden or deprecated concept's terms are deprecated; an
    approved concept's are preferred or admitted as a reviewer chose them; a suggestion has none."""
    if status in (Status.FORBIDDEN, Status.DEPRECATED):
        return ADMIN["deprecated"]
    if status == Status.APPROVED:
        return ADMIN.get(role)
    return None


_ROLE_OF = {v: k for k, v in ADMIN.items() if k != "deprecated"}


class TbxFormat:
    """Reader and writer for TBX-Basic (v3, default) and TBX v2."""

    name = "tbx"
    extensions: tuple[str, ...] = (".tbx",)

    def write(self, entries: Sequence[TermEntry], options: WriteOptions) -> bytes:
        v = options.tbx_version
        if v not in _NAMES:
            raise FormatError(f"TBX version {v} is not supported; use 2 or 3")
        check_carryable(entries)
        concept, lang_el, term_el = _NAMES[v]
        zh, tw, en = options.langs.codes
        if v == 3:
            out = [
                '<?xml version="1.0" encoding="UTF-8"?>',
                '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/'
                'TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" '
                'schematypens="http://relaxng.org/ns/structure/1.0"?>',
                f'<tbx type="TBX-Basic" style="dca" xml:lang={attr(en)} xmlns="{NS3}">',
                "  <tbxHeader>",
            ]
        else:
            out = [
                '<?xml version="1.0" encoding="UTF-8"?>',
                f'<martif type="TBX" xml:lang={attr(en)}>',
                "  <martifHeader>",
            ]
        out += [
            "    <fileDesc>",
            f"      <titleStmt><title>Glossary exported by {esc(options.tool)}</title></titleStmt>",
            f"      <sourceDesc><p>{esc(options.tool)} {esc(options.tool_version)}, {options.stamp}</p></sourceDesc>",
            "    </fileDesc>",
            "  </tbxHeader>" if v == 3 else "  </martifHeader>",
            "  <text>",
            "    <body>",
        ]
        # each entry's lines are joined and encoded as it is written: a list of every line of 128,000 entries
        # (three million strings) held 0.8 GB beside the entries themselves
        blocks = ["\n".join(out).encode("utf-8")]
        for i, e in enumerate(entries, 1):
            out = [f'      <{concept} id="c{i}">']
            for k, val in meta_pairs(e):
                if k != "context":
                    out.append(f"        <note>{esc(k)}: {esc(val)}</note>")
            if e.traditional and not e.english and v == 2:
                # TBX v2 readers (translate-toolkit, OmegaT) take the second language as the target: with no
                # English, a Traditional language section would be read as the translation, so it is a note
                out.append(f"        <note>traditional: {esc(e.traditional)}</note>")
            zh_extra = [f"<note>pinyin: {esc(e.pinyin)}</note>"] if e.pinyin else []
            zh_extra += [f'<descrip type="context">{esc(encode_context(c))}</descrip>' for c in e.contexts]
            self._lang(out, lang_el, term_el, zh, [(e.simplified, _admin(e.status), zh_extra)])
            # English second: TBX v2 readers (translate-toolkit, OmegaT) take the second language as the target
            if e.english:
                terms = []
                for q in e.english:
                    extra = [
                        f'<admin type="source">{esc(q.source)}</admin>',
                        f"<note>confidence: {fmt_num(q.confidence)}</note>",
                        f"<note>role: {q.role}</note>",
                    ]
                    terms.append((q.text, _admin(e.status, q.role), extra))
                self._lang(out, lang_el, term_el, en, terms)
            if e.traditional and (e.english or v == 3):
                self._lang(out, lang_el, term_el, tw, [(e.traditional, _admin(e.status), [])])
            out.append(f"      </{concept}>")
            blocks.append("\n".join(out).encode("utf-8"))
        blocks.append("\n".join(["    </body>", "  </text>", "</tbx>" if v == 3 else "</martif>", ""]).encode("utf-8"))
        return b"\n".join(blocks)

    @staticmethod
    def _lang(
        out: list[str], lang_el: str, term_el: str, lang: str, terms: list[tuple[str, str | None, list[str]]]
    ) -> None:
        out.append(f"        <{lang_el} xml:lang={attr(lang)}>")
        for text, admin, extra in terms:
            out.append(f"          <{term_el}>")
            out.append(f"            <term>{esc(text)}</term>")
            if admin:
                out.append(f'            <termNote type="administrativeStatus">{admin}</termNote>')
            out += [f"            {x}" for x in extra]
            out.append(f"          </{term_el}>")
        out.append(f"        </{lang_el}>")

    def read(self, data: bytes, path: str) -> list[TermEntry]:
        root, lines = parse(data, path)
        top = local(root.tag)
        if top not in ("tbx", "martif"):
            raise FormatError(f"root element is <{top}>, not <tbx> or <martif>; is this a TBX file?", path, 1)
        out: list[TermEntry] = []
        for el in root.iter():
            if local(el.tag) in ("conceptEntry", "termEntry"):
                out.append(self._concept(el, path, lines))
        return out

    def _concept(self, ce: Any, path: str, lines: dict[int, int]) -> TermEntry:
        entry = TermEntry("", given=frozenset())
        for child in ce:
            tag = local(child.tag)
            if tag == "note":
                key, sep, value = text_of(child).partition(": ")
                if sep:
                    try:
                        apply_meta(entry, key.strip(), value)
                    except ValueError as e:
                        raise FormatError(f"bad note {key!r} ({e})", path, lines.get(id(child))) from None
            elif tag in ("langSec", "langSet"):
                lang = lang_of(child).lower()
                if not lang:
                    raise FormatError(f"<{tag}> without xml:lang", path, lines.get(id(child)))
                for ts in child:
                    if local(ts.tag) in ("termSec", "tig", "ntig"):
                        _add_term(entry, lang, ts, path, lines)
        if not entry.simplified:
            raise FormatError("concept entry has no Chinese term (xml:lang zh-…)", path, lines.get(id(ce)))
        return mark_given(entry)


def _add_term(entry: TermEntry, lang: str, ts: Any, path: str, lines: dict[int, int]) -> None:
    """One term section of a language section into ``entry``: the Simplified term (the first), a Traditional
    form, a further Chinese variant or an English equivalent."""
    term_el = next((t for t in ts.iter() if local(t.tag) == "term"), None)
    if term_el is None or not text_of(term_el).strip():
        raise FormatError("a term section without a <term>", path, lines.get(id(ts)))
    text = text_of(term_el)
    fields: dict[str, str] = {}
    contexts = []
    for x in ts.iter():
        xt = local(x.tag)
        if xt == "descrip" and x.get("type") == "context":
            contexts.append(decode_context(text_of(x)))
        elif xt in ("termNote", "admin", "descrip"):
            fields[x.get("type") or ""] = text_of(x)
        elif xt == "note":
            k, _, v = text_of(x).partition(": ")
            fields[k] = v
    if lang.startswith("zh") and is_chinese_traditional(lang):
        entry.traditional = entry.traditional or text
    elif lang.startswith("zh"):
        if not entry.simplified:
            entry.simplified = text
            entry.pinyin = fields.get("pinyin", "")
            if contexts and not entry.contexts:
                entry.contexts = contexts
        elif text not in entry.variants:
            entry.variants.append(text)
    else:
        _add_english(entry, text, fields, path, lines.get(id(ts)))


def _add_english(entry: TermEntry, text: str, fields: dict[str, str], path: str, line: int | None) -> None:
    try:
        conf = float(fields.get("confidence", "1"))
    except ValueError:
        raise FormatError("confidence note is not a number", path, line) from None
    role = fields.get("role") or _ROLE_OF.get(fields.get("administrativeStatus", ""), "suggested")
    if "role" in fields:  # our own TBX says each English's role; a foreign one leaves it to with_roles
        entry.given = (entry.given or frozenset()) | {"roles"}
    entry.english.append(Equivalent(text, fields.get("source", "import"), conf, role if role in ROLES else "suggested"))
