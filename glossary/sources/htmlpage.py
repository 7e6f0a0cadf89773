"""HTML read as the text a browser shows: tags, code, scripts and a page's navigation left out, entities read.

A translator's folder often holds web pages saved whole (``.html``), and a manual's HTML build. Read as plain text
their tags, scripts and style sheets gave "terms"; read as a browser shows them, they are the page's text. The
standard library's tolerant parser (:class:`html.parser.HTMLParser`) finds the tags, however malformed the page.
An inline tag (``<b>``, ``<a>``, ``<span>``) is nothing, as in a browser (涡轮<b>叶片</b> is one word); a block (a
paragraph, a heading, an item, a cell, a ``<br>``) is a line of its own (an empty one none), so the page's blocks
are lines, as page-chrome cleaning and the contexts read them; a line break of the markup inside a block is a space, or nothing
between two Hanzi or other wide characters (as CSS reads a break between two East Asian characters); what code, scripts, style sheets,
forms and the elements HTML5 names as a page's chrome (``nav``, ``aside``, ``footer``) hold is left out, where the
element is closed (an element left open leaves out only its tag, not the rest of the page); and each character
reference (``&middot;``, ``&#x4E2D;``) is the character it stands for. So unlike the other formats' an HTML page's
offsets and lines are those of its text, not of its markup.

>>> prose('<p>卡洛斯&middot;贝内特说：</p><script>var x = "脚本";</script><p>涡轮<b>叶片</b>\\n检修</p>').split()
['卡洛斯·贝内特说：', '涡轮叶片检修']
>>> prose("<nav>首页 | 新闻</nav><p>正文</p>").split()
['正文']
>>> prose("<p><ruby>涡<rt>wō</rt>轮</ruby>叶片</p>")
'涡轮叶片\\n'

"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..normalise.hanzi import wrap_join

#: elements whose content is no prose of the page: programs and their data, forms, and what HTML5 calls a page's
#: navigation, its side content and its footer (a site's menus, related links, its legal line)
SKIPPED = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "math", "code", "pre", "kbd", "samp", "var",
        "form", "button", "select", "textarea", "iframe", "object", "canvas", "nav", "aside", "footer", "rt", "rp",
    }
)  # fmt: skip
#: a reading written over its characters (漢<rt>hàn</rt>字): left out without parting the word
_RUBY = frozenset({"rt", "rp"})
#: elements that begin a block of their own, where a browser starts a new line
BLOCKS = frozenset(
    {
        "address", "article", "blockquote", "body", "br", "caption", "dd", "details", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html",
        "li", "main", "ol", "p", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title",
        "tr", "ul",
    }
)  # fmt: skip
#: a line break of the markup, with the spaces about it
_BREAK = re.compile(r"[ \t]*\r?\n[ \t\r\n]*")


class _Events(HTMLParser):
    """Every construct of a page in order, as (kind, tag name, text); kinds: ``data`` (text, character references
    read), ``start``, ``void`` (a tag closed in itself), ``end`` and ``other`` (a comment, a declaration)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.events: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.events.append(("start", tag, ""))

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self.events.append(("void", tag, ""))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag, ""))

    def handle_data(self, data: str) -> None:
        self.events.append(("data", "", data))

    def handle_entityref(self, name: str) -> None:
        self.events.append(("data", "", html.unescape(f"&{name};")))

    def handle_charref(self, name: str) -> None:
        self.events.append(("data", "", html.unescape(f"&#{name};")))


def _skipped(events: list[tuple[str, str, str]]) -> list[bool]:
    """For each event, whether it lies inside a skipped element that is closed (its end tag found).

    Each closed element adds one over its span and the spans are summed in one pass, so a page of elements nested
    ten thousand deep (a page is untrusted input) costs no more than a flat one.

    >>> events = [("start", "nav", ""), ("start", "nav", ""), ("data", "", "a"), ("end", "nav", ""),
    ...           ("data", "", "b"), ("end", "nav", ""), ("data", "", "c")]
    >>> [data for (_, _, data), hidden in zip(events, _skipped(events)) if data and not hidden]
    ['c']
    """
    depth = [0] * (len(events) + 1)
    open_at: dict[str, list[int]] = {}
    for i, (kind, name, _) in enumerate(events):
        if name not in SKIPPED:
            continue
        if kind == "start":
            open_at.setdefault(name, []).append(i)
        elif kind == "end" and open_at.get(name):
            depth[open_at[name].pop() + 1] += 1
            depth[i] -= 1
    inside, running = [], 0
    for step in depth[:-1]:
        running += step
        inside.append(running > 0)
    return inside


def _unbreak(text: str) -> str:
    """A markup's line breaks inside a block: nothing between two wide characters (Hanzi, full-width
    punctuation), else one space.

    >>> _unbreak("涡轮\\n  叶片，\\n冷却 and\\nLNG")
    '涡轮叶片，冷却 and LNG'
    """
    if "\n" not in text:
        return text

    def join(m: re.Match[str]) -> str:
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        return wrap_join(before, after)

    return _BREAK.sub(join, text)


def prose(text: str) -> str:
    """``text`` as a browser shows its words (module docstring): inline tags nothing, a block's start a line
    break, skipped elements left out, character references read."""
    parser = _Events()
    parser.feed(text)
    parser.close()
    events = parser.events
    inside = _skipped(events)
    lines: list[str] = []
    run: list[str] = []  # the data of the block being read, its markup's line breaks read at its end
    for (kind, name, data), hidden in zip(events, inside):
        if hidden:
            continue
        if kind == "data":
            run.append(data)
        elif name in SKIPPED:
            if kind != "end" and name not in _RUBY:
                run.append(" ")  # (what was left out parts the words about it: 用<code>ls</code>命令 is no 用命令)
        elif name in BLOCKS:
            lines.append(_unbreak("".join(run)).strip())
            run = []
    lines.append(_unbreak("".join(run)).strip())
    return "\n".join(line for line in lines if line) + "\n"
