"""Build .docx, .html and .pdf files from the lines of a plain-text report, as a clerk or a site would."""

from __future__ import annotations

import html
import re
from pathlib import Path

from tests.formats import pdfgen

_CN = "一二三四五六七八九十"
L1 = re.compile(rf"^\s*([{_CN}]+)\s*[、,，.．]+\s*")
L2 = re.compile(rf"^\s*[（(]\s*([{_CN}]+)\s*[）)]\s*[、,，.．]?\s*")
NUM_ID = 90  # our list definition's id, clear of the default template's

# The words a government site's menus carry; none of them may reach the reader's output.
MENU = ("首页", "政务公开", "法治政府建设", "存在问题整改", "年度工作安排", "政策解读", "互动交流", "办事服务")


def cn_int(s: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23 (enough for report headings)."""
    if "十" not in s:
        return _CN.index(s) + 1 if len(s) == 1 else -1
    tens, _, ones = s.partition("十")
    return (_CN.index(tens) + 1 if tens else 1) * 10 + (_CN.index(ones) + 1 if ones else 0)


def heading(line: str) -> tuple[int, int, str] | None:
    """(level, number, text after the number) for a 一、 or （一） line, else None."""
    for level, pattern in ((1, L1), (2, L2)):
        m = pattern.match(line)
        if m:
            return level, cn_int(m.group(1)), line[m.end() :]
    return None


def short(text: str) -> bool:
    """A heading on a line of its own, not a run-in heading that starts a long paragraph."""
    return len(text) <= 40 and "。" not in text.rstrip("。")


def paragraphs(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# ---------------------------------------------------------------- docx


def _add_numbering(doc: object) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = doc.part.numbering_part.element  # type: ignore[attr-defined]
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        f'<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, text in enumerate(("%1、", "（%2）"))
    )
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{NUM_ID}">{levels}</w:abstractNum>')
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="{NUM_ID}"><w:abstractNumId w:val="{NUM_ID}"/></w:num>')
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)


def _set_num(paragraph: object, ilvl: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    ppr.append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{NUM_ID}"/></w:numPr>'
    ))


def write_docx(text: str, path: Path, *, word_numbering: bool = False) -> Path:
    """A Word file: short 一、/（一） lines styled Heading 1/2; with word_numbering, their numbers
    come only from a chineseCounting list (the literal number is stripped when Word would show the
    same one). A page header and footer carry menu words that the reader must skip."""
    import docx

    doc = docx.Document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = "某某市人民政府 存在问题整改 年度工作安排"
    section.footer.paragraphs[0].text = "第 1 页"
    if word_numbering:
        _add_numbering(doc)
    expected = [1, 1]
    for line in paragraphs(text):
        found = heading(line)
        style = None
        if found and short(found[2]):
            style = f"Heading {found[0]}"
        if word_numbering and found and found[1] == expected[found[0] - 1]:
            level, _, rest = found
            p = doc.add_paragraph(rest, style=style)
            _set_num(p, level - 1)
            expected[level - 1] += 1
            if level == 1:
                expected[1] = 1
        else:
            doc.add_paragraph(line, style=style)
    doc.save(str(path))
    return path


# ---------------------------------------------------------------- html

_CHROME_TOP = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
{declare}
<title>{title}_某某市人民政府</title>
<link rel="stylesheet" href="/css/style.css"/>
<script type="text/javascript">var _hmt = _hmt || []; document.write("<span>存在问题整改</span>");</script>
</head><body>
<div class="top"><div class="logo"><a href="/"><img src="/images/logo.png" alt="某某市人民政府"/></a></div>
<div class="search"><form action="/search"><input name="q" value="请输入关键字"/><button>搜索</button></form></div></div>
<div class="nav"><ul>{menu}</ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/fzzf/">法治政府建设</a> &gt; 正文</div>
<div class="main"><div class="left"><h3>栏目导航</h3><ul>{side}</ul></div>
<div class="content"><div class="article">
<h1 class="title">{title}</h1>
<div class="info">来源：某某市司法局　发布时间：2023-03-28 09:15　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="TRS_Editor" id="zoom">
"""
_CHROME_BOTTOM = """</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a>　<a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
</div>
<div class="related"><h4>相关链接</h4><ul>{related}</ul></div></div></div>
<div class="footer"><p><a href="/about">关于我们</a> | <a href="/map">网站地图</a> | <a href="/contact">联系我们</a></p>
<p>版权所有：某某市人民政府办公室　主办：某某市人民政府　网站标识码：4101850001　ICP备05012345号</p></div>
<script type="text/javascript">(function(){{var s=document.createElement("script");s.src="/js/count.js?存在问题整改";}})();</script>
</body></html>
"""


def write_html(text: str, path: Path, *, encoding: str = "gbk", declare: str = "meta") -> Path:
    """A page as a government site serves it: menus, breadcrumb, sidebar, footer and scripts around
    the article, declared and encoded as ``encoding`` (GBK by default)."""
    if declare == "meta":
        declaration = f'<meta charset="{encoding}"/>'
    else:
        declaration = f'<meta http-equiv="Content-Type" content="text/html; charset={encoding}"/>'
    menu = "".join(f'<li><a href="/m{i}/">{word}</a></li>' for i, word in enumerate(MENU))
    side = "".join(f'<li><a href="/s{i}/">{word}</a></li>' for i, word in enumerate(MENU[2:]))
    related = "".join(
        f'<li><a href="/r{i}.html">{word}专题</a><span>2023-0{i + 1}-12</span></li>' for i, word in enumerate(MENU[3:6])
    )
    lines = paragraphs(text)
    title = "法治政府建设年度报告"
    body = []
    for line in lines:
        found = heading(line)
        escaped = html.escape(line.strip())
        if found and found[0] == 1 and short(found[2]):
            body.append(f'<p style="text-indent:2em"><strong>{escaped}</strong></p>')
        else:
            body.append(f'<p style="text-indent:2em">{escaped}</p>')
    page = (
        _CHROME_TOP.format(declare=declaration, title=title, menu=menu, side=side)
        + "\n".join(body)
        + _CHROME_BOTTOM.format(related=related)
    )
    path.write_bytes(page.encode(encoding, errors="xmlcharrefreplace"))
    return path


# ---------------------------------------------------------------- pdf


def layout(text: str, *, margin: float = 72.0, size: float = 12.0) -> list[pdfgen.Page]:
    """Lay a report out as a word processor would print it: short 一、/（一） headings on lines of
    their own (一、 larger), body paragraphs wrapped at the margin with a two-character first-line
    indent, a centred title, and a page number in every footer."""
    width = pdfgen.PAGE_W - 2 * margin
    pages = [pdfgen.Page()]
    y = pdfgen.PAGE_H - margin
    for index, line in enumerate(paragraphs(text)):
        line = line.strip()
        found = heading(line)
        is_heading = found is not None and short(found[2])
        line_size = 14.0 if is_heading and found and found[0] == 1 else size
        indent = 0.0 if is_heading and found and found[0] == 1 else 2 * size
        rows = pdfgen.wrap(line, width, line_size, indent)
        for row_index, row in enumerate(rows):
            if y < margin:
                pages.append(pdfgen.Page())
                y = pdfgen.PAGE_H - margin
            x = margin + (indent if row_index == 0 else 0.0)
            if index == 0 and len(rows) == 1 and len(line) < 30:  # a title or salutation: centred
                x = (pdfgen.PAGE_W - pdfgen.text_width(row, line_size)) / 2
            pages[-1].runs.append((x, y, line_size, row))
            y -= line_size * 1.6
        y -= size * 0.4  # paragraph spacing
    for number, page in enumerate(pages, start=1):
        footer = f"- {number} -"
        page.runs.append(((pdfgen.PAGE_W - pdfgen.text_width(footer, 10)) / 2, 40.0, 10.0, footer))
    return pages


def write_pdf(text: str, path: Path, *, password: str | None = None) -> Path:
    """A text-layer PDF of the report (see layout), optionally with a user password."""
    path.write_bytes(pdfgen.build_pdf(layout(text), user_password=password))
    return path
