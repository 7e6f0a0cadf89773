"""Stage 1, the formats that hold no text of their own, read from their bytes: PDF, Word, e-books."""

from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest

from glossary.sources import read_document, read_sources

TEXT = "大豆蛋白粉用于电动汽车的驱动马达。"


def _pdf(path: Path, pages: list[list[str]], encrypt: str | None = None) -> Path:
    """A PDF of ``pages``, each a list of lines set one under another in a CJK font the reader needs no file for
    (reportlab's STSong-Light, whose glyphs PDF readers supply)."""
    pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), encrypt=encrypt)
    for lines in pages:
        c.setFont("STSong-Light", 12)
        for i, line in enumerate(lines):
            c.drawString(72, 800 - 16 * i, line)
        c.showPage()
    c.save()
    return path


def test_a_pdf_is_read_as_its_text_with_wrapped_lines_joined_and_running_heads_left_out(tmp_path: Path) -> None:
    # .pdf was refused; a PDF's text comes in the lines it was set in (a term wrapped in two) with every page's head
    wrapped = [
        "新换的涡轮叶片采用陶瓷涂层，检修时应先关闭冷却",
        "塔的进水阀，再拆下换热器，最后检查涡轮叶片的涂",
        "层是否完好。",
    ]
    bodies = [wrapped, ["热障涂层的检修", "涂层剥落时，按第二章更换叶片。"], ["附录", "压缩机的检修见另册。"]]
    pages = [[f"涡轮检修手册 {n} / 3", *body, f"第 {n} 页"] for n, body in enumerate(bodies, 1)]
    _pdf(tmp_path / "manual.pdf", pages)
    result = read_sources([tmp_path])
    assert result.skipped == []
    lines = result.documents[0].text.splitlines()
    assert (
        "新换的涡轮叶片采用陶瓷涂层，检修时应先关闭冷却塔的进水阀，再拆下换热器，最后检查涡轮叶片的涂层是否完好。"
        in lines
    )
    assert "热障涂层的检修" in lines and "附录" in lines  # (a short heading stays a line of its own)
    assert not any("涡轮检修手册" in line or "页" in line for line in lines)


def test_a_word_a_pdf_hyphenated_across_two_lines_is_one_word_again(tmp_path: Path) -> None:
    # PDFium gives such a hyphen as U+FFFE with the line's break taken out: "meta\ufffelogo" was two Latin words
    lines = ["载入 meta-", "logo 宏包的方法见第二章，再按 Perl 脚本的说明编译 hyphen-", "ation 模式。"]
    text = read_document(_pdf(tmp_path / "hyphens.pdf", [lines])).text
    assert "\ufffe" not in text
    assert "载入 metalogo 宏包的方法见第二章，再按 Perl 脚本的说明编译 hyphenation 模式。" in text.splitlines()


def test_a_pdfs_table_of_contents_is_left_out_and_the_text_after_it_kept(tmp_path: Path) -> None:
    # each entry runs to the full width with its leader, so each was joined to the next, the last to the first
    # heading of the text
    leader = " ." * 24
    lines = [
        f"1 涡轮叶片检修{leader} 3",
        f"2 冷却塔的进水阀{leader} 5",
        "第一章 涡轮叶片检修",
        "新换的叶片采用陶瓷涂层。",
    ]
    text = read_document(_pdf(tmp_path / "manual.pdf", [lines])).text
    assert [line for line in text.splitlines() if line.strip()] == ["第一章 涡轮叶片检修", "新换的叶片采用陶瓷涂层。"]


def test_a_pdfs_radicals_are_read_as_the_ideographs_they_stand_for(tmp_path: Path) -> None:
    # a PDF's fonts may label an ideograph's glyph with the Kangxi radical it looks like (⼯ U+2F2F for 工): the page
    # shows 工作温度, the text layer said ⼯作温度, which no dictionary knows and no other file's 工作温度 matches
    text = read_document(_pdf(tmp_path / "spec.pdf", [["涡轮叶片的⼯作温度很⾼。"]])).text
    assert text.strip() == "涡轮叶片的工作温度很高。"


