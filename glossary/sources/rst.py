"""reStructuredText read as its prose: directives, comments, literal blocks, section rules and inline markup
blanked, every offset kept.

Sphinx documentation (the Linux kernel's Chinese translation, a project's manual) is written in reST, and read as
plain text its markup (toctree, maxdepth, the include of a disclaimer file, ``inline literals``, :c:func:`roles`,
code after ``::``) gave "terms". Each is replaced by spaces of its length (:func:`markdown.blank`), so offsets in
the result are offsets in the file. What a directive holds stays where it is prose (a note, a warning, a table's
cells); a code block, a table of contents, an include and an image hold none. Written by hand, as docutils gives
lines, not the characters an offset needs, and does not know Sphinx's own directives and roles.

>>> prose(".. toctree::\\n   :maxdepth: 2\\n\\n   index\\n\\n内核文档\\n========\\n").split("\\n")[5:7]
['内核文档', '        ']
>>> text = "调用 :c:func:`kfree` 释放 ``ptr``，见 :ref:`内存管理 <mm>`。"
>>> prose(text).split(), len(prose(text)) == len(text)
(['调用', '释放', '，见', '内存管理', '。'], True)
"""

from __future__ import annotations

import re

from ..normalise.hanzi import HAN
from .markdown import blank

#: an explicit markup block's first line: a directive (.. name:: …), a target (.. _name:), a substitution's
#: definition, a footnote or a comment (.. anything else)
_EXPLICIT = re.compile(r"^(\s*)\.\.(?:\s|$)")
_DIRECTIVE = re.compile(r"^(\s*)\.\.\s+(?:\|[^|]+\|\s+)?([A-Za-z][\w:+-]*)::")
#: directives whose body is prose, which is kept (its options are not)
_PROSE_DIRECTIVES = frozenset(
    {
        "note", "warning", "tip", "hint", "important", "attention", "caution", "danger", "error", "admonition",
        "seealso", "topic", "sidebar", "rubric", "epigraph", "highlights", "pull-quote", "container", "table",
        "list-table", "csv-table", "only", "versionadded", "versionchanged", "deprecated", "glossary", "centered",
        "hlist",
    }
)  # fmt: skip
#: a field list's name at a line's start (:Original:, :Translator:, a directive's :maxdepth: 2)
_FIELD = re.compile(r"^(\s*)(:[^:\n`]+:)(?=\s|$)")
#: a section's over- or underline: one punctuation character repeated
_ADORNMENT = re.compile(r"^([=\-`:'\"~^_*+#<>.])\1{2,}\s*$")
#: inline markup: a literal, a role and what it marks, a reference with its target, a target's name
_LITERAL = re.compile(r"``.+?``")
_ROLE = re.compile(r":[A-Za-z][\w:+.-]*:`([^`\n]*)`")
_REFERENCE = re.compile(r"`([^`<\n]*?)\s*<[^<>`\n]*>`__?|`([^`\n]+)`__?")
#: roles whose content is words of the text, not code or a path
_PROSE_ROLES = frozenset({"ref", "doc", "term", "abbr", "dfn", "emphasis", "strong", "sub", "sup", "title"})


def prose(text: str) -> str:
    """``text`` with its reST markup blanked; the same length, line for line."""
    reader = _Reader()
    return "".join(reader.read(line) for line in text.splitlines(keepends=True))


class _Reader:
    """A document read line by line: what a line is depends on the lines before it (a directive's body, a
    literal block after "::", the metadata before the first title)."""

    def __init__(self) -> None:
        self.skip_deeper_than: int | None = None  # a block being blanked: the lines indented deeper than this
        self.body_deeper_than: int | None = None  # a prose directive's body: its options blanked, its text kept
        self.literal_next = False  # the paragraph before ended with "::"
        self.paragraph_indent = 0  # the indentation of the last line with text
        self.titled = False  # a section's title seen: the fields before it are the document's metadata

    def read(self, line: str) -> str:
        """``line`` as its prose."""
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        out = self._in_block(line, stripped, indent)
        if out is None:
            out = self._markup(line, stripped, indent)
        if stripped:
            self.paragraph_indent = indent
        return out

    def _in_block(self, line: str, stripped: str, indent: int) -> str | None:
        """``line`` blanked where it belongs to a block being blanked, or is an option of a prose directive or
        begins a literal block; else None."""
        if self.skip_deeper_than is not None:
            if not stripped or indent > self.skip_deeper_than:
                return blank(line)
            self.skip_deeper_than = None
        if self.body_deeper_than is not None:
            if stripped and indent <= self.body_deeper_than:
                self.body_deeper_than = None
            elif _FIELD.match(line):
                return blank(line)  # (a directive's option: :class: note)
        if self.literal_next and stripped:
            self.literal_next = False
            if indent > self.paragraph_indent:
                self.skip_deeper_than = self.paragraph_indent
                return blank(line)
        return None

    def _markup(self, line: str, stripped: str, indent: int) -> str:
        """``line``'s explicit markup, section rule, "::" or field blanked, and its inline markup."""
        if _EXPLICIT.match(line):
            directive = _DIRECTIVE.match(line)
            if directive and directive.group(2).split(":")[-1] in _PROSE_DIRECTIVES:
                self.body_deeper_than = indent
                return blank(line[: directive.end()]) + _inline(line[directive.end() :])  # (its title kept)
            self.skip_deeper_than = indent  # (a comment, a target, a code block, an include: none of it is prose)
            return blank(line)
        if _ADORNMENT.match(stripped):
            self.titled = True
            return blank(line)
        if stripped.endswith("::"):
            self.literal_next = True
            cut = len(line.rstrip()) - 2
            return _inline(line[:cut]) + "  " + line[cut + 2 :]
        field = _FIELD.match(line)
        if field and not self.titled:
            # (the document's metadata before its title, each field's lines under it too: :Original: a path,
            # :Translator: a name and an address)
            self.skip_deeper_than = indent
            return blank(line)
        if field and not HAN.search(line, field.end(2)):
            return blank(line)  # (a field of paths, names or numbers)
        if field:
            line = line[: field.start(2)] + blank(field.group(2)) + line[field.end(2) :]
        return _inline(line)


def _inline(line: str) -> str:
    """A line's inline markup blanked: literals whole, a role's marker (and its content, unless the role marks
    words), a reference's backquotes and target."""
    line = _LITERAL.sub(lambda m: blank(m.group()), line)
    line = _ROLE.sub(_role, line)
    return _REFERENCE.sub(_reference, line)


def _role(m: re.Match[str]) -> str:
    name = m.group()[1 : m.group().index(":`")].split(":")[-1]
    content = m.group(1)
    if name not in _PROSE_ROLES:
        return blank(m.group())
    target = content.find("<")
    words = content[:target].rstrip() if target > 0 and content.endswith(">") else content
    if words == content and name in ("ref", "doc"):
        return blank(m.group())  # (a bare label or path: :doc:`../process/howto`)
    head = m.start(1) - m.start()
    body = words + blank(content[len(words) :])
    return blank(m.group()[:head]) + body + " "


def _reference(m: re.Match[str]) -> str:
    words = m.group(1) if m.group(1) is not None else m.group(2)
    return " " + words + blank(m.group()[1 + len(words) :])
