"""Word, web-page, PDF and .doc readers: the scorecard of each format matches the text's, plus details."""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from scorer.model import Document
from scorer.read import doc as doc_reader
from scorer.read import read_bytes, read_path, sniff
from scorer.read.docx import format_number, read_docx
from scorer.read.html import declared_charset, read_html
from scorer.read.pdf import read_pdf
from tests.formats import make, ole, pdfgen
from tests.formats.sample import SAMPLE
from tests.refusals import refused

SEEDS = Path(__file__).parents[1].parent / "shared" / "corpus" / "seeds"
_SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
_NO_CORPUS = pytest.mark.skip(reason=f"real corpus not found at {SEEDS} (it sits beside the project in CI)")
SEED_PARAMS = [pytest.param(p, id=p.stem) for p in _SEED_FILES] or [pytest.param(None, marks=_NO_CORPUS)]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def build(kind: str, text: str, folder: Path) -> Path:
    if kind == "docx":
        return make.write_docx(text, folder / "report.docx")
    if kind == "docx-numbered":
        return make.write_docx(text, folder / "report.docx", word_numbering=True)
    if kind == "html":
        return make.write_html(text, folder / "report.html")
    return make.write_pdf(text, folder / "report.pdf")


def heading_keys(lines: list[str]) -> list[tuple[int, int]]:
    """(level, number) of every 一、 and （一） line: the outline a reader sees, whatever the brackets."""
    return [(h[0], h[1]) for h in map(make.heading, lines) if h is not None]


def texts(doc: Document) -> list[str]:
    return [line.text for line in doc.lines if line.text.strip()]


# ---------------------------------------------------------------- the real reports, in every format


