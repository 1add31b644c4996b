"""Word and web-page layouts from real offices that the readers already turn into the .txt's scorecard.

Each builder writes a report the way a clerk's Word/WPS or a government CMS would (multilevel list
numbers, numbering on styles, restarted lists, WPS style names, tables, text boxes, tracked changes,
soft line breaks, fields; nested table layouts, <br> paragraphs, bold spans, Word-pasted HTML, GBK
pages with menus and prev/next links) and returns (file, the same report as plain text). The test
scores both and compares the criterion statuses (and, where the layout loses nothing, the findings).
"""

from __future__ import annotations

import html as H
import re
from pathlib import Path
from typing import Any

import pytest

from scorer.api import load_rubric, score_document, score_text
from scorer.read import read_path
from scorer.rubric import Rubric
from tests.conftest import REPORTS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W}"'
CN = "一二三四五六七八九十"
L1 = re.compile(rf"^([{CN}]+)、")
L2 = re.compile(rf"^[（(]([{CN}]+)[）)]")


def paras(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


def kind(line: str) -> str:
    if L1.match(line):
        return "h1"
    m = L2.match(line)
    if m:
        rest = line[m.end():]
        return "h2" if len(rest) <= 30 and not any(c in rest for c in ",，;；") and "。" not in rest.rstrip("。") else "h2run"
    return "body"


def strip_num(line: str) -> str:
    m = L1.match(line) or L2.match(line)
    return line[m.end():] if m else line


# ------------------------------------------------------------------ docx helpers

def X(fragment: str):
    from docx.oxml import parse_xml
    return parse_xml(fragment)


def add_list(doc, aid: int, levels: list[tuple[str, str]], *, styles: list[str | None] | None = None,
             suff: str | None = None, nums: list[tuple[int, dict[int, int]]] | None = None) -> None:
    """An abstractNum `aid` with (numFmt, lvlText) levels, and w:num instances (numId, {ilvl: start})."""
    numbering = doc.part.numbering_part.element
    body = ""
    for i, (fmt, txt) in enumerate(levels):
        ps = f'<w:pStyle w:val="{styles[i]}"/>' if styles and i < len(styles) and styles[i] else ""
        sf = f'<w:suff w:val="{suff}"/>' if suff else ""
        body += (f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{ps}{sf}'
                 f'<w:lvlText w:val="{txt}"/><w:lvlJc w:val="left"/></w:lvl>')
    abstract = X(f'<w:abstractNum {NS} w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>{body}</w:abstractNum>')
    first = numbering.find(f"{{{W}}}num")
    if first is not None:
        first.addprevious(abstract)
    else:
        numbering.append(abstract)
    for num_id, starts in nums or [(aid, {})]:
        ov = "".join(f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/></w:lvlOverride>' for k, v in starts.items())
        numbering.append(X(f'<w:num {NS} w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>{ov}</w:num>'))


def set_num(p, num_id: int | None, ilvl: int | None) -> None:
    ppr = p._p.get_or_add_pPr()
    il = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    ni = f'<w:numId w:val="{num_id}"/>' if num_id is not None else ""
    numpr = X(f'<w:numPr {NS}>{il}{ni}</w:numPr>')
    # numPr must come after pStyle/keepNext etc.; python-docx's pPr insert keeps order for known children
    ps = ppr.find(f"{{{W}}}pStyle")
    if ps is not None:
        ps.addnext(numpr)
    else:
        ppr.insert(0, numpr)


def style_num(doc, style_name: str, num_id: int, ilvl: int | None) -> None:
    st = doc.styles[style_name]
    ppr = st.element.get_or_add_pPr()
    il = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    ppr.insert(0, X(f'<w:numPr {NS}>{il}<w:numId w:val="{num_id}"/></w:numPr>'))


def bold_para(doc, text: str, style=None):
    p = doc.add_paragraph(style=style)
    r = p.add_run(text)
    r.bold = True
    return p


def save(doc, folder: Path, name: str) -> Path:
    path = folder / name
    doc.save(str(path))
    return path


def new_doc(header_words: bool = True):
    import docx
    d = docx.Document()
    if header_words:
        d.sections[0].header.paragraphs[0].text = "存在问题整改 工作安排"
    return d


# ------------------------------------------------------------------ docx variants

def docx_list_on_paragraphs(text, folder):
    """一、 and (一) from one chineseCounting multilevel list set on each paragraph, tab suffix, "（%2）"."""
    d = new_doc()
    add_list(d, 50, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")])
    ref = []
    for ln in paras(text):
        k = kind(ln)
        if k == "h1":
            p = d.add_paragraph(strip_num(ln), style="Heading 1")
            set_num(p, 50, 0)
            ref.append(ln)
        elif k in ("h2", "h2run"):
            p = d.add_paragraph(strip_num(ln), style="Heading 2" if k == "h2" else None)
            set_num(p, 50, 1)
            m = L2.match(ln)
            ref.append(f"（{m.group(1)}）" + strip_num(ln))
        else:
            d.add_paragraph(ln)
            ref.append(ln)
    return save(d, folder, "list-paragraph.docx"), "\n\n".join(ref)


def docx_list_on_style(text, folder, *, link_by_pstyle=False, name="list-style.docx"):
    """The list set on the Heading 1 / Heading 2 styles (Word's 'link level to style'); paragraphs carry only the style."""
    d = new_doc()
    add_list(d, 51, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")],
             styles=["Heading1", "Heading2"] if link_by_pstyle else None)
    style_num(d, "Heading 1", 51, None if link_by_pstyle else 0)
    style_num(d, "Heading 2", 51, None if link_by_pstyle else 1)
    ref = []
    for ln in paras(text):
        k = kind(ln)
        if k == "h1":
            d.add_paragraph(strip_num(ln), style="Heading 1")
            ref.append(ln)
        elif k in ("h2", "h2run"):
            d.add_paragraph(strip_num(ln), style="Heading 2")
            m = L2.match(ln)
            ref.append(f"（{m.group(1)}）" + strip_num(ln))
        else:
            d.add_paragraph(ln)
            ref.append(ln)
    return save(d, folder, name), "\n\n".join(ref)


def docx_list_on_style_pstyle(text, folder):
    return docx_list_on_style(text, folder, link_by_pstyle=True, name="list-style-pstyle.docx")


def docx_restarted_sublists(text, folder):
    """(一) items: a separate one-level list; every section restarts it with a new w:num (startOverride),
    as Word does on 'Restart at 一'. 一、 headings typed by hand."""
    d = new_doc()
    sections = sum(1 for ln in paras(text) if kind(ln) == "h1")
    add_list(d, 52, [("chineseCounting", "(%1)")], nums=[(520 + i, {0: 1}) for i in range(sections)])
    ref, sec = [], -1
    for ln in paras(text):
        k = kind(ln)
        if k == "h1":
            sec += 1
            d.add_paragraph(ln, style="Heading 1")
        elif k in ("h2", "h2run"):
            p = d.add_paragraph(strip_num(ln))
            set_num(p, 520 + sec, 0)
        else:
            d.add_paragraph(ln)
        ref.append(ln)
    return save(d, folder, "restarted.docx"), "\n\n".join(ref)


def docx_wps_restart_new_abstract(text, folder):
    """WPS: each restarted (一) list is its own abstractNum (ideographTraditional-free, chineseCounting)."""
    d = new_doc()
    ref, sec = [], -1
    for ln in paras(text):
        if kind(ln) == "h1":
            sec += 1
            add_list(d, 60 + sec, [("chineseCounting", "（%1）")], nums=[(60 + sec, {})])
    sec = -1
    for ln in paras(text):
        k = kind(ln)
        if k == "h1":
            sec += 1
            d.add_paragraph(ln, style="Heading 1")
            ref.append(ln)
        elif k in ("h2", "h2run"):
            p = d.add_paragraph(strip_num(ln))
            set_num(p, 60 + sec, 0)
            ref.append(f"（{L2.match(ln).group(1)}）" + strip_num(ln))
        else:
            d.add_paragraph(ln)
            ref.append(ln)
    return save(d, folder, "wps-restart.docx"), "\n\n".join(ref)


def docx_continued_list_across_nums(text, folder):
    """一、 headings each in a different w:num of the same abstractNum (copy-pasted headings): Word continues."""
    d = new_doc()
    add_list(d, 53, [("chineseCounting", "%1、")], nums=[(530 + i, {}) for i in range(6)])
    ref, sec = [], -1
    for ln in paras(text):
        if kind(ln) == "h1":
            sec += 1
            p = d.add_paragraph(strip_num(ln), style="Heading 1")
            set_num(p, 530 + sec, 0)
        else:
            d.add_paragraph(ln)
        ref.append(ln)
    return save(d, folder, "continued.docx"), "\n\n".join(ref)


def docx_level3_decimal(text, folder):
    """A third level "%3." decimal and a fourth ideographTraditional "%4、" under (一) run-in items."""
    d = new_doc()
    add_list(d, 54, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."),
                     ("ideographTraditional", "%4、")])
    ref = []
    for ln in paras(text):
        k = kind(ln)
        if k == "h1":
            p = d.add_paragraph(strip_num(ln), style="Heading 1")
            set_num(p, 54, 0)
            ref.append(ln)
        elif k == "h2run" and "。" in ln:
            head, _, body = strip_num(ln).partition("。")
            p = d.add_paragraph(head + "。", style="Heading 2")
            set_num(p, 54, 1)
            ref.append(f"（{L2.match(ln).group(1)}）{head}。")
            sents = [s + "。" for s in body.split("。") if s]
            for s in sents:
                p = d.add_paragraph(s)
                set_num(p, 54, 2)
            for i, s in enumerate(sents, 1):
                ref.append(f"{i}.{s}")
        elif k == "h2":
            p = d.add_paragraph(strip_num(ln), style="Heading 2")
            set_num(p, 54, 1)
            ref.append(f"（{L2.match(ln).group(1)}）" + strip_num(ln))
        else:
            d.add_paragraph(ln)
            ref.append(ln)
    return save(d, folder, "level3.docx"), "\n\n".join(ref)


def docx_double_numbering(text, folder):
    """The 一、 typed by hand AND a Word list number on the same heading: Word shows 一、一、…"""
    d = new_doc()
    add_list(d, 55, [("chineseCounting", "%1、")])
    ref = []
    for ln in paras(text):
        if kind(ln) == "h1":
            p = d.add_paragraph(ln, style="Heading 1")
            set_num(p, 55, 0)
            ref.append(L1.match(ln).group(0) + ln)
        else:
            d.add_paragraph(ln)
            ref.append(ln)
    return save(d, folder, "double.docx"), "\n\n".join(ref)



def docx_bold_headings_no_style(text, folder):
    d = new_doc()
    for ln in paras(text):
        if kind(ln) in ("h1", "h2"):
            bold_para(d, ln)
        elif kind(ln) == "h2run":
            p = d.add_paragraph()
            m = re.match(r"^(.*?。)(.*)$", ln)
            p.add_run(m.group(1)).bold = True
            p.add_run(m.group(2))
        else:
            d.add_paragraph(ln)
    return save(d, folder, "bold.docx"), text


def _wps_styles(d, defs):
    """Add paragraph styles with explicit ids: (styleId, name, outlineLvl|None, basedOn|None)."""
    root = d.styles.element
    for sid, name, lvl, based in defs:
        ol = f'<w:outlineLvl w:val="{lvl}"/>' if lvl is not None else ""
        bo = f'<w:basedOn w:val="{based}"/>' if based else ""
        root.append(X(f'<w:style {NS} w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>{bo}'
                      f'<w:qFormat/><w:pPr>{ol}</w:pPr></w:style>'))


def _p_with_style(d, text, sid):
    p = d.add_paragraph(text)
    p._p.get_or_add_pPr().insert(0, X(f'<w:pStyle {NS} w:val="{sid}"/>'))
    return p


def docx_wps_style_names(text, folder):
    """WPS: styleIds are numbers ("2", "3"), names "标题 1"/"heading 2"; body in "正文文本缩进"; custom "1级标题"."""
    d = new_doc()
    _wps_styles(d, [("2", "标题 1", 0, None), ("3", "heading 2", 1, None), ("15", "正文文本缩进", None, None),
                    ("20", "1级标题", None, None)])
    for ln in paras(text):
        k = kind(ln)
        if k == "h1":
            _p_with_style(d, ln, "2")
        elif k == "h2":
            _p_with_style(d, ln, "3")
        else:
            _p_with_style(d, ln, "15")
    return save(d, folder, "wps-styles.docx"), text


def docx_custom_level_style(text, folder):
    """Custom styles '1级标题' / '2级标题' with no outline level and no heading base (公文 templates)."""
    d = new_doc()
    _wps_styles(d, [("a1", "1级标题", None, None), ("a2", "2级标题", None, None), ("a3", "正文文本缩进", None, None)])
    for ln in paras(text):
        k = kind(ln)
        _p_with_style(d, ln, {"h1": "a1", "h2": "a2"}.get(k, "a3"))
    return save(d, folder, "custom-levels.docx"), text



def docx_runin_h2_styled(text, folder):
    """Run-in (一) paragraphs (heading + body in one paragraph) styled Heading 2 for the navigation pane."""
    d = new_doc()
    for ln in paras(text):
        k = kind(ln)
        d.add_paragraph(ln, style={"h1": "Heading 1", "h2": "Heading 2", "h2run": "Heading 2"}.get(k))
    return save(d, folder, "runin-h2.docx"), text


def _textbox(text):
    return (f'<w:r {NS} xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:v="urn:schemas-microsoft-com:vml">'
            '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="1" name="文本框 1"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp>'
            '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
            f'<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
            '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def docx_title_in_textbox(text, folder):
    d = new_doc()
    lines = paras(text)
    p = d.add_paragraph()
    p._p.append(X(_textbox(lines[0])))
    for ln in lines[1:]:
        d.add_paragraph(ln, style="Heading 1" if kind(ln) == "h1" else None)
    return save(d, folder, "title-textbox.docx"), text


def docx_redhead_textbox(text, folder):
    """红头: '青禾县人民政府文件' in a text box above the title (the reader may drop it; the title stays)."""
    d = new_doc()
    p = d.add_paragraph()
    p._p.append(X(_textbox("青禾县人民政府文件")))
    for ln in paras(text):
        d.add_paragraph(ln, style="Heading 1" if kind(ln) == "h1" else None)
    return save(d, folder, "redhead-textbox.docx"), text


def docx_title_in_table(text, folder):
    d = new_doc()
    lines = paras(text)
    t = d.add_table(rows=1, cols=1)
    t.cell(0, 0).text = lines[0]
    for ln in lines[1:]:
        d.add_paragraph(ln, style="Heading 1" if kind(ln) == "h1" else None)
    return save(d, folder, "title-table.docx"), text


def docx_all_in_one_cell(text, folder):
    d = new_doc()
    t = d.add_table(rows=1, cols=1)
    cell = t.cell(0, 0)
    lines = paras(text)
    cell.paragraphs[0].text = lines[0]
    for ln in lines[1:]:
        cell.add_paragraph(ln, style="Heading 1" if kind(ln) == "h1" else None)
    return save(d, folder, "one-cell.docx"), text


def docx_form_table(text, folder):
    """A 呈批/报送 form: row 1 '标题' | title, row 2 '正文' | whole report body."""
    d = new_doc()
    t = d.add_table(rows=2, cols=2)
    lines = paras(text)
    t.cell(0, 0).text = "标题"
    t.cell(0, 1).text = lines[0]
    t.cell(1, 0).text = "正文"
    c = t.cell(1, 1)
    c.paragraphs[0].text = lines[1]
    for ln in lines[2:]:
        c.add_paragraph(ln)
    return save(d, folder, "form-table.docx"), text


def docx_notes_comments_tracked(text, folder):
    """Footnote reference, comment, deleted heading, moved text, hidden-in-footer words."""
    d = new_doc()
    d.sections[0].footer.paragraphs[0].text = "三、存在的不足和原因 四、下一年度工作安排"
    for ln in paras(text):
        k = kind(ln)
        if k == "h1":
            p = d.add_paragraph(ln, style="Heading 1")
            d.add_comment(p.runs, text="四、2025年工作安排 请补充存在问题整改", author="法制科")
            p._p.append(X(f'<w:del {NS} w:id="9" w:author="a"><w:r><w:delText>（存在问题整改情况）</w:delText></w:r></w:del>'))
            p._p.append(X(f'<w:r {NS}><w:footnoteReference w:id="1"/></w:r>'))
        else:
            d.add_paragraph(ln)
    # a whole deleted heading paragraph (tracked) before the closing
    p = d.add_paragraph()
    ppr = p._p.get_or_add_pPr()
    ppr.append(X(f'<w:rPr {NS}><w:del w:id="11" w:author="a"/></w:rPr>'))
    p._p.append(X(f'<w:del {NS} w:id="12" w:author="a"><w:r><w:delText>五、其他需要报告的情况</w:delText></w:r></w:del>'))
    body = d.element.body
    body.remove(p._p)
    body.insert(len(body) - 4, p._p)
    return save(d, folder, "tracked.docx"), text


def docx_soft_breaks_normal(text, folder):
    """Heading and its body in one Normal paragraph joined by Shift+Enter (<w:br/>)."""
    d = new_doc()
    lines = paras(text)
    i = 0
    while i < len(lines):
        ln = lines[i]
        if kind(ln) == "h1" and i + 1 < len(lines) and kind(lines[i + 1]) == "body":
            p = d.add_paragraph()
            p.add_run(ln).bold = True
            p.add_run().add_break()
            p.add_run(lines[i + 1])
            i += 2
            continue
        d.add_paragraph(ln)
        i += 1
    return save(d, folder, "softbreak.docx"), text



def docx_whole_report_soft_breaks(text, folder):
    """The report pasted from a web page/WeChat: one paragraph, every line ended by <w:br/>."""
    d = new_doc()
    p = d.add_paragraph()
    for ln in paras(text):
        p.add_run(ln)
        p.add_run().add_break()
    return save(d, folder, "all-br.docx"), text


def docx_fields_empty(text, folder):
    """PAGE fields in the body (complex and simple), empty paragraphs, full-width indents, page breaks."""
    from docx.enum.text import WD_BREAK

    d = new_doc()
    d.sections[0].footer.paragraphs[0]._p.append(X(
        f'<w:fldSimple {NS} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    for ln in paras(text):
        d.add_paragraph("")
        p = d.add_paragraph(ln, style="Heading 1" if kind(ln) == "h1" else None)
        if kind(ln) == "h1":
            p.runs[0].add_break(WD_BREAK.PAGE)
        d.add_paragraph("　　")
    return save(d, folder, "fields-empty.docx"), text


def docx_title_heading1(text, folder, *, sections="Heading 2", name="title-h1.docx"):
    """The title styled Heading 1 (so it shows in the navigation pane), 一、 Heading 2, (一) Heading 3."""
    d = new_doc()
    for i, ln in enumerate(paras(text)):
        k = kind(ln)
        if i == 0:
            d.add_paragraph(ln, style="Heading 1")
        elif k == "h1":
            d.add_paragraph(ln, style=sections)
        elif k == "h2" and sections == "Heading 2":
            d.add_paragraph(ln, style="Heading 3")
        else:
            d.add_paragraph(ln)
    return save(d, folder, name), text


def docx_title_and_sections_heading1(text, folder):
    """The title and the 一、 headings all Heading 1: the title is no sibling section either."""
    return docx_title_heading1(text, folder, sections="Heading 1", name="title-sections-h1.docx")


def docx_soft_breaks_heading(text, folder):
    """A heading and its body in one Heading 1 paragraph joined by Shift+Enter (<w:br/>)."""
    d = new_doc()
    lines = paras(text)
    i = 0
    while i < len(lines):
        ln = lines[i]
        if kind(ln) == "h1" and i + 1 < len(lines) and kind(lines[i + 1]) == "body":
            p = d.add_paragraph(style="Heading 1")
            p.add_run(ln)
            p.add_run().add_break()
            p.add_run(lines[i + 1])
            i += 2
            continue
        d.add_paragraph(ln, style="Heading 1" if kind(ln) == "h1" else None)
        i += 1
    return save(d, folder, "softbreak-heading.docx"), text


def docx_toc_field(text, folder):
    """A table of contents as a TOC field over plain paragraphs: hyperlinks to _Toc bookmarks, page numbers."""
    d = new_doc()
    lines = paras(text)
    d.add_paragraph(lines[0])
    d.add_paragraph("目  录")
    heads = [ln for ln in lines if kind(ln) == "h1"]
    for i, h in enumerate(heads):
        p = d.add_paragraph()
        if i == 0:
            p._p.append(X(f'<w:r {NS}><w:fldChar w:fldCharType="begin"/></w:r>'))
            p._p.append(X(f'<w:r {NS}><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'))
            p._p.append(X(f'<w:r {NS}><w:fldChar w:fldCharType="separate"/></w:r>'))
        p._p.append(X(f'<w:hyperlink {NS} w:anchor="_Toc{i}"><w:r><w:t>{h}</w:t></w:r><w:r><w:tab/></w:r>'
                      f'<w:r><w:t>{i + 1}</w:t></w:r></w:hyperlink>'))
        if i == len(heads) - 1:
            p._p.append(X(f'<w:r {NS}><w:fldChar w:fldCharType="end"/></w:r>'))
    for ln in lines[1:]:
        d.add_paragraph(ln, style="Heading 1" if kind(ln) == "h1" else None)
    return save(d, folder, "toc.docx"), text


def _toc_style(d, sid, name):
    d.styles.element.append(X(f'<w:style {NS} w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>'
                              '<w:basedOn w:val="Normal"/></w:style>'))


def docx_toc_styled(text, folder):
    """Word's own contents block: a 'Table of Contents' content control, a 目录 heading in TOC Heading
    (based on Heading 1), entries styled 'toc 1'/'toc 2' with PAGEREF fields for the page numbers."""
    d = new_doc()
    _toc_style(d, "TOC1", "toc 1")
    _toc_style(d, "TOC2", "toc 2")
    d.styles.element.append(X(f'<w:style {NS} w:type="paragraph" w:styleId="TOCHeading2"><w:name w:val="TOC Heading"/>'
                              '<w:basedOn w:val="Heading1"/></w:style>'))
    lines = paras(text)
    d.add_paragraph(lines[0])
    entries = [(ln, "TOC1" if kind(ln) == "h1" else "TOC2") for ln in lines if kind(ln) in ("h1", "h2")]
    ps = ['<w:p><w:pPr><w:pStyle w:val="TOCHeading2"/></w:pPr><w:r><w:t>目录</w:t></w:r></w:p>']
    for i, (ln, sid) in enumerate(entries):
        start = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" </w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="separate"/></w:r>') if i == 0 else ""
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if i == len(entries) - 1 else ""
        ps.append(f'<w:p><w:pPr><w:pStyle w:val="{sid}"/></w:pPr>{start}<w:r><w:t>{H.escape(ln[:40])}</w:t></w:r>'
                  f'<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                  f'<w:r><w:instrText> PAGEREF _Toc{i} \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                  f'<w:r><w:t>{i + 2}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>{end}</w:p>')
    sdt = X(f'<w:sdt {NS}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
            f'</w:docPartObj></w:sdtPr><w:sdtContent>{"".join(ps)}</w:sdtContent></w:sdt>')
    d.element.body.insert(1, sdt)
    for ln in lines[1:]:
        d.add_paragraph(ln, style="Heading 1" if kind(ln) == "h1" else None)
    return save(d, folder, "toc-styled.docx"), text


def docx_hidden_text(text, folder):
    """Hidden (w:vanish) drafting notes inside the heading paragraphs: Word shows nothing."""
    d = new_doc()
    for ln in paras(text):
        p = d.add_paragraph(ln, style="Heading 1" if kind(ln) == "h1" else None)
        if kind(ln) == "h1":
            p.add_run("（此处填写存在问题整改情况和工作安排）").font.hidden = True
    return save(d, folder, "hidden.docx"), text


def docx_vanish_paragraph(text, folder):
    """A whole hidden paragraph (a template's instruction, a numbered heading) that Word does not show."""
    d = new_doc()
    for ln in paras(text):
        if kind(ln) == "h1" and ln.startswith("三"):
            d.add_paragraph(style="Heading 1").add_run("五、其他需要报告的情况").font.hidden = True
        d.add_paragraph(ln, style="Heading 1" if kind(ln) == "h1" else None)
    return save(d, folder, "hidden-para.docx"), text


def docx_hidden_style(text, folder):
    """Template notes in a paragraph style that is hidden (w:vanish in the style), one run un-hidden."""
    d = new_doc()
    d.styles.element.append(X(f'<w:style {NS} w:type="paragraph" w:styleId="Note"><w:name w:val="填写说明"/>'
                              '<w:basedOn w:val="Normal"/><w:rPr><w:vanish/></w:rPr></w:style>'))
    for ln in paras(text):
        if kind(ln) == "h1":
            p = d.add_paragraph("存在问题整改情况：本部分写明存在的不足和原因、下一年度工作安排。")
            p._p.get_or_add_pPr().append(X(f'<w:pStyle {NS} w:val="Note"/>'))
        d.add_paragraph(ln, style="Heading 1" if kind(ln) == "h1" else None)
    return save(d, folder, "hidden-style.docx"), text







# ------------------------------------------------------------------ html

CHROME_HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset={cs}">
<title>{title}</title></head><body>
<table width="1000" align="center"><tr><td>
<div class="nav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/zg/">存在问题整改</a> | <a href="/ap/">工作安排</a></div>
<div class="crumb">您当前的位置：<a href="/">首页</a> &gt;&gt; <a href="/zwgk/">政务公开</a> &gt;&gt; <a href="/fz/">法治政府建设</a></div>
</td></tr></table>
"""
CHROME_TAIL = """
<div class="fy"><p>上一篇：<a href="/a/1.html">青禾县2023年度法治政府建设存在问题整改情况</a></p>
<p>下一篇：<a href="/a/3.html">青禾县2025年法治政府建设工作安排</a></p></div>
<div class="btn"><span onclick="window.print()">【打印本页】</span> <span onclick="window.close()">【关闭窗口】</span></div>
<div class="xg"><h4>相关链接</h4><ul><li><a href="/x1">存在问题整改</a></li><li><a href="/x2">2025年工作安排</a></li>
<li><a href="/x3">党政主要负责人履行推进法治建设第一责任人职责情况</a></li></ul></div>
<div class="foot">主办单位：青禾县人民政府办公室 版权所有 备案号：某ICP备12345678号</div>
</body></html>"""


def page(body: str, title: str, cs: str = "utf-8") -> bytes:
    return (CHROME_HEAD.format(cs=cs, title=title) + body + CHROME_TAIL).encode(cs if cs != "gb2312" else "gbk", "xmlcharrefreplace")


def _wrap_line(ln, how):
    e = H.escape(ln)
    if kind(ln) in ("h1", "h2"):
        if how == "strong":
            return f"<strong>{e}</strong>"
        if how == "span":
            return f'<span style="font-weight:bold">{e}</span>'
        if how == "b":
            return f"<b>{e}</b>"
    return e


def html_nested_table(text, folder, cs="gb2312", name="nested-table.html"):
    lines = paras(text)
    body = ('<table width="1000"><tr><td width="200"><ul><li><a href="/l1">法治政府建设</a></li><li><a href="/l2">存在问题整改</a></li></ul></td>'
            '<td><table><tr><td class="title" align="center"><h2>' + H.escape(lines[0]) + '</h2></td></tr>'
            '<tr><td class="info">发布日期：2025-03-10　来源：县司法局　浏览次数：1024</td></tr><tr><td><div id="zoom"><div class="TRS_Editor">'
            + "".join(f'<p style="text-indent:2em">{_wrap_line(ln, "strong")}</p>' for ln in lines[1:])
            + '</div></div></td></tr></table></td></tr></table>')
    p = folder / name
    p.write_bytes(page(body, lines[0], cs))
    return p, text


def html_br_paragraphs(text, folder, how="strong", name="br.html", cs="gbk"):
    lines = paras(text)
    body = ('<div class="main"><div class="content"><h1>' + H.escape(lines[0]) + '</h1><div id="zoom"><p>'
            + "<br>\n".join("&nbsp;&nbsp;&nbsp;&nbsp;" + _wrap_line(ln, how) for ln in lines[1:]) + '</p></div></div></div>')
    p = folder / name
    p.write_bytes(page(body, lines[0], cs))
    return p, text


def html_br_span(text, folder):
    return html_br_paragraphs(text, folder, how="span", name="br-span.html")


def html_br_font_td(text, folder):
    """Old CMS: <td><font size=3> with <br><br> between paragraphs, and 　　 indents."""
    lines = paras(text)
    body = ('<table><tr><td class="bt">' + H.escape(lines[0]) + '</td></tr><tr><td class="nr"><font size="3">'
            + "<br><br>".join("　　" + _wrap_line(ln, "b") for ln in lines[1:]) + "</font></td></tr></table>")
    p = folder / "br-font-td.html"
    p.write_bytes(page(body, lines[0], "gb2312"))
    return p, text


def html_span_bold_p(text, folder):
    lines = paras(text)
    body = ('<div class="article"><div class="arti-title">' + H.escape(lines[0]) + '</div><div class="arti-con">'
            + "".join(f'<p>{_wrap_line(ln, "span")}</p>' for ln in lines[1:]) + "</div></div>")
    p = folder / "span-bold.html"
    p.write_bytes(page(body, lines[0], "utf-8"))
    return p, text


def html_div_paragraphs(text, folder):
    """Each paragraph a <div> (pasted from an online editor), headings <div><strong>."""
    lines = paras(text)
    body = ('<div class="wrap"><div class="detail"><h1>' + H.escape(lines[0]) + '</h1><div class="detail-con">'
            + "".join(f'<div style="text-indent:2em;line-height:2">{_wrap_line(ln, "strong")}</div>' for ln in lines[1:])
            + "</div></div></div>")
    p = folder / "div-paras.html"
    p.write_bytes(page(body, lines[0], "utf-8"))
    return p, text


def html_word_export(text, folder):
    """Pasted from Word: MsoNormal paragraphs, spans with fonts, <o:p>, &nbsp; indents, headings in 黑体 spans."""
    lines = paras(text)
    out = []
    for ln in lines[1:]:
        font = "黑体" if kind(ln) == "h1" else ("楷体_GB2312" if kind(ln) == "h2" else "仿宋_GB2312")
        out.append(f'<p class="MsoNormal" style="text-indent:32.0pt;mso-char-indent-count:2.0"><span style="font-size:16.0pt;'
                   f'font-family:{font};mso-hansi-font-family:Calibri">{H.escape(ln)}<span lang="EN-US"><o:p></o:p></span></span></p>')
        out.append('<p class="MsoNormal"><span lang="EN-US">&nbsp;<o:p></o:p></span></p>')
    body = ('<div id="zoom"><div class="WordSection1" style="layout-grid:15.6pt">'
            f'<p class="MsoNormal" align="center" style="text-align:center"><span style="font-size:22.0pt;font-family:方正小标宋简体">{H.escape(lines[0])}</span></p>'
            + "".join(out) + "</div></div>")
    p = folder / "word-export.html"
    p.write_bytes(page(body, lines[0], "utf-8"))
    return p, text


def html_title_only_outside(text, folder):
    """The title only in the page's <h1> above the info line; the article body starts at the addressee."""
    lines = paras(text)
    body = ('<div class="article"><h1 class="title">' + H.escape(lines[0]) + '</h1>'
            '<div class="info">发布时间：2025-03-10 来源：青禾县司法局 【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>'
            '<div class="TRS_Editor">' + "".join(f"<p>{H.escape(ln)}</p>" for ln in lines[1:]) + "</div></div>")
    p = folder / "title-outside.html"
    p.write_bytes(page(body, lines[0], "utf-8"))
    return p, text


def html_plain_text_chrome(text, folder):
    """Chrome that is plain text, not links: a 栏目 menu in spans, a sidebar of 'hot topics' as text,
    prev/next with plain-text titles."""
    lines = paras(text)
    body = ('<div class="left"><div class="lm">栏目导航</div><div class="lmitem">存在问题整改</div><div class="lmitem">工作安排</div>'
            '<div class="lmitem">法治督察</div></div><div class="right"><h1>' + H.escape(lines[0]) + '</h1><div id="zoom">'
            + "".join(f"<p>{_wrap_line(ln, 'strong')}</p>" for ln in lines[1:])
            + '</div><div class="page"><span>上一篇：关于2023年法治政府建设存在问题整改情况的报告</span>'
            '<span>下一篇：2025年全县法治政府建设工作安排</span></div>'
            '<div class="tools"><input type="button" value="打印" onclick="window.print()"> <input type="button" value="关闭" onclick="window.close()"></div></div>')
    p = folder / "plain-chrome.html"
    p.write_bytes(page(body, lines[0], "utf-8"))
    return p, text


def html_article_table_rows(text, folder):
    """The article as a table, one paragraph per row (Word table pasted into the CMS)."""
    lines = paras(text)
    body = ('<div id="zoom"><p align="center"><strong>' + H.escape(lines[0]) + '</strong></p><table border="1">'
            + "".join(f"<tr><td>{H.escape(ln)}</td></tr>" for ln in lines[1:]) + "</table></div>")
    p = folder / "table-rows.html"
    p.write_bytes(page(body, lines[0], "utf-8"))
    return p, text


def html_gbk_http_equiv_strong_p_br(text, folder):
    """<p><strong>一、…</strong><br>body…</p>: the heading and the first body paragraph in one <p>."""
    lines = paras(text)
    out, i = [], 1
    while i < len(lines):
        ln = lines[i]
        if kind(ln) == "h1" and i + 1 < len(lines):
            out.append(f"<p><strong>{H.escape(ln)}</strong><br/>{H.escape(lines[i + 1])}</p>")
            i += 2
        else:
            out.append(f"<p>{H.escape(ln)}</p>")
            i += 1
    body = '<div id="zoom"><h1>' + H.escape(lines[0]) + "</h1>" + "".join(out) + "</div>"
    p = folder / "strong-br.html"
    p.write_bytes(page(body, lines[0], "gbk"))
    return p, text




# ------------------------------------------------------------------ the tests

Builder = Any
ALL = ("qinghe-county-2024", "songling-district-2024", "draft-with-problems")
LONG = ALL[:2]  # a page whose article is a few lines long is a different story (see the report)
# name: (builder, reports, findings_too, compare with the text as typed rather than as Word shows it)
VARIANTS: dict[str, tuple[Builder, tuple[str, ...], bool, bool]] = {
    "docx-list-on-paragraphs": (docx_list_on_paragraphs, ALL, True, False),
    "docx-list-on-style": (docx_list_on_style, ALL, True, False),
    "docx-list-on-style-by-pstyle": (docx_list_on_style_pstyle, ALL, True, False),
    "docx-restarted-sublists": (docx_restarted_sublists, ALL, True, False),
    "docx-wps-restart-new-abstract": (docx_wps_restart_new_abstract, ALL, True, False),
    "docx-continued-list-across-nums": (docx_continued_list_across_nums, ALL, True, False),
    "docx-level3-decimal-level4-ideograph": (docx_level3_decimal, ALL, True, False),
    "docx-double-numbering-vs-typed": (docx_double_numbering, ALL, True, True),
    "docx-bold-headings-no-style": (docx_bold_headings_no_style, ALL, True, False),
    "docx-wps-style-names": (docx_wps_style_names, ALL, True, False),
    "docx-custom-level-styles": (docx_custom_level_style, ALL, True, False),
    "docx-runin-h2-styled": (docx_runin_h2_styled, ALL, True, False),
    "docx-title-in-textbox": (docx_title_in_textbox, ALL, True, False),
    "docx-redhead-textbox": (docx_redhead_textbox, ALL, True, False),
    "docx-title-in-table": (docx_title_in_table, ALL, True, False),
    "docx-all-in-one-cell": (docx_all_in_one_cell, ALL, True, False),
    "docx-form-table": (docx_form_table, ALL, True, False),
    "docx-notes-comments-tracked": (docx_notes_comments_tracked, ALL, True, False),
    "docx-soft-breaks-normal": (docx_soft_breaks_normal, ALL, True, False),
    "docx-whole-report-soft-breaks": (docx_whole_report_soft_breaks, ALL, True, False),
    "docx-fields-empty-paragraphs": (docx_fields_empty, ALL, True, False),
    "docx-title-heading1": (docx_title_heading1, ALL, True, False),
    "docx-title-and-sections-heading1": (docx_title_and_sections_heading1, ALL, True, False),
    "docx-soft-breaks-heading": (docx_soft_breaks_heading, ALL, True, False),
    "docx-toc-field": (docx_toc_field, ALL, True, False),
    "docx-toc-styled": (docx_toc_styled, ALL, True, False),
    "docx-hidden-runs": (docx_hidden_text, ALL, True, False),
    "docx-hidden-paragraph": (docx_vanish_paragraph, ALL, True, False),
    "docx-hidden-style": (docx_hidden_style, ALL, True, False),
    "html-nested-table-gb2312": (html_nested_table, ALL, True, False),
    "html-br-strong-gbk": (html_br_paragraphs, ALL, True, False),
    "html-br-span-bold": (html_br_span, ALL, True, False),
    "html-br-font-td": (html_br_font_td, LONG, True, False),
    "html-p-span-bold": (html_span_bold_p, ALL, True, False),
    "html-div-paragraphs": (html_div_paragraphs, LONG, True, False),
    "html-word-export": (html_word_export, ALL, True, False),
    "html-title-outside-article": (html_title_only_outside, ALL, True, False),
    "html-plain-text-chrome": (html_plain_text_chrome, ALL, False, False),  # the plain-text menu stays
    "html-article-table-rows": (html_article_table_rows, LONG, True, False),
    "html-strong-br-in-p-gbk": (html_gbk_http_equiv_strong_p_br, ALL, True, False),
}
CASES = [pytest.param(name, rep, id=f"{name}-{rep.split('-')[0]}") for name, v in VARIANTS.items() for rep in v[1]]


@pytest.fixture(scope="module")
def national() -> Rubric:
    return load_rubric("national")


def _card(card: Any) -> tuple[dict[str, str], list[str]]:
    statuses: dict[str, str] = {c.id: c.status.value for c in card.criteria}
    return {**statuses, "title": card.meta.get("title")}, sorted(f.rule for f in card.findings)


@pytest.mark.parametrize(("name", "report"), CASES)
def test_variant_scores_like_the_text(name: str, report: str, tmp_path: Path, national: Rubric) -> None:
    builder, _, findings_too, as_typed = VARIANTS[name]
    text = (REPORTS / f"{report}.txt").read_text("utf-8")
    path, shown = builder(text, tmp_path)
    want_status, want_findings = _card(score_text(text if as_typed else shown, national, "ref.txt"))
    got_status, got_findings = _card(score_document(read_path(path), national))
    assert got_status == want_status
    if findings_too:
        assert got_findings == want_findings
