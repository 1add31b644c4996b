"""A report that lost its line breaks is broken again at its headings; a report laid out in lines is left alone."""

from __future__ import annotations

from scorer.api import score_bytes, score_text
from scorer.model import Document, Line
from scorer.numerals import cn_number
from scorer.read.reflow import reflow, unglue
from scorer.rubric import Rubric
from tests.test_match_layouts import FILL

TITLE = "某县人民政府关于2023年度法治政府建设情况的报告"
PARTS = [
    ("一、主要举措和成效", FILL["M"]),
    ("二、主要负责人履行第一责任人职责情况", FILL["D"]),
    ("三、存在的不足和原因", FILL["S"]),
    ("四、下一年度工作安排", FILL["P"]),
]


def _lined() -> str:
    return "\n".join([TITLE, *(x for pair in PARTS for x in pair)]) + "\n"


def _statuses(text: str, rubric: Rubric) -> dict[str, str]:
    card = score_bytes("report.txt", text.encode("utf-8"), rubric)
    return {c.id: c.status.value for c in card.criteria}


def test_a_report_on_one_line_scores_as_the_same_report_in_lines(rubric: Rubric) -> None:
    flat = " ".join([TITLE, *(x for pair in PARTS for x in pair)])
    assert "\n" not in flat
    assert _statuses(flat, rubric) == _statuses(_lined(), rubric)
    assert _statuses(_lined(), rubric)["duty"] == "found"


def test_pieces_keep_the_source_line_and_subsections_are_split_too() -> None:
    flat = (TITLE + " 一、主要举措和成效 (一)深化改革 " + FILL["M"] + " (二)规范执法 " + FILL["M"]
            + " 二、存在的不足 " + FILL["S"] + " 三、下一步工作打算 " + FILL["P"])
    doc = reflow(Document("x.txt", "text", (Line("网页导航", 1), Line(flat, 2)), "utf-8"))
    texts = [line.text for line in doc.lines]
    assert texts[:5] == ["网页导航", TITLE, "一、主要举措和成效", "(一)深化改革", FILL["M"].strip()]
    assert "三、下一步工作打算" in texts and "(二)规范执法" in texts
    assert {line.source for line in doc.lines[1:]} == {2}


def test_a_report_in_lines_with_an_inline_enumeration_is_untouched(rubric: Rubric) -> None:
    long_para = ("全年重点抓了三件事。一、健全制度,出台规范性文件12件。二、严格执法,办理案件300件。三、强化监督,"
                 "开展执法检查20次。" + FILL["M"] * 2)
    assert len(long_para) >= 600
    doc = Document("x.txt", "text", (Line("一、主要举措和成效", 1), Line(long_para, 2)), "utf-8")
    assert reflow(doc) is doc
    card = score_text("一、主要举措和成效\n" + long_para + "\n", rubric)
    assert [c.status.value for c in card.criteria if c.id == "measures"] == ["found"]


def test_an_enumeration_out_of_order_or_too_short_is_no_series() -> None:
    text = "。".join(["总体情况", "二、甲", "一、乙", "三、丙"]) + FILL["M"] * 2
    doc = Document("x.txt", "text", (Line(text, 1),), "utf-8")
    assert [line.text for line in reflow(doc).lines] == [text]  # 一 二 … never completes to three in order
    short = Document("x.txt", "text", (Line("一、甲。二、乙。三、丙。", 1),), "utf-8")
    assert reflow(short) is short


def test_chinese_numbers() -> None:
    assert [cn_number(t) for t in ("一", "九", "十", "十二", "二十", "二十三", "百", "")] == [
        1, 9, 10, 12, 20, 23, None, None]


def _glue(text: str, numbers: str) -> str:
    """Each top-level heading numbered in ``numbers`` glued to the end of the line before it."""
    for n in numbers:
        text = text.replace(f"\n{n}、", f"{n}、")
    return text


def test_headings_glued_to_the_paragraph_before_are_put_back(rubric: Rubric) -> None:
    lined = _lined().replace(TITLE + "\n", TITLE + "\n现将有关情况报告如下:\n")
    want = _statuses(lined, rubric)
    assert _statuses(_glue(lined, "一二三四"), rubric) == want  # every heading glued
    assert _statuses(_glue(lined, "二"), rubric) == want  # one glued, between 一、 and 三、 at line starts


def test_an_enumeration_inside_a_paragraph_is_not_a_glued_heading() -> None:
    lines = (Line("一、主要举措和成效", 1), Line("全年重点抓了三件事:一、健全制度。二、严格执法。三、强化监督。", 2),
             Line("二、存在的不足", 3), Line("执法力量不足。", 4))
    doc = Document("x.txt", "text", lines, "utf-8")
    assert unglue(doc) is doc
