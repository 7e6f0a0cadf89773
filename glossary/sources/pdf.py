"""PDF read as its text: each page's text layer (PDFium, through ``pypdfium2``), a paragraph's wrapped lines joined
again, and the running heads and page numbers every page repeats left out.

A PDF holds glyphs placed on pages, not a text: a paragraph comes out cut into the lines it was set in (a term
wrapped across two, 冷却 / 塔, is two words), and each page repeats its header and its number ("某某手册 91 / 223").
A line that runs to the full width of the document's lines and ends no sentence goes on in the next (joined with
nothing between two wide characters, a space between Latin words); a line at the top or the bottom of a page
that recurs there on many pages, its numbers aside, is left out. A PDF has no characters of its own to count, so
the offsets and lines of a PDF's terms are those of this text. A scan (no text layer) is refused: it needs OCR.

>>> lines = ["检修手册", "新换的叶片采用陶瓷涂层，检修时应先关闭冷却", "塔的进水阀，再拆下换热器，最后检查叶片的涂", "层。", "短句。"]
>>> join_lines(lines)
['检修手册', '新换的叶片采用陶瓷涂层，检修时应先关闭冷却塔的进水阀，再拆下换热器，最后检查叶片的涂层。', '短句。']
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from ..errors import SourceError
from ..normalise.hanzi import is_wide, wrap_join
from .clean import CONTENTS_LEADER

#: a line at least this share of the document's full width was wrapped there, unless it ends a sentence
FULL = 0.85
#: what ends a sentence or a clause a line may end with before a break that is the writer's
_ENDS = tuple("。！？；：!?;:")
#: the lines at a page's top and bottom that may be its running head or foot
EDGE_LINES = 2
#: a top or bottom line is the page's furniture where it recurs (numbers aside) on this share of the pages, and on
#: three at least
RUNNING_SHARE = 0.3
_NUMBER = re.compile(r"\d+")
#: a table of contents' entry's end: its leader and page number (:data:`.clean.CONTENTS_LEADER`)
_ENTRY_END = re.compile(CONTENTS_LEADER.pattern + r"\s*$")
#: the radicals a PDF's fonts may label their ideographs' glyphs with (⼯ U+2F2F for 工 U+5DE5: the page shows 工作,
#: the text layer says ⼯作), each to the ideograph it stands for: Unicode's own compatibility mapping, one character
#: for one, so no offset moves
RADICALS = {cp: k for cp in range(0x2E80, 0x2FE0) if (k := unicodedata.normalize("NFKC", chr(cp))) != chr(cp)}
#: what PDFium gives for a hyphen that broke a word at a line's end (a noncharacter: no text holds one)
SOFT_HYPHEN = "\ufffe"


def _width(line: str) -> int:
    return sum(2 if is_wide(ch) else 1 for ch in line)


def join_lines(lines: Sequence[str]) -> list[str]:
    """``lines`` with each wrapped one joined to the next (the module's rule): the document's full width is the
    width nine lines in ten stay within."""
    widths = sorted(_width(line) for line in lines if line.strip())
    if not widths:
        return list(lines)
    full = FULL * widths[int(0.9 * (len(widths) - 1))]
    out: list[str] = []
    carry = False  # (the last line goes on in this one)
    for line in lines:
        if carry and out and line.strip():
            out[-1] += wrap_join(out[-1], line.lstrip()) + line.lstrip()
        else:
            out.append(line.rstrip())
        last = out[-1].rstrip()
        # (a table of contents' entry runs to the full width with its leader, and ends where its number does)
        carry = bool(last) and _width(line) >= full and not last.endswith(_ENDS) and not _ENTRY_END.search(last)
    return out


def _furniture(pages: Sequence[Sequence[str]]) -> set[str]:
    """The top and bottom lines, numbers as ``#``, that recur on many pages (:data:`RUNNING_SHARE`)."""
    seen: Counter[str] = Counter()
    for lines in pages:
        kept = [line.strip() for line in lines if line.strip()]
        seen.update({_NUMBER.sub("#", line) for line in kept[:EDGE_LINES] + kept[-EDGE_LINES:]})
    least = max(3, RUNNING_SHARE * len(pages))
    return {key for key, n in seen.items() if n >= least}


def prose(data: bytes, name: str) -> str:
    """The text of the PDF ``data`` (the module docstring), pages one after another.

    :raises SourceError: when PDFium cannot open it (damaged, or locked by a password), or it has no text layer.
    """
    import pypdfium2 as pdfium  # (loads PDFium: only a mine with a PDF pays for it)

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        said = str(e).rstrip(".")  # ("Failed to load document (PDFium: Data format error).")
        said = said[said.find("PDFium") :].rstrip(")") if "PDFium" in said else said
        why = "it is locked by a password" if "password" in said.lower() else said
        raise SourceError(f"{name}: cannot read this PDF ({why}); skipped") from None
    try:
        pages = []
        for page in document:
            text = page.get_textpage().get_text_range()
            # (a hyphen that broke a word at a line's end PDFium gives as U+FFFE, the line's break taken out: the
            # word is whole without it, "meta\ufffelogo" is "metalogo")
            text = text.replace(SOFT_HYPHEN, "").replace("\r\n", "\n").replace("\r", "\n").translate(RADICALS)
            pages.append(text.split("\n"))
    finally:
        document.close()
    if not any(line.strip() for lines in pages for line in lines):
        raise SourceError(f"{name}: a PDF without text (a scan?); run it through OCR first; skipped")
    furniture = _furniture(pages)
    kept = [
        line for lines in pages for line in lines if not (line.strip() and _NUMBER.sub("#", line.strip()) in furniture)
    ]
    return "\n".join(join_lines(kept)) + "\n"
