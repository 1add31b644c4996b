"""A report that lost its line breaks is broken again at its headings; a report laid out in lines is left alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.api import score_bytes, score_text
from scorer.model import Document, Line
from scorer.numerals import cn_number
from scorer.read import read_bytes
from scorer.read.reflow import reflow, split_sections, unglue
from scorer.rubric import Rubric
from tests.casekit import check
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


# ---------------------------------------------------------------- drafts whose line breaks were lost

BAISHUI = [
    "白水区人民政府关于2024年度法治政府建设情况的报告",
    "2024年,白水区人民政府在区委的坚强领导下,深入学习贯彻习近平法治思想,全面推进依法行政。现将有关情况报告如下:",
    "一、主要举措和成效",
    "(一)加强组织领导。区政府常务会议专题研究法治政府建设工作4次,制定年度法治政府建设工作要点,明确重点任务28项,"
    "逐项明确责任单位和完成时限,年底前全部完成。",
    "1.健全工作机制。建立法治政府建设联席会议制度,每季度召开一次联席会议,协调解决重点难点问题11个。",
    "2.强化督促检查。组织开展法治政府建设专项督察2轮,发现问题23个,已全部整改到位,督察结果纳入部门年度绩效考核。",
    "(二)推进严格规范公正文明执法。全年开展行政执法案卷评查3次,评查案卷412卷,执法人员持证上岗率达到100%,"
    "行政执法公示率达到100%,轻微违法行为不予处罚案件186件。",
    "(三)依法化解矛盾纠纷。办理行政复议案件97件,调解和解21件,行政应诉案件败诉率同比下降4.2个百分点,"
    "行政机关负责人出庭应诉率保持100%。",
    "二、区政府主要负责人履行推进法治建设第一责任人职责情况",
    "区长认真履行推进法治建设第一责任人职责,主持召开区政府常务会议专题听取法治政府建设情况汇报3次,带头讲授法治课1次,"
    "带头出庭应诉行政案件2件,对重大执法决定法制审核工作作出批示5次。",
    "三、存在的不足和原因",
    "一是重大行政决策公众参与不够广泛;二是部分执法人员执法理念和能力与新要求还有差距。"
    "究其原因,主要是对法治政府建设的统筹谋划还不够,培训的针对性不强。",
    "四、2025年工作安排",
    "2025年,区政府将重点做好以下工作:一是持续深化法治政府建设示范创建;二是全面推行行政执法“三项制度”;"
    "三是加强行政复议规范化建设,切实发挥行政复议化解行政争议主渠道作用。",
    "特此报告。",
    "白水区人民政府",
    "2025年1月15日",
]
BAISHUI_WANT = {"duty": "found", "measures": "found", "shortcomings": "found", "shortcomings.causes": "found",
                "plan": "found", "verdict": "pass"}
EDITOR = "【编者按】近日,白水区人民政府向社会公开2024年度法治政府建设情况报告,现予转载。"
ADOPTED = "（2025年1月10日白水区人民政府第15次常务会议审议通过）"


def _sections(lines: list[str]) -> list[str]:
    """One line per top-level section (the title and the opening on their own), each with its
    subsections and items run together; the close on lines of its own."""
    out: list[str] = lines[:2]
    for line in lines[2:-3]:
        if split_heading_line(line):
            out.append(line)
        else:
            out[-1] += line
    return out + lines[-3:]


def split_heading_line(line: str) -> bool:
    return line[:2] in ("一、", "二、", "三、", "四、")


LOST_BREAKS = {
    "one-line": "".join(BAISHUI),
    "one-line-full-width": "".join(BAISHUI).replace(",", "，").replace(":", "：").replace(";", "；")
                                            .replace("(", "（").replace(")", "）"),
    "one-line-spaces": " ".join(BAISHUI),
    "editor-note-first": EDITOR + "".join(BAISHUI),
    "editor-note-own-line": EDITOR + "\n" + "".join(BAISHUI),
    "title-own-line": BAISHUI[0] + "\n" + "".join(BAISHUI[1:]),
    "adopted-note-before-first-heading": BAISHUI[0] + ADOPTED + "".join(BAISHUI[2:]),
    "one-line-per-section": "\n".join(_sections(BAISHUI)),
}


def _shape(text: str) -> list[tuple[int, str | None, str]]:
    from scorer.normalize import normalize
    from scorer.outline import build_outline

    doc = normalize(read_bytes("report.txt", text.encode("utf-8")))
    return [(s.level, s.number, s.title) for s in build_outline(doc).sections[1:] if s.kind != "enum"]


@pytest.mark.parametrize("text", LOST_BREAKS.values(), ids=LOST_BREAKS.keys())
def test_a_draft_that_lost_its_line_breaks_gets_its_headings_back(text: str, rubric: Rubric) -> None:
    lined = "\n".join(BAISHUI)
    want = _shape(lined)
    assert [(lv, n) for lv, n, _ in want] == [(1, "一"), (2, "(一)"), (3, "1"), (3, "2"), (2, "(二)"), (2, "(三)"),
                                              (1, "二"), (1, "三"), (1, "四")]
    assert _shape(text) == want
    card = score_bytes("report.txt", text.encode("utf-8"), rubric)
    check(card, BAISHUI_WANT)
    assert card.meta.get("title") == BAISHUI[0]
    lined_card = score_bytes("report.txt", lined.encode("utf-8"), rubric)
    assert sorted(f.rule for f in card.findings) == sorted(f.rule for f in lined_card.findings)


def test_a_draft_broken_into_a_few_lines_anywhere_gets_its_top_headings_back(rubric: Rubric) -> None:
    """Lines that broke where a page ended: a line may open mid-subsection, or with 三、 itself."""
    flat = "".join(BAISHUI)
    second, third = flat.index("2.强化督促检查"), flat.index("三、存在的不足")
    text = "\n".join([flat[:second], flat[second:third], flat[third:]])
    top = [(n, t) for lv, n, t in _shape(text) if lv == 1]
    assert top == [(n, t) for lv, n, t in _shape("\n".join(BAISHUI)) if lv == 1]
    check(score_bytes("report.txt", text.encode("utf-8"), rubric), BAISHUI_WANT)


def test_a_heading_glued_to_its_body_without_a_stop_keeps_only_its_words() -> None:
    """一、主要举措和成效2024年,…… / ……职责情况区长认真…… / ……和原因一是……: the heading ends where the body begins."""
    from scorer.outline import split_heading

    assert split_heading("二、区政府主要负责人履行推进法治建设第一责任人职责情况区长认真履行推进法治建设第一责任人职责,主持召开"
                         "区政府常务会议3次。")[2] == "区政府主要负责人履行推进法治建设第一责任人职责情况"
    assert split_heading("三、存在的不足和原因一是重大行政决策公众参与不够广泛;二是部分执法人员能力不足。")[2] == "存在的不足和原因"
    assert split_heading("四、2025年工作安排2025年,区政府将重点做好以下工作:一是持续深化示范创建。")[2] == "2025年工作安排"
    assert split_heading("一、主要举措和成效2024年,我区全面推进依法行政,法治政府建设取得新成效。")[2] == "主要举措和成效"
    # a run-in heading that is a phrase keeps its words, whatever follows its stop
    assert split_heading("(一)深化改革坚持问题导向。县政府全年研究法治议题6次")[2] == "深化改革坚持问题导向"
    assert split_heading("(一)加强组织领导,县政府常务会议专题研究法治政府建设4次。")[2] == "加强组织领导,县政府常务会议专题研究法治政府建设4次"


def test_subheadings_and_a_close_inside_paragraphs_of_a_report_in_lines_stay() -> None:
    """(一)(二) inside a paragraph that is no section, and a short signature-and-date line, are left as they are."""
    para = ("全年重点抓好三项工作:(一)健全制度,出台规范性文件12件。(二)严格执法,办理案件300件。(三)强化监督,"
            "开展执法检查20次。") + FILL["M"]
    lines = (Line("一、主要举措和成效", 1), Line(para, 2), Line("二、存在的不足", 3), Line(FILL["S"], 4),
             Line("三、下一步工作安排", 5), Line(FILL["P"], 6), Line("白水区人民政府 2025年1月15日", 7))
    doc = Document("x.txt", "text", lines, "utf-8")
    assert split_sections(unglue(reflow(doc))) is doc


@pytest.mark.xfail(strict=True, reason="a subheading glued to its body with no stop between, where the body opens "
                                       "with an ordinary verb (开展, 全面落实), cannot be told from a longer heading: "
                                       "the title keeps the body's first clause")
def test_a_subheading_glued_to_a_body_that_opens_with_a_verb_keeps_only_its_words() -> None:
    text = "".join(BAISHUI).replace("(二)推进严格规范公正文明执法。全年开展", "(二)推进严格规范公正文明执法开展")
    assert ("(二)", "推进严格规范公正文明执法") in [(n, t) for _, n, t in _shape(text)]


@pytest.mark.xfail(strict=True, reason="a line that opens in the middle of a subsection series ((二) (三) after a "
                                       "page break) has no (一) to start the series: those subheadings stay in the text")
def test_a_draft_broken_mid_series_gets_its_subheadings_back() -> None:
    flat = "".join(BAISHUI)
    second = flat.index("2.强化督促检查")
    assert _shape(flat[:second] + "\n" + flat[second:]) == _shape("\n".join(BAISHUI))


_FRAGMENTS = ["一、", "二、", "三、", "四、", "(一)", "（二）", "(三)", "1.", "2、", "3.", "。", ",", ":", " ", "报告如下:",
              "主要举措和成效", "存在的不足", "2024年工作安排", "全年办理行政复议案件88件", "区长主持召开常务会议3次",
              "【编者按】", "（审议通过）", "关于2024年度法治政府建设情况的报告", "特此报告。", "白水区人民政府",
              "2025年1月15日", "一是", "12.5%", FILL["M"]]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=60), st.integers(1, 4))
def test_breaking_lines_loses_and_reorders_nothing(parts: list[str], lines: int) -> None:
    """Whatever the text, putting line breaks back keeps every character in its order, and each piece its page."""
    text = "".join(parts)
    step = max(1, len(text) // lines)
    doc = Document("x.txt", "text", tuple(Line(text[k:k + step], n + 1) for n, k in enumerate(range(0, len(text), step))))
    out = split_sections(unglue(reflow(doc)))
    assert "".join(line.text for line in out.lines).replace(" ", "").replace("\u3000", "") == \
        text.replace(" ", "").replace("\u3000", "")
    assert [line.source for line in out.lines] == sorted(line.source for line in out.lines)
