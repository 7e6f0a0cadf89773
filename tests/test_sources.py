"""Stage 1: reading files, decoding, cleaning page chrome, keeping offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.errors import DecodeError, SourceError
from glossary.sources import FORMATS, read_document, read_sources
from glossary.sources.clean import clean_text
from glossary.sources.text import decode_bytes, incomplete_tail

TEXT = "大豆蛋白粉用于电动汽车的驱动马达。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_simplified_encodings_decode_exactly(encoding: str) -> None:
    text, used = decode_bytes(TEXT.encode(encoding), "x.txt")
    assert text == TEXT
    assert used == ("gb18030" if encoding == "gb18030" else "utf-8")


def test_big5_decodes_exactly() -> None:
    trad = "大豆蛋白粉用於電動汽車的驅動馬達。"
    assert decode_bytes(trad.encode("big5"), "x.txt") == (trad, "big5")


def test_gbk_is_never_mined_as_mojibake(tmp_path: Path) -> None:
    p = tmp_path / "gbk.txt"
    p.write_bytes(TEXT.encode("gbk"))
    doc = read_document(p)
    assert doc.text == TEXT and doc.encoding == "gb18030"


def test_wrong_forced_encoding_is_an_error() -> None:
    with pytest.raises(DecodeError, match="cannot decode as utf-8"):
        decode_bytes(TEXT.encode("gb18030"), "x.txt", "utf-8")


def test_random_bytes_are_refused_as_text() -> None:
    data = bytes(range(128, 256)) * 40
    with pytest.raises(SourceError):
        decode_bytes(data, "x.txt")


def test_a_utf8_file_cut_short_mid_character_is_read_to_that_character_and_said_so(tmp_path: Path) -> None:
    # a copy or a download that stopped inside a character: the file was skipped whole ("not UTF-8, GB18030 or
    # Big5"), every term in it lost for want of one character
    (tmp_path / "cut.txt").write_bytes(TEXT.encode("utf-8") + "磁".encode()[:2])
    (tmp_path / "whole.txt").write_text(TEXT, encoding="utf-8")
    result = read_sources([tmp_path])
    assert [d.text for d in result.documents] == [TEXT, TEXT]
    assert [(Path(p).name, "cut short" in why) for p, why in result.skipped] == [("cut.txt", True)]
    # text in another encoding, whose last bytes may look like the start of a UTF-8 character, is still read as such
    gbk = (TEXT + "涓").encode("gb18030")  # (涓 is E4 B8 in GB18030: the first two of a UTF-8 character's three)
    assert incomplete_tail(gbk) == 2 and decode_bytes(gbk, "x.txt") == (TEXT + "涓", "gb18030")


def test_binary_file_is_skipped_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = read_sources([tmp_path])
    assert [Path(d.path).name for d in result.documents] == ["good.txt"]
    assert result.skipped == [
        (str(tmp_path / "image.txt"), f"{tmp_path / 'image.txt'}: binary file, not text; skipped")
    ]


def test_unsupported_suffix_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    result = read_sources([tmp_path])
    assert result.documents == [] and f"not a {FORMATS} file" in result.skipped[0][1]


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file or folder"):
        read_sources([tmp_path / "nope"])


def test_folders_are_read_recursively(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "x.md").write_text(TEXT, encoding="utf-8")
    assert len(read_sources([tmp_path]).documents) == 1


def test_a_folders_own_readme_is_no_text_of_it_unless_named(tmp_path: Path) -> None:
    # a corpus folder's README describes its texts (their sources, the chrome planted in them, example terms):
    # mined with them, its words and its remarks in brackets became candidates and English of terms
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    for name in ("README.md", "LICENSE.txt", "sub/readme.zh.md"):
        (tmp_path / name).write_text("锆釉面砖（draft note）是说明。", encoding="utf-8")
    result = read_sources([tmp_path])
    assert [Path(d.path).name for d in result.documents] == ["a.txt"]
    assert sorted(Path(p).name for p, _ in result.skipped) == ["LICENSE.txt", "README.md", "readme.zh.md"]
    assert all("name the file to mine it" in reason for _, reason in result.skipped)
    named = read_sources([tmp_path / "README.md"])
    assert len(named.documents) == 1 and named.skipped == []


def test_chrome_is_blanked_and_offsets_kept() -> None:
    page = "首页 > 财经 > 正文\n分享至\n0\n" + TEXT + "\n![](pic.png)\n#话题标签#\n特别声明：以上内容为用户上传。\n"
    cleaned, removed = clean_text(page)
    assert len(cleaned) == len(page)
    assert cleaned.index(TEXT) == page.index(TEXT)
    assert cleaned.split() == [TEXT] and removed == 6


def test_bars_legal_lines_and_photo_credits_are_blanked_and_the_text_around_them_kept() -> None:
    # a share bar opened by a widget word, a site's legal line that begins with its name, a credit inside a
    # caption: their Latin words (Facebook, Copyright) and the photographer's name were mined as terms; a
    # heading that holds a term of copyright law (版权所有人), a heading a widget word opens and a bracket that
    # ends in 拍摄 are none of these
    page = (
        "分享至　Facebook｜LINE｜Threads｜Email\n"
        "【朗读】【字级 A A A】【收藏】【分享】\n"
        "▲新厂房正在施工。（图／记者王某某摄）\n"
        + TEXT
        + "\n每日钠摄入量（摄入上限为两克）偏高。\n著作权法上的版权所有人\n评论：补贴退坡的影响\n新片杀青（剧组拍摄）\n"
        "某某医药网版权所有　Copyright © 2010-2025　京ICP备00000000号\n"
    )
    cleaned, removed = clean_text(page)
    assert len(cleaned) == len(page) and removed == 3
    assert cleaned.split() == [
        "▲新厂房正在施工。",
        TEXT,
        "每日钠摄入量（摄入上限为两克）偏高。",
        "著作权法上的版权所有人",
        "评论：补贴退坡的影响",
        "新片杀青（剧组拍摄）",
    ]


def test_a_line_without_chinese_is_no_chinese_text_however_short() -> None:
    # a bilingual subtitle's English line, a half-translated manual's untranslated heading and menu: only lines
    # of over 60 characters were blanked, so "Menu" and "Turbine blade" were mined as Chinese terms; Latin inside
    # a Chinese line stays, and so does a line of Chinese with its English
    page = "涡轮叶片检修开始。\nTurbine blade inspection begins.\n14.1. Introduction\nMenu\n采用 TOPCon 电池。\n冷却塔 Cooling tower\n"
    cleaned, removed = clean_text(page)
    assert len(cleaned) == len(page) and removed == 3
    assert [line.strip() for line in cleaned.split("\n") if line.strip()] == [
        "涡轮叶片检修开始。",
        "采用 TOPCon 电池。",
        "冷却塔 Cooling tower",
    ]


def test_a_table_of_contents_entry_is_chrome_and_an_ellipsis_in_a_sentence_is_not() -> None:
    # a manual's contents repeat its headings, and gave a reviewer ". . . . 13 什么是点阵字库" as a term's example
    page = (
        "1.2 涡轮叶片检修 . . . . . . . . . . 13\n"
        "附录 冷却塔··········· 27\n"
        "第三章 换热器……………… 41\n"
        "先拆叶片、再洗冷却塔、后换轴承……每一步都要记下来。\n"
        "涡轮叶片检修的步骤如下。\n"
    )
    cleaned, removed = clean_text(page)
    assert removed == 3 and [line.strip() for line in cleaned.split("\n") if line.strip()] == [
        "先拆叶片、再洗冷却塔、后换轴承……每一步都要记下来。",
        "涡轮叶片检修的步骤如下。",
    ]


def test_a_sentence_that_holds_a_time_is_the_articles_and_a_byline_with_one_is_chrome() -> None:
    # a line holding a time (2025-01-03 10:00, 30分钟前: "30 minutes ago" on a page, "30 minutes before" in a
    # dosage) went whole, however long a paragraph
    sentences = [
        "会议于2025-01-03 10:00在北京召开，讨论了齿轮箱的新标准。",
        "患者应在服药30分钟前禁食，服药后两小时内避免饮酒。",
    ]
    page = "作者：某某　编辑：某某　2025-10-28 21:47　发表于江苏\n" + "\n".join(sentences) + "\n" + TEXT
    assert [line.strip() for line in clean_text(page)[0].split("\n") if line.strip()] == [*sentences, TEXT]


def test_a_captions_description_is_kept_and_its_credit_blanked_in_place() -> None:
    # a caption that says what the picture shows went whole with its credit: its words are the field's
    page = "（图：车间里的齿轮箱。本网记者 某某 摄）\n（图为更换小部件的工人，右为检修台。记者某某／摄）\n" + TEXT
    cleaned, _ = clean_text(page)
    assert len(cleaned) == len(page)
    assert cleaned.split() == ["车间里的齿轮箱。", "更换小部件的工人，右为检修台。", TEXT]
    assert page.index("齿轮箱") == cleaned.index("齿轮箱")


def test_a_pages_navigation_tools_and_editors_lines_are_chrome() -> None:
    page = (
        "上一篇：关于新规的解读\n下一篇：市场的新变化\n[打印]　[纠错]　[返回顶部]\n"
        + TEXT
        + "\n责编：某某　校对：某某\n"
    )
    cleaned, removed = clean_text(page)
    assert cleaned.split() == [TEXT] and removed == 4


@pytest.mark.parametrize(
    "credit",
    ["（本文编辑：张三　　审核：李四）", "（編輯：张三）", "本文编辑：张三　审校：李四", "[编辑：张三　审核：李四]"],
)
def test_an_editors_line_in_brackets_or_of_this_article_is_chrome(credit: str) -> None:
    # the editors' names were mined as a field's terms: a line of credits was chrome only where it began with one
    page = TEXT + "\n" + credit + "\n本文讨论编辑器的作用。\n"
    cleaned, removed = clean_text(page)
    assert removed == 1 and cleaned.split() == [TEXT, "本文讨论编辑器的作用。"]


def test_a_byline_and_a_dateline_with_a_chinese_date_are_chrome_and_a_sentence_opening_with_the_reporter_is_not() -> (
    None
):
    # a Taiwan or mainland paper's byline on a line of its own, and an author's line dated 2025年06月18日 21:05: the
    # reporters' names were candidates; "记者从…获悉" opens many an article's first sentence
    sentences = ["记者从某某局获悉，新规将于明年实施。", "会议于2025年06月18日 21:05召开，讨论了齿轮箱的新标准。"]
    page = "記者張三／台北報導\n作者：张三　编辑：李四　2025年06月18日 21:05　发表于北京\n作者：李四\n" + "\n".join(
        sentences
    )
    cleaned, removed = clean_text(page)
    assert removed == 3 and [line.strip() for line in cleaned.split("\n") if line.strip()] == sentences


def _blanked_in_place(page: str, later: str) -> list[str]:
    """The words ``page`` keeps once cleaned, after checking that what was left out became spaces where it stood
    (the text as long as the page, ``later`` at its own offset)."""
    cleaned, _ = clean_text(page)
    assert len(cleaned) == len(page) and cleaned.index(later) == page.index(later)
    return cleaned.split()


def test_a_reporters_credit_in_brackets_is_blanked_where_it_stands() -> None:
    # "本网讯（记者 某某）…" and a wire's dateline opened a paragraph, and the reporter's name was a candidate; a press
    # conference (记者会), an aside that says what a reporter learnt and a caption of a reporter in the picture stay
    page = (
        "本网讯（记者 张三）会议讨论了新规。\n（中央社記者張三台北7日電）經濟部今天表示，新規將實施。\n"
        "会上（记者会现场）有人提问。\n他说（据记者了解，此事属实）。\n（图：记者站在齿轮箱旁）\n"
    )
    assert _blanked_in_place(page, "經濟部") == [
        "会议讨论了新规。",
        "經濟部今天表示，新規將實施。",
        "会上（记者会现场）有人提问。",
        "他说（据记者了解，此事属实）。",
        "记者站在齿轮箱旁",
    ]


def test_a_papers_or_a_wires_dateline_opening_a_paragraph_is_chrome_and_prose_with_a_date_is_not() -> None:
    # "本报讯", a wire's "某某社北京12月1日电" and a Hong Kong paper's "【某某日報訊】" open a news paragraph: the
    # paper's and the agency's names were mined as the field's terms
    page = (
        "本报讯 齿轮箱的新标准发布。\n新华社北京12月1日电（记者 张三）车床产量增长。\n【某某日報訊】港府公布新規。\n"
        "该厂3月5日电费上涨。\n发电（火电）占比下降。\n"
    )
    assert _blanked_in_place(page, "车床") == [
        "齿轮箱的新标准发布。",
        "车床产量增长。",
        "港府公布新規。",
        "该厂3月5日电费上涨。",
        "发电（火电）占比下降。",
    ]


def test_trailing_headline_list_with_timestamps_is_cut() -> None:
    page = (
        TEXT + "\n" + "另一段正文，讲述磁体的生产。\n"
        "明星的新电影定档了\n作者甲\n2026-01-28 19:48:49\n"
        "球队连胜五场\n作者乙\n2026-01-27 10:00:01\n头条要闻\n"
    )
    cleaned, _ = clean_text(page)
    assert cleaned.split() == [TEXT, "另一段正文，讲述磁体的生产。"]


def test_timestamps_close_together_above_an_article_or_between_pages_cut_nothing_after_them() -> None:
    # a page's published and updated times, two timestamp lines close together, blanked the whole article after
    # them; in a file of several pages, a list of headlines between two of them blanked every later page
    header = "齿轮箱维护指南\n发布时间：2025-01-03 10:00\n更新时间：2025-01-04 09:30\n"
    article = [f"第{n}段正文，讲述小部件的更换周期。" for n in "一二三"]
    cleaned, _ = clean_text(header + "\n".join([TEXT, *article]) + "\n")
    assert cleaned.split() == ["齿轮箱维护指南", TEXT, *article]
    headlines = "明星的新电影定档了\n2026-01-28 19:48:49\n球队连胜五场\n2026-01-27 10:00:01\n"
    pages = TEXT + "\n" + headlines + header + "\n".join(article)
    assert clean_text(pages)[0].split() == [TEXT, "明星的新电影定档了", "球队连胜五场", "齿轮箱维护指南", *article]
    # a dated article of a few long paragraphs above a list of many more, shorter lines: the list alone goes
    paragraphs = [
        f"第{n}段：" + "小部件的更换周期取决于齿轮箱的运行工况和润滑油的状态，" * 4 + "须定期检查。" for n in "一二三"
    ]
    listed = "".join(f"某条新闻第{n}号\n2026-01-{n:02d} 10:00\n" for n in range(1, 29))
    assert clean_text(header + "\n".join(paragraphs) + "\n" + listed)[0].split() == ["齿轮箱维护指南", *paragraphs]


def test_repeated_line_is_dropped_but_first_kept() -> None:
    cleaned, _ = clean_text("重复的标题行在这里\n正文。\n重复的标题行在这里\n")
    assert cleaned.split() == ["重复的标题行在这里", "正文。"]


def test_script_is_detected_when_collected(tmp_path: Path) -> None:
    from glossary.pipeline import collect

    (tmp_path / "t.txt").write_text("大豆磁鐵市場與釹鐵硼。大豆磁鐵。", encoding="utf-8")
    (tmp_path / "s.txt").write_text("大豆磁铁市场与钕铁硼。大豆磁铁。", encoding="utf-8")
    scripts = {Path(d.path).name: d.script for d in read_sources([tmp_path]).documents}
    assert scripts == {"s.txt": "", "t.txt": ""}  # reading alone does not judge the script
    mined = collect([tmp_path])
    assert {Path(d.path).name: d.script for d in mined.documents} == {"s.txt": "simplified", "t.txt": "traditional"}


def test_a_text_too_short_to_tell_gb18030_from_big5_says_so() -> None:
    data = "大豆".encode("gb18030")  # two characters that read as Chinese in Big5 too
    with pytest.raises(DecodeError, match="GB18030 and as Big5 alike .* --encoding gb18030"):
        decode_bytes(data, "x.txt")
    assert decode_bytes(data, "x.txt", encoding="gb18030") == ("大豆", "gb18030")


# an invented manual page in each markup: its prose, and its code, links, directives and metadata
MARKDOWN = """# 小部件手册

