"""Markdown read as its prose: code, link targets and HTML tags blanked, every offset kept.

A translator's documentation folder holds Markdown, and its code (fenced blocks, `inline code`), its links' targets
and its HTML tags are no words of the field: read as plain text they gave identifiers and paths as "terms". Each is
replaced by spaces of its length (a line break stays a line break), so offsets in the result are offsets in the
file. Written by hand, as the parsers (markdown-it) give lines, not the characters an offset needs.

>>> text = "用 `kfree()` 释放，见[文档](https://example.org/a.md)。"
>>> prose(text).split(), len(prose(text)) == len(text)
(['用', '释放，见', '文档', '。'], True)
>>> prose("```c\\nint x;\\n```\\n正文").splitlines()[-1]
'正文'
>>> prose("一个 ` 号。\\n\\n第二段用 `x` 变量。")
'一个 ` 号。\\n\\n第二段用     变量。'
"""

from __future__ import annotations

import re

#: a fence that opens or closes a code block: three or more backquotes or tildes, indented at most three spaces
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
#: inline code: a run of backquotes, what it holds, and a run as long (CommonMark's rule), on one line (a stray
#: backquote blanks no more than the rest of its line's pair)
_CODE_SPAN = re.compile(r"(`+)(?!`)[^\n]+?(?<!`)\1(?!`)")
#: an image, whole: ![alt](target)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
#: a link's brackets and target, its text kept: [text](target), [text][ref]
_LINK = re.compile(r"(\[)([^\]\n]*)(\]\([^)\n]*\)|\]\[[^\]\n]*\])")
#: a reference definition's line: [ref]: target
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[^\n]*$", re.M)
#: an HTML tag or comment, an autolink <https://…>
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>|<[a-z][a-z0-9+.-]*:[^<>\s]*>", re.S)


def blank(text: str) -> str:
    """``text`` as spaces, its line breaks kept.

    >>> blank("ab\\ncd")
    '  \\n  '
    """
    return re.sub(r"[^\n]", " ", text)


def prose(text: str) -> str:
    """``text`` with its code blocks, inline code, images, links' targets, reference definitions and HTML tags
    blanked (:func:`blank`); the same length, line for line."""
    text = _blank_fenced(text)
    text = _CODE_SPAN.sub(lambda m: blank(m.group()), text)
    text = _IMAGE.sub(lambda m: blank(m.group()), text)
    text = _LINK.sub(lambda m: " " + m.group(2) + blank(m.group(3)), text)
    text = _REFERENCE.sub(lambda m: blank(m.group()), text)
    return _TAG.sub(lambda m: blank(m.group()), text)


def _blank_fenced(text: str) -> str:
    """Fenced code blocks blanked, fences and all; a fence left open runs to the end, as CommonMark reads it."""
    if "```" not in text and "~~~" not in text:
        return text
    out: list[str] = []
    fence = ""
    for line in text.splitlines(keepends=True):
        m = _FENCE.match(line)
        if not fence and m:
            fence = m.group(1)
            out.append(blank(line))
        elif fence:
            closing = m is not None and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence)
            if closing and not line.strip().strip(fence[0]):
                fence = ""
            out.append(blank(line))
        else:
            out.append(line)
    return "".join(out)
