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

_TIMESTAMP = re.compile(
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}|^\s*\d{1,2}:\d{2}(:\d{2})?\s*$|\d+\s*(分钟|小时)前"
)
_IMAGE = re.compile(r"^\s*(!\[[^\]]*\]\([^)]*\)|\[(图片|图|圖片|image)\]|<img\b[^>]*>)\s*$", re.I)
_BREADCRUMB = re.compile(r"\S\s*[>›»]\s*\S+\s*[>›»]\s*\S")
_HASHTAG = re.compile(r"^\s*#[^#\n]{1,40}#\s*$")
_SENTENCE_END = re.compile(r"[。！？!?；;]")


@lru_cache(maxsize=1)
def _markers() -> tuple[tuple[str, ...], frozenset[str]]:
    """Legal-notice line openings and widget words, from ``data/chrome.txt``."""
    prefixes: list[str] = []
    widgets: set[str] = set()
    text = resources.files("glossary.data").joinpath("chrome.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        kind, _, value = line.partition(" ")
        (prefixes.append if kind == "notice" else widgets.add)(value.strip())
    return tuple(prefixes), frozenset(widgets)


def _line_is_chrome(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    prefixes, widgets = _markers()
    # cheap character tests first: most lines are sentences and fail them all
    if s[0] in "![<" and _IMAGE.match(s) or s[0] == "#" and _HASHTAG.match(s):
        return True
    if (":" in s or "前" in s) and _TIMESTAMP.search(s):
        return True
    if s.startswith(prefixes):
        return True
    if len(s) <= 40 and _BREADCRUMB.search(s) and not _SENTENCE_END.search(s):
        return True
    if s.isdigit() or s in widgets:
        return True
    # a line of widget words ("分享 收藏 举报")
    parts = s.split()
    if len(parts) > 1 and all(p in widgets for p in parts):
        return True
    # long Latin-only lines in a Chinese text are notices or translations of them
    return not HAN.search(s) and len(s) > 60


def _headline_list_start(lines: list[str]) -> int | None:
    """Index where a trailing list of headlines with timestamps begins, if any.

    Such lists end a page: two or more timestamp lines close together. We cut
    from the first headline of the cluster, walking back over short lines that
    are not sentences of the article.
    """
    stamps = [i for i, line in enumerate(lines) if (":" in line or "前" in line) and _TIMESTAMP.search(line)]
    for a, b in zip(stamps, stamps[1:]):
        if b - a <= 8:
            start = a
            while start > 0:
                prev = lines[start - 1].strip()
                if prev and (len(prev) > 60 or prev.endswith("。")):
                    break
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
            lines[i] = " " * len(lines[i])
            removed += 1
    return "\n".join(lines), removed