Built = Callable[[Path, str], tuple[str, Document]]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Each seed in each format, generated and read once for all the tests of this module."""
    cache: dict[tuple[Path, str], tuple[str, Document]] = {}

    def get(seed: Path, kind: str) -> tuple[str, Document]:
        if (seed, kind) not in cache:
            text = seed.read_text("utf-8")
            cache[seed, kind] = (text, read_path(build(kind, text, tmp_path_factory.mktemp(kind))))
        return cache[seed, kind]

    return get


@pytest.mark.parametrize("kind", ["docx", "docx-numbered", "html", "pdf"])
@pytest.mark.parametrize("seed", SEED_PARAMS)
def test_same_statuses_as_text(seed: Path, kind: str, built: Built) -> None:
    from scorer.api import load_rubric, score_document, score_file

    text, doc = built(seed, kind)
    assert doc.format == kind.split("-")[0]
    assert heading_keys(texts(doc)) == heading_keys(make.paragraphs(text))
    rubric = load_rubric("national")
    want = {c.id: c.status for c in score_file(seed, rubric).criteria}
    got = {c.id: c.status for c in score_document(doc, rubric).criteria}
    assert got == want


@pytest.mark.parametrize("seed", SEED_PARAMS)
def test_html_site_chrome_never_survives(seed: Path, built: Built) -> None:
    text, doc = built(seed, "html")
    lines = texts(doc)
    for word in make.MENU:
        assert word not in lines
    for phrase in ("存在问题整改", "年度工作安排", "当前位置", "版权所有", "打印本页", "_hmt", "document.write"):
        assert sum(line.count(phrase) for line in lines) <= text.count(phrase), phrase


@pytest.mark.parametrize("seed", SEED_PARAMS)
def test_docx_header_and_footer_never_survive(seed: Path, built: Built) -> None:
    text, doc = built(seed, "docx")
    assert sum(line.count("存在问题整改") for line in texts(doc)) == text.count("存在问题整改")
    assert all(line.level in (None, 1, 2) for line in doc.lines)
    assert any(line.level == 1 for line in doc.lines)


@pytest.mark.parametrize("seed", SEED_PARAMS)
def test_pdf_joins_layout_breaks_back_into_paragraphs(seed: Path, built: Built) -> None:
    def bare(s: str) -> str:  # the generator's font cannot show · and •, and PDF spacing is not text
        return "".join(s.replace("·", "").replace("•", "").split())

    text, doc = built(seed, "pdf")
    paragraphs = [bare(p) for p in make.paragraphs(text)]
    got = [bare(line) for line in texts(doc)]
    assert len(got) == len(paragraphs)
    assert sum(1 for line in got if line in paragraphs) >= 0.9 * len(paragraphs)
    assert all(line.page is not None for line in doc.lines)


# ---------------------------------------------------------------- docx details


def _xml(paragraph: object, fragment: str) -> None:
    from docx.oxml import parse_xml

    for child in list(parse_xml(f'<w:wrap xmlns:w="{W}">{fragment}</w:wrap>')):
        paragraph._p.append(child)  # type: ignore[attr-defined]


def test_docx_reads_tables_in_order_and_skips_header_footer_comments(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "页眉 存在问题整改"
    d.sections[0].footer.paragraphs[0].text = "页脚 第1页"
    first = d.add_paragraph("一、表格之前")
    d.add_comment(first.runs, text="批注：年度工作安排", author="审核人")
    table = d.add_table(rows=2, cols=2)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"单元格{r}{c}"
    after = d.add_paragraph("表格之后")
    _xml(after, '<w:del w:id="1" w:author="a"><w:r><w:delText>已删除</w:delText></w:r></w:del>'
                '<w:ins w:id="2" w:author="a"><w:r><w:t>（修订插入）</w:t></w:r></w:ins>')
    path = tmp_path / "t.docx"
    d.save(str(path))
    doc = read_docx(str(path), path.read_bytes())
    assert texts(doc) == ["一、表格之前", "单元格00", "单元格01", "单元格10", "单元格11", "表格之后（修订插入）"]
    assert [line.source for line in doc.lines] == [1, 2, 3, 4, 5, 6]
    assert doc.format == "docx"


def test_docx_heading_levels_from_styles_and_outline_level(tmp_path: Path) -> None:
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    d = docx.Document()
    cn = d.styles.add_style("标题 1", WD_STYLE_TYPE.PARAGRAPH)
    derived = d.styles.add_style("我的小标题", WD_STYLE_TYPE.PARAGRAPH)
    derived.base_style = d.styles["Heading 3"]
    d.add_paragraph("报告标题", style="Title")
    d.add_paragraph("中文样式", style=cn)
    d.add_paragraph("二级", style="Heading 2")
    d.add_paragraph("继承三级", style=derived)
    outline = d.add_paragraph("大纲级别")
    from docx.oxml import parse_xml

    outline._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl xmlns:w="{W}" w:val="1"/>'))
    d.add_paragraph("正文")
    path = tmp_path / "h.docx"
    d.save(str(path))
    levels = {line.text: line.level for line in read_docx("h.docx", path.read_bytes()).lines}
    assert levels == {"报告标题": None, "中文样式": 1, "二级": 2, "继承三级": 3, "大纲级别": 2, "正文": None}


def _numbered_doc(tmp_path: Path) -> Path:
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    numbering = d.part.numbering_part.element
    lvls = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."), ("decimal", "%3.%4"))
    body = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(lvls)
    )
    abstract = parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="77">{body}</w:abstractNum>')
    numbering.find(f"{{{W}}}num").addprevious(abstract)
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    numbering.append(parse_xml(
        f'<w:num xmlns:w="{W}" w:numId="78"><w:abstractNumId w:val="77"/>'
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
    ))
    for num, ilvl, text in [(77, 0, "甲"), (77, 1, "乙"), (77, 1, "丙"), (77, 2, "丁"), (77, 3, "戊"),
                            (77, 2, "己"), (77, 0, "庚"), (77, 1, "辛"), (77, 2, "壬"), (78, 0, "癸")]:
        p = d.add_paragraph(text, style="Heading 1" if ilvl == 0 else None)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>'
        ))
    d.add_paragraph("无编号")
    path = tmp_path / "n.docx"
    d.save(str(path))
    return path


def test_word_numbering_becomes_visible_text_and_restarts_under_its_parent(tmp_path: Path) -> None:
    path = _numbered_doc(tmp_path)
    assert texts(read_docx(str(path), path.read_bytes())) == [
        "一、甲", "（一）乙", "（二）丙", "1. 丁", "1.1 戊", "2. 己", "二、庚", "（一）辛", "1. 壬", "五、癸", "无编号",
    ]


@pytest.mark.parametrize(("value", "fmt", "want"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCounting", "二十"), (23, "chineseCounting", "二十三"), (105, "chineseCounting", "一〇五"),
    (11, "chineseCountingThousand", "十一"), (105, "chineseCountingThousand", "一百〇五"),
    (110, "chineseCountingThousand", "一百一十"), (2001, "chineseCountingThousand", "二千〇一"),
    (3, "ideographTraditional", "丙"), (10, "ideographTraditional", "癸"), (12, "chineseLegalSimplified", "壹拾贰"),
    (7, "decimal", "7"), (3, "decimalEnclosedCircle", "③"), (4, "lowerRoman", "iv"), (28, "upperLetter", "BB"),
    (5, "decimalFullWidth", "５"), (2, "none", ""),
])
def test_number_formats(value: int, fmt: str, want: str) -> None:
    assert format_number(value, fmt) == want


# ---------------------------------------------------------------- html details


@pytest.mark.parametrize(("encoding", "declare"), [("gbk", "meta"), ("gb2312", "http-equiv"), ("utf-8", "meta")])
def test_html_honours_declared_charset(encoding: str, declare: str, tmp_path: Path) -> None:
    path = make.write_html(SAMPLE, tmp_path / "p.html", encoding=encoding, declare=declare)
    doc = read_path(path)
    assert doc.format == "html"
    assert doc.encoding == ("utf-8" if encoding == "utf-8" else "gb18030")
    lines = texts(doc)
    assert "一、党政主要负责人履行推进法治建设第一责任人职责情况" in lines
    assert "四、2024年工作安排" in lines
    assert not any(word in lines for word in make.MENU)
    assert [line.source for line in doc.lines] == list(range(1, len(doc.lines) + 1))


def test_html_that_lies_about_its_charset_is_still_read() -> None:
    page = "<html><head><meta charset='utf-8'><title>t</title></head><body><article>"
    page += "".join(f"<p>{line}</p>" for line in make.paragraphs(SAMPLE)) + "</article></body></html>"
    doc = read_html("lie.html", page.encode("gbk"))
    assert "三、存在的不足和原因" in texts(doc)


def test_declared_charset_forms() -> None:
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=GB2312">') == "gb18030"
    assert declared_charset(b"<meta charset=gbk>") == "gb18030"
    assert declared_charset(b'<?xml version="1.0" encoding="UTF-8"?><html>') == "utf-8"
    assert declared_charset(b"<html><body>") is None


def test_txt_that_is_really_html_is_read_as_html(tmp_path: Path) -> None:
    path = make.write_html(SAMPLE, tmp_path / "saved.txt")
    assert sniff(str(path), path.read_bytes()) == "html"
    assert not any("存在问题整改" in line for line in texts(read_path(path)))


# ---------------------------------------------------------------- pdf details


def test_pdf_lines_pages_and_joins(tmp_path: Path) -> None:
    path = make.write_pdf(SAMPLE * 2, tmp_path / "s.pdf")
    doc = read_pdf(str(path), path.read_bytes())
    lines = texts(doc)
    paragraphs = make.paragraphs(SAMPLE * 2)
    assert lines == paragraphs  # every wrapped paragraph joined back, headings kept apart
    assert not any(line.startswith("- ") for line in lines)  # page numbers dropped
    assert doc.lines[0].page == 1 and doc.lines[0].source == 1
    assert max(line.page or 0 for line in doc.lines) >= 2
    second_page = [line for line in doc.lines if line.page == 2]
    assert second_page and second_page[0].source >= 1


def test_pdf_without_sentence_ends_or_indents_keeps_headings_apart() -> None:
    size, left = 12.0, 72.0
    full = "全" * 37
    page = pdfgen.Page([
        (left, 770, size, full), (left, 750, size, "一、标题不能粘到上一行"),
        (left, 730, size, full), (left, 710, size, "续行文字。"),
        (left + 150, 690, size, "居中的短标题"), (left, 670, size, full), (left, 650, size, "结束"),
    ])
    doc = read_pdf("x.pdf", pdfgen.build_pdf([page]))
    assert texts(doc) == [full, "一、标题不能粘到上一行", full + "续行文字。", "居中的短标题", full + "结束"]


def test_pdf_fake_bold_is_read_once() -> None:
    page = pdfgen.Page([(200, 700, 14, "二、主要举措"), (200.4, 700.3, 14, "二、主要举措"), (72, 650, 12, "正文。")])
    assert texts(read_pdf("b.pdf", pdfgen.build_pdf([page]))) == ["二、主要举措", "正文。"]


# ---------------------------------------------------------------- .doc / .wps through LibreOffice


def _fake_soffice(folder: Path, body: str) -> None:
    folder.mkdir(exist_ok=True)
    script = folder / "soffice"
    script.write_text(f"#!{sys.executable}\nimport sys, shutil, pathlib, time\nargs = sys.argv[1:]\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def test_doc_without_libreoffice_says_how_to_convert(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc_reader, "find_converter", lambda: None)
    with refused(r"save it as \.docx.*LibreOffice"):
        read_bytes("old.doc", ole.build_ole({"WordDocument": ole.word_fib()}))


def test_doc_converted_by_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    converted = make.write_docx(SAMPLE, tmp_path / "converted.docx")
    _fake_soffice(tmp_path / "bin", (
        "out = pathlib.Path(args[args.index('--outdir') + 1])\n"
        f"shutil.copy({str(converted)!r}, out / (pathlib.Path(args[-1]).stem + '.docx'))"
    ))
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    doc = read_bytes("old.wps", ole.build_ole({"WordDocument": ole.word_fib()}))
    assert doc.format == "doc"
    assert "四、2024年工作安排" in texts(doc)


def test_doc_converter_that_hangs_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_soffice(tmp_path / "bin", "time.sleep(60)")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setattr(doc_reader, "CONVERT_TIMEOUT", 0.5)
    start = time.monotonic()
    with refused("did not finish converting"):
        read_bytes("slow.doc", ole.build_ole({"WordDocument": ole.word_fib()}))
    assert time.monotonic() - start < 10


def test_html_labelled_gbk_but_saved_as_utf8_is_not_mojibake() -> None:
    page = "<html><head><meta charset='gb2312'></head><body><article>"
    page += "".join(f"<p>{line}</p>" for line in make.paragraphs(SAMPLE)) + "</article></body></html>"
    doc = read_html("relabelled.html", page.encode("utf-8"))
    assert doc.encoding == "utf-8"
    assert "四、2024年工作安排" in texts(doc)


def _docx(tmp_path: Path, build: Callable[[object], None]) -> Document:
    import docx

    d = docx.Document()
    build(d)
    path = tmp_path / "x.docx"
    d.save(str(path))
    return read_docx(str(path), path.read_bytes())


def _levels(doc: Document) -> list[tuple[str, int | None]]:
    return [(line.text, line.level) for line in doc.lines if line.text.strip()]


def test_docx_title_styled_heading_1_is_no_heading_and_the_levels_rebase(tmp_path: Path) -> None:
    def titled(d: object) -> None:
        for text, style in [("青禾县2024年度法治政府建设情况报告", "Heading 1"), ("一、主要举措", "Heading 2"),
                            ("（一）依法履职", "Heading 3"), ("正文。", None), ("二、不足和原因", "Heading 2")]:
            d.add_paragraph(text, style=style)  # type: ignore[attr-defined]

    assert _levels(_docx(tmp_path, titled)) == [("青禾县2024年度法治政府建设情况报告", None), ("一、主要举措", 1),
                                                ("（一）依法履职", 2), ("正文。", None), ("二、不足和原因", 1)]

    def untitled(d: object) -> None:  # unnumbered sections in Heading 1, no title: the first stays a section
        for text, style in [("主要举措和成效", "Heading 1"), ("正文。", None), ("存在的不足", "Heading 1")]:
            d.add_paragraph(text, style=style)  # type: ignore[attr-defined]

    assert _levels(_docx(tmp_path, untitled)) == [("主要举措和成效", 1), ("正文。", None), ("存在的不足", 1)]


def test_docx_soft_break_in_a_heading_leaves_the_rest_as_body(tmp_path: Path) -> None:
    def build(d: object) -> None:
        p = d.add_paragraph(style="Heading 1")  # type: ignore[attr-defined]
        p.add_run("一、主要举措")
        p.add_run().add_break()
        p.add_run("全年审查文件18件。")
        p.add_run().add_break()
        p.add_run("组织培训3次。")

    assert _levels(_docx(tmp_path, build)) == [("一、主要举措", 1), ("全年审查文件18件。", None), ("组织培训3次。", None)]


_BOX = ('<w:r xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>{0}</w:t></w:r></w:p>'
        '</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>'
        '<w:txbxContent><w:p><w:r><w:t>{0}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>'
        '</mc:Fallback></mc:AlternateContent></w:r>')


def test_docx_text_boxes_are_read_once_in_document_order(tmp_path: Path) -> None:
    def build(d: object) -> None:
        d.add_paragraph("红头之前")  # type: ignore[attr-defined]
        anchor = d.add_paragraph("锚定段落")  # type: ignore[attr-defined]
        _xml(anchor, _BOX.format("文本框里的标题"))
        vml = d.add_paragraph()  # type: ignore[attr-defined]
        _xml(vml, '<w:r xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>'
                  '<w:t>旧式文本框</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
        d.add_paragraph("正文")  # type: ignore[attr-defined]

    assert texts(_docx(tmp_path, build)) == ["红头之前", "文本框里的标题", "锚定段落", "旧式文本框", "正文"]


def test_docx_table_of_contents_is_skipped_but_a_field_left_open_loses_nothing(tmp_path: Path) -> None:
    def toc(d: object) -> None:
        d.add_paragraph("目  录")  # type: ignore[attr-defined]
        entry = d.add_paragraph()  # type: ignore[attr-defined]
        _xml(entry, '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" </w:instrText></w:r>'
                    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>一、主要举措</w:t></w:r>'
                    '<w:r><w:tab/></w:r><w:r><w:t>1</w:t></w:r>')
        d.add_paragraph("二、存在的不足\t2")  # type: ignore[attr-defined]  # still inside the field
        _xml(d.add_paragraph(), '<w:r><w:fldChar w:fldCharType="end"/></w:r>')  # type: ignore[attr-defined]
        d.add_paragraph("一、主要举措", style="Heading 1")  # type: ignore[attr-defined]

    assert texts(_docx(tmp_path, toc)) == ["一、主要举措"]

    def unclosed(d: object) -> None:
        entry = d.add_paragraph()  # type: ignore[attr-defined]
        _xml(entry, '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC </w:instrText></w:r>'
                    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>一、主要举措</w:t></w:r>')
        d.add_paragraph("全年" + "审查规范性文件并提出修改意见，" * 8)  # type: ignore[attr-defined]
        d.add_paragraph("二、存在的不足")  # type: ignore[attr-defined]

    got = texts(_docx(tmp_path, unclosed))
    assert got[-2].startswith("全年审查") and got[-1] == "二、存在的不足"


def test_docx_hidden_text_is_not_read(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    def build(d: object) -> None:
        d.styles.element.append(parse_xml(  # type: ignore[attr-defined]
            f'<w:style xmlns:w="{W}" w:type="paragraph" w:styleId="Note"><w:name w:val="填写说明"/>'
            '<w:rPr><w:vanish/></w:rPr></w:style>'))
        p = d.add_paragraph("看得见")  # type: ignore[attr-defined]
        p.add_run("（隐藏的说明）").font.hidden = True
        note = d.add_paragraph("隐藏样式的段落")  # type: ignore[attr-defined]
        note._p.get_or_add_pPr().append(parse_xml(f'<w:pStyle xmlns:w="{W}" w:val="Note"/>'))
        _xml(note, '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>取消隐藏的一段</w:t></w:r>')
        d.add_paragraph().add_run("整段隐藏").font.hidden = True  # type: ignore[attr-defined]

    assert texts(_docx(tmp_path, build)) == ["看得见", "取消隐藏的一段"]


def test_html_title_outside_the_article_comes_back_once(tmp_path: Path) -> None:
    body = "".join(f"<p>{t}</p>" for t in ["县委、县人大常委会：", "2024年，我县坚持依法行政。" * 6,
                                            "一、主要举措和成效", "全年审查规范性文件18件。" * 6])
    title = "青禾县2024年度法治政府建设情况报告"
    site = ('<html><head><meta charset="utf-8"><title>{t}</title></head><body><div class="top"><h1>{h}</h1></div>'
            '<div class="article">{a}<div class="con">{b}</div></div></body></html>')
    cases = [  # (<title>, <h1>, article head) -> the first line
        (f"{title} - 青禾县人民政府", "青禾县人民政府", ""),  # the site's name in <h1>, <title> with its suffix
        (f"{title}_青禾县人民政府门户网站", "", ""),
        ("青禾县人民政府", title, ""),
        (title, title, f"<p>{title}</p>"),  # already in the article: not doubled
    ]
    for t, h, a in cases:
        page = site.format(t=t, h=h, a=a, b=body).encode("utf-8")
        got = texts(read_html("p.html", page))
        assert got[0] == title and got.count(title) == 1, (t, h, got[:3])