配置小部件驱动时，先调用 `widget_init()`，再读[配置说明](docs/config.md)。

```c
int widget_probe(struct widget_device *dev);
```

<div class="note">小部件驱动需要中断控制器。</div>

![示意图](img/widget.png)
"""

RST = """.. SPDX-License-Identifier: GPL-2.0
.. include:: ../disclaimer.rst

:Original: Documentation/widget/index.rst

:译者:

 张三 San Zhang <zhangsan@example.org>

小部件手册
==========

.. toctree::
   :maxdepth: 2

   widget-api

配置小部件驱动时，先调用 :c:func:`widget_init`，再读 :ref:`配置说明 <widget_config>`
和 ``WIDGET_MAX``。示例如下::

    int widget_probe(struct widget_device *dev);

.. note::
   :class: small

   小部件驱动需要中断控制器。

.. _widget_config:
"""


@pytest.mark.parametrize("name, text", [("manual.md", MARKDOWN), ("manual.rst", RST)])
def test_markup_is_read_as_its_prose_with_every_offset_kept(tmp_path: Path, name: str, text: str) -> None:
    # a documentation folder's code, links' targets, directives and metadata gave identifiers and paths as terms
    (tmp_path / name).write_text(text, encoding="utf-8")
    doc = read_document(tmp_path / name)
    assert len(doc.text) == len(text) and doc.text.count("\n") == text.count("\n")
    words = doc.text.split()
    for prose in ("小部件手册", "配置小部件驱动时，先调用", "配置说明", "小部件驱动需要中断控制器。"):
        assert any(prose in w for w in words), (prose, words)
    markup = "widget_init widget_probe config.md toctree maxdepth GPL-2.0 Original San Zhang example.org WIDGET_MAX"
    for code in markup.split() + ["class", "widget_config", "div", "png"]:
        assert code not in doc.text, code
    # each kept word stands where it stood in the file
    at = text.index("中断控制器")
    assert doc.text[at : at + 5] == "中断控制器"


# an invented news page saved whole: its head, scripts and styles, a site menu and footer, inline tags inside
# words, character references in a name, a table, code and a comment
PAGE = """<!DOCTYPE html>
<html><head><meta charset="gb18030"><title>涡轮叶片检修完成</title>
<style>.lead { color: #333 }</style><script>var pageTracker = "统计脚本";</script></head>
<body><nav><ul><li><a href="/">首页</a></li><li><a href="/news">新闻中心</a></li></ul></nav>
<article><h1>涡轮<b>叶片</b>检修完成</h1>
<p class="lead">本报讯　工程师卡洛斯&middot;贝内特说，新换的涡轮<a href="/tag/1">叶片</a>采用陶瓷涂层，
额定功率为100&nbsp;MW。</p><!-- 编辑：某某 -->
<table><tr><th>设备</th><td>换热器</td></tr></table>
<p>运行参数用<code>set_power()</code>写入控制器。</p></article>
<footer>版权所有　某某网站 &copy; 2026</footer></body></html>
"""


def test_a_web_page_is_read_as_the_text_a_browser_shows(tmp_path: Path) -> None:
    # .html was refused ("not a .txt, .md or .rst file"), and read as text its tags, scripts and menus were words
    (tmp_path / "page.html").write_bytes(PAGE.encode("gb18030"))
    result = read_sources([tmp_path])
    assert result.skipped == []
    (doc,) = result.documents
    lines = doc.text.splitlines()
    assert "涡轮叶片检修完成" in lines  # the title and the heading, its word not cut by the <b> inside it
    assert any("卡洛斯·贝内特说，新换的涡轮叶片采用陶瓷涂层，额定功率为100\xa0MW。" in line for line in lines)
    assert "设备" in lines and "换热器" in lines  # a table's cells are lines of their own
    for gone in (
        "pageTracker",
        "统计脚本",
        "color",
        "首页",
        "新闻中心",
        "版权所有",
        "编辑",
        "set_power",
        "lead",
        "href",
        "middot",
        "nbsp",
        "article",
        "html",
    ):
        assert gone not in doc.text, gone
    assert "运行参数用 写入控制器。" in lines  # the code left out parts the words about it


def test_a_web_page_element_left_open_leaves_out_only_its_tag(tmp_path: Path) -> None:
    # a page cut short or badly written: an unclosed menu must not take the article with it
    (tmp_path / "cut.htm").write_text("<nav>检修简报<p>涡轮叶片投运。<p>换热器<br>冷却塔", encoding="utf-8")
    text = read_document(tmp_path / "cut.htm").text
    assert text.splitlines() == ["检修简报", "涡轮叶片投运。", "换热器", "冷却塔"]


def test_a_folder_of_web_pages_is_mined_for_its_words(tmp_path: Path) -> None:
    from glossary.pipeline import collect

    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    mined = collect([tmp_path])
    terms = {c.term: c for c in mined.candidates}
    assert "涡轮叶片" in terms and "pageTracker" not in terms and "lead" not in terms
    (ctx, *_) = terms["涡轮叶片"].contexts
    assert ctx.text in doc_lines(tmp_path / "page.html")  # its context is a line of the page's text


def doc_lines(path: Path) -> list[str]:
    return read_document(path).text.splitlines()


SRT = """1
00:00:01,000 --> 00:00:03,500
<i>涡轮叶片</i>检修开始。

2
00:00:04,000 --> 00:00:06,000
关闭冷却塔，
再拆换热器。
"""

VTT = """WEBVTT
Kind: captions

NOTE 这段注释不是台词

STYLE
::cue { color: yellow }

intro
00:00:01.000 --> 00:00:03.500 align:start
<v 旁白>涡轮叶片<c.yellow>检修</c>开始。
"""


@pytest.mark.parametrize("name, text", [("clip.srt", SRT), ("clip.vtt", VTT)])
def test_subtitles_are_read_as_what_is_said_with_every_offset_kept(tmp_path: Path, name: str, text: str) -> None:
    # .srt and .vtt were refused; read as text their timings and a speaker's tag were words
    (tmp_path / name).write_text(text, encoding="utf-8")
    doc = read_document(tmp_path / name)
    assert len(doc.text) == len(text) and doc.text.count("\n") == text.count("\n")
    assert "涡轮叶片检修开始。" in doc.text.replace(" ", "")
    for gone in ("00:00", "-->", "旁白", "WEBVTT", "注释", "yellow", "intro", "align"):
        assert gone not in doc.text, gone
    at = text.index("检修")
    assert doc.text[at : at + 2] == "检修"  # (each word where it stood in the file)