def test_a_pdf_that_cannot_be_read_is_skipped_with_a_reason_and_the_rest_mined(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "cut.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<<")  # (a download cut short)
    _pdf(tmp_path / "locked.pdf", [["涡轮叶片采用陶瓷涂层。"]], encrypt="secret")
    _pdf(tmp_path / "scan.pdf", [[]])  # (a page with no text layer, as a scan has)
    result = read_sources([tmp_path])
    assert [Path(d.path).name for d in result.documents] == ["good.txt"]
    reasons = dict(result.skipped)
    assert "cannot read this PDF" in reasons[str(tmp_path / "cut.pdf")]
    assert "locked by a password" in reasons[str(tmp_path / "locked.pdf")]
    assert "run it through OCR first" in reasons[str(tmp_path / "scan.pdf")]
    assert all("\n" not in r for r in reasons.values())


def test_a_word_document_is_read_as_its_paragraphs_and_cells(tmp_path: Path) -> None:
    # .docx, what translators are handed most, was refused
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "某某公司内部资料"  # (a page's furniture: left out)
    d.add_heading("涡轮叶片检修", level=1)
    p = d.add_paragraph("新换的涡轮")
    p.add_run("叶片").bold = True  # (a run of its own inside the word: still one word)
    p.add_run("采用陶瓷涂层，卡洛斯·贝内特说。")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "部件", "换热器"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "压缩机"  # (a merged cell is read once)
    d.add_paragraph("𠀀字与全角ＡＢＣ。")  # (a character outside the BMP and full-width letters, as written)
    d.save(str(tmp_path / "report.docx"))
    result = read_sources([tmp_path])
    assert [Path(d.path).name for d in result.documents] == ["report.docx"]
    lines = result.documents[0].text.splitlines()
    assert lines[:3] == ["涡轮叶片检修", "新换的涡轮叶片采用陶瓷涂层，卡洛斯·贝内特说。", "部件"]
    assert lines.count("压缩机") == 1 and "换热器" in lines and "𠀀字与全角ＡＢＣ。" in lines
    assert "某某公司内部资料" not in result.documents[0].text


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def test_a_word_documents_revisions_controls_text_boxes_and_notes_are_read_as_word_shows_them(tmp_path: Path) -> None:
    # python-docx's paragraph text reads only the runs a paragraph holds directly: text inserted under review, in a
    # content control or a field was lost, and so were text boxes and footnotes; a deletion under review was never
    # read, nor should it be
    import docx
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    d = docx.Document()
    body = d.element.body
    xml = [
        f'<w:p {W}><w:r><w:t>新换的涡轮</w:t></w:r><w:ins w:id="1" w:author="审校"><w:r><w:t>叶片</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="审校"><w:r><w:delText>旧的</w:delText></w:r></w:del>'
        "<w:r><w:t>采用陶瓷涂层。</w:t></w:r></w:p>",
        f"<w:p {W}><w:r><w:t>检修前关闭</w:t></w:r><w:sdt><w:sdtContent><w:r><w:t>冷却塔</w:t></w:r></w:sdtContent></w:sdt>"
        '<w:fldSimple w:instr="REF x"><w:r><w:t>进水阀</w:t></w:r></w:fldSimple><w:r><w:t>。</w:t></w:r></w:p>',
        f'<w:sdt {W}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
        "<w:sdtContent><w:p><w:r><w:t>目录第一章涡轮叶片检修</w:t></w:r></w:p></w:sdtContent></w:sdt>",
        f"<w:sdt {W}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>换热器需要定期清洗。</w:t></w:r></w:p></w:sdtContent></w:sdt>",
        f"<w:p {W}><w:r><w:t>冷却</w:t></w:r><w:r><w:ruby><w:rt><w:r><w:t>tǎ</w:t></w:r></w:rt>"
        "<w:rubyBase><w:r><w:t>塔</w:t></w:r></w:rubyBase></w:ruby></w:r><w:r><w:t>要清洗。</w:t></w:r></w:p>",
        f"<w:p {W} {MC}><w:r><w:t>流程如图。</w:t></w:r><w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>压缩机启动</w:t></w:r></w:p>'
        "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>压缩机启动</w:t>"
        "</w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>",
    ]
    for x in xml:
        body.insert(len(body) - 1, parse_xml(x))  # (before the section's properties, which end the body)
    notes = (
        f'<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>热障涂层见第二章。</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, notes.encode(), d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    d.save(str(tmp_path / "review.docx"))
    lines = [line for line in read_document(tmp_path / "review.docx").text.splitlines() if line.strip()]
    assert lines == [
        "新换的涡轮叶片采用陶瓷涂层。",
        "检修前关闭冷却塔进水阀。",
        "换热器需要定期清洗。",
        "冷却塔要清洗。",  # (the reading set over 塔 is no part of the text)
        "流程如图。",
        "压缩机启动",
        "热障涂层见第二章。",
    ]


CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""


def _page(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
        f"<head><title>涡轮检修手册</title></head><body>{body}</body></html>"
    )


def _epub(path: Path, pages: dict[str, str], spine: list[str], extra: dict[str, str] | None = None) -> Path:
    """An EPUB 3 of ``pages`` (file name → body) read in the order of ``spine``, its package in a folder of its own
    (as most are), with ``extra`` files (name → content) beside them."""
    items = "".join(
        f'<item id="p{i}" href="{quote(name)}" media-type="application/xhtml+xml"/>' for i, name in enumerate(pages)
    )
    ids = {name: f"p{i}" for i, name in enumerate(pages)}
    refs = "".join(f'<itemref idref="{ids.get(name, name)}"/>' for name in spine)
    opf = (
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>涡轮检修手册</dc:title></metadata>'
        f'<manifest>{items}<item id="cover" href="cover.jpg" media-type="image/jpeg"/></manifest>'
        f"<spine>{refs}</spine></package>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/container.xml", CONTAINER)
        z.writestr("OEBPS/content.opf", opf)
        z.writestr("OEBPS/cover.jpg", b"\xff\xd8\xff")
        for name, body in pages.items():
            z.writestr(f"OEBPS/{name}", _page(body))
        for name, content in (extra or {}).items():
            z.writestr(name, content)
    return path


def test_an_epub_is_read_as_its_pages_in_reading_order(tmp_path: Path) -> None:
    # .epub, the form publishers hand translators books in, was refused
    pages = {
        "toc.xhtml": '<nav epub:type="toc"><ol><li><a href="b.xhtml">第一章 涡轮叶片</a></li></ol></nav>',
        "b.xhtml": "<h1>第一章 涡轮叶片</h1><p>新换的涡轮<em>叶片</em>采用陶瓷涂层。</p>",
        "a 2.xhtml": "<h1>第二章 换热器</h1><p>𠀀字与全角ＡＢＣ，卡洛斯&#183;贝内特说。</p>",
    }
    _epub(tmp_path / "book.epub", pages, spine=["toc.xhtml", "b.xhtml", "cover", "a 2.xhtml"])
    lines = read_document(tmp_path / "book.epub").text.splitlines()
    # (each page's title is a line; the cleaning leaves out all but the first, as it does any repeated line)
    assert lines[0] == "涡轮检修手册" and "涡轮检修手册" not in lines[1:]
    body = [line for line in lines[1:] if line.strip()]
    assert body == [
        "第一章 涡轮叶片",
        "新换的涡轮叶片采用陶瓷涂层。",
        "第二章 换热器",
        "𠀀字与全角ＡＢＣ，卡洛斯·贝内特说。",
    ]


def test_an_epub_that_cannot_be_read_is_skipped_with_a_reason_and_the_rest_mined(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "cut.epub").write_bytes(b"PK\x03\x04\x14\x00")  # (a download cut short)
    with zipfile.ZipFile(tmp_path / "bare.epub", "w") as z:
        z.writestr("OEBPS/a.xhtml", _page("<p>涡轮叶片采用陶瓷涂层。</p>"))  # (no container: no e-book)
    locked = """<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
        xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>
        <enc:CipherData><enc:CipherReference URI="OEBPS/a.xhtml"/></enc:CipherData></enc:EncryptedData></encryption>"""
    _epub(
        tmp_path / "drm.epub",
        {"a.xhtml": "<p>涡轮叶片采用陶瓷涂层。</p>"},
        ["a.xhtml"],
        {"META-INF/encryption.xml": locked},
    )
    font = locked.replace("OEBPS/a.xhtml", "OEBPS/font.otf")  # (an obfuscated font is encrypted too, and no text)
    _epub(
        tmp_path / "font.epub", {"a.xhtml": "<p>换热器需要清洗。</p>"}, ["a.xhtml"], {"META-INF/encryption.xml": font}
    )
    laughs = '<!DOCTYPE c [<!ENTITY x "xxxxxxxx">]><container>&x;</container>'
    with zipfile.ZipFile(tmp_path / "laughs.epub", "w") as z:
        z.writestr("META-INF/container.xml", laughs)  # (untrusted XML: no entity is expanded)
    result = read_sources([tmp_path])
    assert sorted(Path(d.path).name for d in result.documents) == ["font.epub", "good.txt"]
    reasons = {Path(p).name: r for p, r in result.skipped}
    assert "cannot read this e-book" in reasons["cut.epub"] and "cannot read this e-book" in reasons["bare.epub"]
    assert "encrypted (DRM)" in reasons["drm.epub"]
    assert "cannot read this e-book (EntitiesForbidden" in reasons["laughs.epub"]
    assert all("\n" not in r for r in reasons.values())


def test_a_slide_deck_is_read_as_its_text_boxes_tables_and_notes(tmp_path: Path) -> None:
    # .pptx, what translators are handed nearly as often as Word files, was refused
    import pptx
    from pptx.util import Inches

    deck = pptx.Presentation()
    first = deck.slides.add_slide(deck.slide_layouts[1])  # (a title and a body)
    first.shapes.title.text = "涡轮叶片检修"
    body = first.placeholders[1].text_frame
    body.text = "新换的涡轮叶片采用陶瓷涂层。"
    body.add_paragraph().text = "𠀀字与全角ＡＢＣ，卡洛斯·贝内特说。"
    first.notes_slide.notes_text_frame.text = "讲到这里先演示换热器。"  # (the speaker's notes: text to translate)
    second = deck.slides.add_slide(deck.slide_layouts[6])  # (blank)
    grid = second.shapes.add_table(2, 2, Inches(1), Inches(1), Inches(4), Inches(1)).table
    grid.cell(0, 0).text, grid.cell(0, 1).text = "部件", "换热器"
    grid.cell(1, 0).merge(grid.cell(1, 1))
    grid.cell(1, 0).text = "压缩机"  # (a merged cell is read once)
    group = second.shapes.add_group_shape()
    group.shapes.add_textbox(Inches(1), Inches(3), Inches(2), Inches(1)).text_frame.text = "冷却塔"
    deck.save(str(tmp_path / "talk.pptx"))
    result = read_sources([tmp_path])
    assert [Path(d.path).name for d in result.documents] == ["talk.pptx"]
    lines = [line for line in result.documents[0].text.splitlines() if line.strip()]
    assert lines == [
        "涡轮叶片检修",
        "新换的涡轮叶片采用陶瓷涂层。",
        "𠀀字与全角ＡＢＣ，卡洛斯·贝内特说。",
        "讲到这里先演示换热器。",
        "部件",
        "换热器",
        "压缩机",
        "冷却塔",
    ]


def test_a_spreadsheet_is_read_as_its_cells_of_text(tmp_path: Path) -> None:
    # .xlsx (product lists, bills of materials, software strings) was refused
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    parts = book.active
    parts.append(["部件", "数量", "说明"])
    parts.append(["涡轮叶片", 12, "采用陶瓷涂层\n检修时先关闭冷却塔"])  # (a number is no text; a cell's break is kept)
    parts.append(["换热器", datetime.date(2026, 12, 7), '=A2&"更换"'])  # (a date, a formula with no value saved)
    strings = book.create_sheet("界面")
    strings["B2"] = "𠀀字与全角ＡＢＣ，卡洛斯·贝内特说。"
    book.save(tmp_path / "parts.xlsx")
    result = read_sources([tmp_path])
    assert [Path(d.path).name for d in result.documents] == ["parts.xlsx"]
    assert result.documents[0].text.splitlines() == [
        "部件",
        "数量",
        "说明",
        "涡轮叶片",
        "采用陶瓷涂层",
        "检修时先关闭冷却塔",
        "换热器",
        "𠀀字与全角ＡＢＣ，卡洛斯·贝内特说。",
    ]


ODT = """<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<office:body><office:text>
<text:sequence-decls><text:sequence-decl text:name="Figure"/></text:sequence-decls>
<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>旧的说法删掉了</text:p>
</text:deletion></text:changed-region></text:tracked-changes>
<text:table-of-content><text:index-body><text:p>涡轮叶片检修 3</text:p></text:index-body></text:table-of-content>
<text:h text:outline-level="1">涡轮叶片检修</text:h>
<text:p>新换的涡轮<text:span>叶片</text:span><text:change text:change-id="c1"/>采用陶瓷涂层<text:note text:note-class="footnote">\
<text:note-citation>1</text:note-citation><text:note-body><text:p>热障涂层见第二章。</text:p></text:note-body></text:note>，\
<office:annotation><dc:creator>审校</dc:creator><text:p>这里要核对</text:p></office:annotation>卡洛斯·贝内特说。</text:p>
<text:p>全角ＡＢＣ<text:s text:c="2"/>与𠀀字<text:tab/>分开<text:line-break/>第二行<draw:frame><draw:text-box>\
<text:p>压缩机启动</text:p></draw:text-box></draw:frame></text:p>
<text:p>涂层 (thermal   barrier
 coating)</text:p>
<text:list><text:list-item><text:p>关闭冷却<text:ruby><text:ruby-base>塔</text:ruby-base><text:ruby-text>tǎ</text:ruby-text></text:ruby></text:p></text:list-item><text:list-item><text:p>拆下换热器</text:p>
</text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>部件</text:p></table:table-cell><table:table-cell>
<text:p>换热器</text:p></table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document-content>"""


def test_an_opendocument_text_is_read_as_its_paragraphs_notes_lists_and_cells(tmp_path: Path) -> None:
    # .odt (LibreOffice's, WPS's, the format Taiwan's government publishes in) was refused
    with zipfile.ZipFile(tmp_path / "spec.odt", "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", ODT)
    (tmp_path / "cut.odt").write_bytes(b"PK\x03\x04")  # (a download cut short)
    result = read_sources([tmp_path])
    assert [Path(d.path).name for d in result.documents] == ["spec.odt"]
    assert result.documents[0].text.splitlines() == [
        "涡轮叶片检修",
        "新换的涡轮叶片采用陶瓷涂层，卡洛斯·贝内特说。",
        "热障涂层见第二章。",
        "全角ＡＢＣ  与𠀀字\t分开",
        "第二行",
        "压缩机启动",
        "涂层 (thermal barrier coating)",
        "关闭冷却塔",
        "拆下换热器",
        "部件",
        "换热器",
    ]
    ((path, reason),) = result.skipped
    assert path.endswith("cut.odt") and "cannot read this OpenDocument text" in reason and "\n" not in reason


@pytest.mark.parametrize(
    "name, kind",
    [
        ("bomb.docx", "a Word file"),
        ("bomb.pptx", "a slide deck"),
        ("bomb.xlsx", "a spreadsheet"),
        ("bomb.odt", "an OpenDocument text"),
        ("bomb.epub", "an e-book"),
    ],
)
def test_a_zipped_file_that_unpacks_a_thousandfold_is_refused_before_it_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, kind: str
) -> None:
    # a .docx, a .pptx and an .epub are zips: one whose parts unpack to gigabytes would have been parsed whole into
    # memory (the limit is lowered here so that the test writes kilobytes, not half a gigabyte)
    from glossary.sources import zipped

    monkeypatch.setattr(zipped, "MAX_UNPACKED", 10_000)
    with zipfile.ZipFile(tmp_path / name, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("part.xml", b"<" + b" " * 10_000)
    (path, reason), *_ = read_sources([tmp_path]).skipped
    assert path.endswith(name) and f"more than {kind} holds" in reason


@pytest.mark.parametrize(
    "name, kind", [("old.docx", "Word file"), ("old.pptx", "slide deck"), ("old.xlsx", "spreadsheet")]
)
def test_an_old_office_file_renamed_is_skipped_with_how_to_fix_it(tmp_path: Path, name: str, kind: str) -> None:
    # an old binary .doc, .ppt or .xls given the new suffix: what to do, in one line, and the rest mined
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")  # (an OLE file's signature)
    result = read_sources([tmp_path])
    assert [Path(d.path).name for d in result.documents] == ["good.txt"]
    ((path, reason),) = result.skipped
    assert f"cannot read this {kind}" in reason and f"save it again as {Path(name).suffix}" in reason
    assert path.endswith(name) and "\n" not in reason
