"""Removal of web-page chrome by general rules, keeping character offsets.

Removed lines are blanked with spaces of the same length, so offsets in the
cleaned text are offsets in the file. The rules (see ``_line_is_chrome``) are
about the *shape* of page furniture on Chinese websites — breadcrumbs, share
widgets, image placeholders, legal notices, repeated headlines, lists of
headlines with timestamps — never about strings of a particular article.

>>> text = "首页 > 新闻 > 正文\\n分享\\n大豆是一种作物。\\n![]()\\n"
>>> cleaned, removed = clean_text(text)
>>> cleaned.split("\\n")[2], removed
('大豆是一种作物。', 3)
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..normalise.hanzi import HAN
from .markdown import blank

_TIMESTAMP = re.compile(
    r"\d{4}(?:[-/.]\d{1,2}[-/.]\d{1,2}|年\d{1,2}月\d{1,2}日)\s*\d{1,2}:\d{2}"
    r"|^\s*\d{1,2}:\d{2}(:\d{2})?\s*$|\d+\s*(分钟|小时)前"
)
#: a reporter's byline on a line of its own: "记者某某／北京报道", "記者某某/台北報導" (a sentence that opens with 记者,
#: "记者从…获悉", is the article's)
_BYLINE = re.compile(r"(?:本[报報网網])?[记記]者\s*[^\s，。,/／]{2,4}\s*[／/]\s*[^\s，。,]{1,8}[报報][道導]")
_IMAGE = re.compile(r"^\s*(!\[[^\]]*\]\([^)]*\)|\[(图片|图|圖片|image)\]|<img\b[^>]*>)\s*$", re.I)
_BREADCRUMB = re.compile(r"\S\s*[>›»]\s*\S+\s*[>›»]\s*\S")
_HASHTAG = re.compile(r"^\s*#[^#\n]{1,40}#\s*$")
#: a table of contents' entry: its leader of dots and the page number after it ("1.2 安装 . . . . . . 13"); a
#: writer's ellipsis (……) is followed by words, not a page's number
CONTENTS_LEADER = re.compile(r"(?:(?:\. ?){4,}|(?:· ?){4,}|…{3,})\s*\d+")
_SENTENCE_END = re.compile(r"[。！？!?；;]")
#: what may stand before a notice's opening on its line: a bracket the line is set in and "this article's"
#: ("（本文编辑：某某　审核：某某）", "[编辑：某某]": the editors' names were mined as a field's terms)
_CREDIT_LINE = re.compile(r"^[（(\[【〔]?\s*(?:本文)?")
#: what a bar of buttons is cut into: spaces, bars, colons and the 【】 of "【分享】【字号 A+ A-】"
_BAR_PIECES = re.compile(r"[\s|｜:：【】\[\]]+")
#: the longest piece of such a bar (a button's name, a site's: 复制链接, WhatsApp, Facebook)
_BAR_PIECE = 12
#: a photo's credit or caption inside a line: "（图：… 本网记者 某某 摄）", "（示意圖／取自…）", "。摄影：某某" at a
#: line's end. Its credit is blanked where it stands, the sentence around it kept, and so is what a caption says of
#: the picture (:func:`_blank_credit`: its words are the field's).
_CREDIT = re.compile(
    r"[（(](?:[图圖](?:片|为|為)?|示意[图圖])[：:／/][^（）()\n]{0,80}[）)]"
    r"|[（(][^（）()\n]{0,80}(?:(?<!拍)[摄攝]|[摄攝]影[：:][^（）()\n]{1,20}|取自[^（）()\n]{1,30}|[来來]源[：:][^（）()\n]{1,30})[）)]"
    r"|(?:[摄攝]影|[图圖]片?[来來]源)[：:][^。！？\n]{1,20}$",
    re.M,
)
#: what opens a caption in brackets: 图：, 图片／, 示意图：, or 图为 ("the picture shows")
_CAPTION_OPENING = re.compile(r"[（(](?:[图圖][为為]|(?:[图圖]片?|示意[图圖])[：:／/])?")
#: a caption's last clause, after its last punctuation: its credit where it names a photographer or a source
_LAST_CLAUSE = re.compile(r"[^。！？；;，,]*[）)]$")
_NAMES_CREDIT = re.compile(r"(?<!拍)[摄攝]\s*[）)]$|[摄攝]影[：:]|取自|[来來]源[：:]")
#: a reporter's credit or a wire's dateline in brackets, blanked where it stands: "（记者 某某）", "（中央社記者某某台北
#: 7日電）" (a caption's brackets, which may name a reporter in the picture, are read as a caption first; 记者会 is a
#: press conference)
_REPORTER = re.compile(r"[（(][^（）()\n，。,]{0,8}[记記]者(?![会會])[^（）()\n，。,]{1,16}[）)]")
#: a paper's or a wire's dateline opening a paragraph, blanked where it stands: "本报讯", "新华社北京12月1日电",
#: "【某某日報訊】" (a wire's needs its date or its agency before 电 and a break after it: 某厂3月5日电费… is prose)
_DATELINE = re.compile(
    r"^[ \t\u3000]*(?:[【\[［]\s*)?"
    r"(?:本[报報网網刊台][讯訊][】\]］]?"
    r"|[^\s，。,：:；;（()【\[\]】]{1,16}?(?:(?:\d{1,2}月)?\d{1,2}日|[社网網报報])[电電](?:[】\]］]|(?=[\s\u3000（(【]|$))"
    r"|[^\s，。,：:；;（()【\[\]】]{1,8}?[专專]?[讯訊][】\]］])",
    re.M,
)


def _blank_credit(m: re.Match[str]) -> str:
    """A :data:`_CREDIT` match blanked but for what a caption says of the picture: its brackets, opening and
    credit go, its description stays where it stood.

    >>> _blank_credit(_CREDIT.search("（图：车间里的齿轮箱。本网记者 某某 摄）"))
    '   车间里的齿轮箱。          '
    >>> _blank_credit(_CREDIT.search("（图／记者某某摄）")).strip(), _blank_credit(_CREDIT.search("（图：齿轮箱）"))
    ('', '   齿轮箱 ')
    """
    span = m.group()
    opening = _CAPTION_OPENING.match(span)
    if opening is None:
        return " " * len(span)
    last = _LAST_CLAUSE.search(span, opening.end())
    credit = last.start() if last is not None and _NAMES_CREDIT.search(last.group()) else len(span) - 1
    return " " * opening.end() + span[opening.end() : credit] + " " * (len(span) - credit)


@lru_cache(maxsize=1)
def _markers() -> tuple[tuple[str, ...], frozenset[str], re.Pattern[str]]:
    """Legal-notice line openings, widget words and legal marks (one pattern; a mark that ends in a Hanzi
    only where no Hanzi follows: 版权所有人 is a term of copyright law, not a site's notice), from
    ``data/chrome.txt``."""
    kinds: dict[str, list[str]] = {"notice": [], "widget": [], "mark": []}
    text = resources.files("glossary.data").joinpath("chrome.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        kind, _, value = line.partition(" ")
        kinds[kind].append(value.strip())
    marks = "|".join(re.escape(m) + (r"(?![\u3400-\u9fff])" if HAN.match(m[-1]) else "") for m in kinds["mark"])
    return tuple(kinds["notice"]), frozenset(kinds["widget"]), re.compile(marks or r"(?!)")


def _is_prose(line: str) -> bool:
    """A sentence of the article, as a line of a list of headlines never is: long, or ending in 。."""
    s = line.strip()
    return bool(s) and (len(s) > 60 or s.endswith("。"))


def _is_stamp(line: str) -> bool:
    """A dateline, a byline or a headline with its time: a timestamp (2026-01-28 19:48, 3小时前) in a line that is no
    sentence (会议于2025-01-03 10:00召开。 and 服药30分钟前禁食。 are the article's).

    >>> _is_stamp("作者：某某　2025-10-28 21:47　发表于江苏"), _is_stamp("患者应在服药30分钟前禁食。")
    (True, False)
    """
    return (":" in line or "前" in line) and _TIMESTAMP.search(line) is not None and not _is_prose(line)


def _line_is_chrome(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    prefixes, widgets, marks = _markers()
    # cheap character tests first: most lines are sentences and fail them all
    if s[0] in "![<" and _IMAGE.match(s) or s[0] == "#" and _HASHTAG.match(s):
        return True
    if _is_stamp(s) or _BYLINE.fullmatch(s):
        return True
    if s.startswith(prefixes) or _CREDIT_LINE.sub("", s, count=1).startswith(prefixes):
        return True
    if len(s) <= 40 and _BREADCRUMB.search(s) and not _SENTENCE_END.search(s):
        return True
    if s.isdigit() or s in widgets:
        return True
    # a table of contents' entry: a copy of a heading the text holds again (a PDF's, a Word file's kept as text)
    if CONTENTS_LEADER.search(s):
        return True
    # a line of widget words ("分享 收藏 举报")
    parts = s.split()
    if len(parts) > 1 and all(p in widgets for p in parts):
        return True
    if len(s) <= 120 and not _SENTENCE_END.search(s):
        # a bar that a widget opens ("分享至：WhatsApp｜Facebook｜LINE", "【朗读】【字级 A A A】【收藏】"): short
        # pieces, three or more (a heading such as "评论：补贴退坡的影响" is two)
        pieces = [p for p in _BAR_PIECES.split(s) if p]
        if len(pieces) > 2 and pieces[0] in widgets and all(len(p) <= _BAR_PIECE for p in pieces):
            return True
        # a site's legal line, whatever comes first ("某某网版权所有 Copyright © 2010-2025 京ICP备…")
        if marks.search(s):
            return True
    # a line without a Chinese character is no Chinese text: a notice, a translation of the line before (a
    # bilingual subtitle's English line, a bilingual report's), an untranslated heading or menu of a manual half
    # translated. (Only those of over 60 characters were blanked: GIMP's Chinese help, 4,100 lines with Chinese
    # among 12,100 without, gave "Menu", "Options", "Overview" as its first Chinese terms.)
    return not HAN.search(s)


#: the most of the characters from a list's first timestamp to the text's end that may be sentences of an article
#: (a footer's motto ends in 。 too); counted in characters, as an article's few paragraphs are long lines and a
#: list's many headlines short ones
LIST_SENTENCES = 0.2


def _headline_list_start(lines: list[str]) -> int | None:
    """Index where a trailing list of headlines with timestamps begins, if any.

    Such lists end a page: two or more timestamp lines close together, with few sentences of an article from them to
    the end (:data:`LIST_SENTENCES`). A page's published and updated times above its article are two timestamps
    close together too, and a file that holds several pages has a list between two of them: the text after
    either is kept. We cut from the first headline of the cluster, walking back over short lines that are not
    sentences of the article.

    >>> _headline_list_start(["正文。", "某新闻", "2026-01-28 19:48", "另一新闻", "2026-01-27 10:00"])
    1
    >>> dated = ["标题", "发布时间：2025-01-03 10:00", "更新时间：2025-01-04 09:30"]
    >>> _headline_list_start([*dated, "齿轮箱是风力发电机组的关键部件，需要定期检查润滑油。"]) is None
    True
    """
    stamps = [i for i, line in enumerate(lines) if _is_stamp(line)]
    if len(stamps) < 2:
        return None
    # (from each line to the end: the characters of sentences of an article, and of every line)
    sentences, filled = [0] * (len(lines) + 1), [0] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        size = len(lines[i].strip())
        sentences[i] = sentences[i + 1] + (size if _is_prose(lines[i]) else 0)
        filled[i] = filled[i + 1] + size
    for a, b in zip(stamps, stamps[1:]):
        if b - a <= 8 and sentences[a] <= LIST_SENTENCES * filled[a]:
            start = a
            while start > 0 and not _is_prose(lines[start - 1]):
                start -= 1
            return start
    return None


def clean_text(text: str) -> tuple[str, int]:
    """Blank page-chrome lines; return (cleaned text of the same length, lines removed)."""
    lines = text.split("\n")
    drop = [_line_is_chrome(line) for line in lines]
    cut = _headline_list_start(lines)
    if cut is not None:
        for i in range(cut, len(lines)):
            drop[i] = True
    seen: set[str] = set()
    for i, line in enumerate(lines):
        key = line.strip()
        # a line that repeats an earlier one is a headline or widget shown twice
        if key and len(key) >= 6 and key in seen:
            drop[i] = True
        seen.add(key)
    removed = 0
    for i, d in enumerate(drop):
        if d and lines[i].strip():
            lines[i] = blank(lines[i])
            removed += 1
    cleaned = "\n".join(lines)
    cleaned = _CREDIT.sub(_blank_credit, cleaned)
    for credit in (_DATELINE, _REPORTER):
        cleaned = credit.sub(lambda m: blank(m.group()), cleaned)
    return cleaned, removed
