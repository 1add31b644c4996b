"""Sample drafts written for the annotate tests (made up here, nothing from the corpus): one report with known
faults, as a Word file (heading styles, automatic numbering, a table, an image, a header and footer), as text
and as PDF."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from tests.formats import make

TITLE = "青松县人民政府关于2023年度法治政府建设情况的报告"
ADDRESSEE = "市人民政府:"
OPENING = "2022年,青松县坚持以习近平法治思想为指导,全面推进依法行政,法治政府建设取得新的进展。现将有关情况报告如下:"
MEASURES = "2023年推进法治政府建设的主要举措和成效"
REFORM = "深化放管服改革"
REFORM_TEXT = ("全年取消和下放行政许可事项12项,公布权责清单3200项,政务服务事项网上可办率达到98.6%,"
               "办理行政复议案件96件,行政诉讼应诉35件,行政机关负责人出庭应诉率100%。")
ENFORCE = "规范行政执法"
PLACEHOLDER = "××"
ENFORCE_TEXT = (f"全面落实行政执法三项制度,全年审查规范性文件{PLACEHOLDER}件,开展执法培训18期,评查执法案卷420卷,"
                "培训执法人员1260人次,执法案卷合格率达到97.5%,群众满意度达到98.6%。")
SPAM = "申博体育在线"
SPAM_TEXT = f"为严格贯彻落实上级{SPAM}扎实稳定经济运行的一揽子措施,县政府出台优化营商环境措施28条,办理涉企案件46件。"
TABLE = (("指标", "数值"), ("行政复议案件", "96件"), ("行政诉讼应诉", "35件"))
SHORTCOMINGS = "2023年推进法治政府建设存在的不足"
SHORTCOMINGS_TEXT = ("一是执法队伍专业化程度不高,部分执法人员法律素养有待提升;二是基层法治力量薄弱,乡镇司法所人员不足;"
                     "三是法治宣传形式较为单一,针对性不强。")
PLAN = "2024年推进法治政府建设的主要安排"
PLAN_TEXT = ("2024年,青松县将深化行政执法体制改革,健全行政复议案件审理机制,加强执法人员培训,"
             "完善规范性文件备案审查制度,推进政务服务事项全程网办。")
CLOSING = ("特此报告。", "青松县人民政府", "2024年2月26日")


def text_lines() -> list[str]:
    """The draft as lines of text, headings numbered as typed (the Word file numbers them automatically)."""
    cells = [f"{a} {b}" for a, b in TABLE]
    return [TITLE, ADDRESSEE, OPENING, f"一、{MEASURES}", f"(一){REFORM}", REFORM_TEXT, f"(二){ENFORCE}",
            ENFORCE_TEXT, *cells, SPAM_TEXT, f"二、{SHORTCOMINGS}", SHORTCOMINGS_TEXT, f"三、{PLAN}", PLAN_TEXT,
            *CLOSING]


def write_text(path: Path) -> Path:
    path.write_text("\n".join(text_lines()) + "\n", "utf-8")
    return path


def write_pdf(path: Path) -> Path:
    return make.write_pdf("\n".join(text_lines()), path)


def png() -> bytes:
    """A 2×2 red PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def write_docx(path: Path) -> Path:
    """The draft as a clerk types it in Word: Heading 1/2 with Word's own 一、/（一） numbering, a table, an image,
    a header and a footer, the placeholder and the spam inside runs of their own formatting."""
    import io

    import docx
    from docx.shared import Pt

    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "青松县人民政府文件"
    doc.sections[0].footer.paragraphs[0].text = "第 1 页"
    make._add_numbering(doc)
    doc.add_paragraph(TITLE).runs[0].bold = True
    for text in (ADDRESSEE, OPENING):
        doc.add_paragraph(text)
    _heading(doc, MEASURES, 0)
    _heading(doc, REFORM, 1)
    doc.add_paragraph(REFORM_TEXT)
    _heading(doc, ENFORCE, 1)
    before, after = ENFORCE_TEXT.split(PLACEHOLDER)
    p = doc.add_paragraph(before)
    p.add_run(PLACEHOLDER).font.size = Pt(14)  # a run of its own: the comment must cover it, not its neighbours
    p.add_run(after)
    table = doc.add_table(rows=len(TABLE), cols=2)
    for row, values in zip(table.rows, TABLE, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    doc.add_paragraph().add_run().add_picture(io.BytesIO(png()))
    doc.add_paragraph(SPAM_TEXT)  # one run: the comment must split it at the spam's ends
    _heading(doc, SHORTCOMINGS, 0)
    doc.add_paragraph(SHORTCOMINGS_TEXT)
    _heading(doc, PLAN, 0)
    doc.add_paragraph(PLAN_TEXT)
    for text in CLOSING:
        doc.add_paragraph(text)
    doc.save(str(path))
    return path


def _heading(doc: object, text: str, level: int) -> None:
    p = doc.add_paragraph(text, style=f"Heading {level + 1}")  # type: ignore[attr-defined]
    make._set_num(p, level)
