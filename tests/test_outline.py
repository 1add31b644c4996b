"""Outline: Chinese numbering into a heading tree, run-in titles, inline enumerations."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.api import score_text
from scorer.model import Document, Line
from scorer.normalize import normalize
from scorer.outline import build_outline, split_heading
from scorer.rubric import Rubric
from tests.casekit import check
from tests.test_match_layouts import FILL


def _outline(text: str):  # type: ignore[no-untyped-def]
    lines = tuple(Line(t, i + 1) for i, t in enumerate(text.split("\n")))
    return build_outline(normalize(Document("t.txt", "text", lines)))


def test_numbering_styles_nest_in_order_of_appearance() -> None:
    o = _outline("标题\n一、主要举措\n(一)依法履职\n1.取消审批\n(1)细项内容\n二、存在的不足\n正文")
    shape = [(s.level, s.kind, s.title) for s in o.sections[1:]]
    assert shape == [(1, "cn", "主要举措"), (2, "cnp", "依法履职"), (3, "ar", "取消审批"),
                     (4, "arp", "细项内容"), (1, "cn", "存在的不足")]
    assert [p.text for p in o.root.body] == ["标题"]


def test_paren_numbering_can_be_the_top_level() -> None:
    o = _outline("(一)第一项\n正文\n(二)第二项\n1.细项")
    assert [(s.level, s.title) for s in o.sections[1:]] == [(1, "第一项"), (1, "第二项"), (2, "细项")]


def test_part_and_chapter_numbering() -> None:
    o = _outline("第一部分 工作情况\n一、举措\n第二部分 下一步安排\n内容")
    assert [(s.level, s.kind) for s in o.sections[1:]] == [(1, "part"), (2, "cn"), (1, "part")]


def test_run_in_heading_splits_title_and_body() -> None:
    assert split_heading("(一)坚持高位推动。市政府高度重视法治建设") == (
        "cnp", "(一)", "坚持高位推动", "市政府高度重视法治建设")


def test_inline_enumeration_is_not_a_heading() -> None:
    long_enum = "一是始终坚持党对法治政府建设的领导,把党的领导贯彻落实到法治政府建设的全过程各方面,推动法治政府建设不断向纵深发展"
    assert split_heading(long_enum) is None
    assert split_heading("二是扛牢法治建设第一责任人职责。县长带头学法")[2] == "扛牢法治建设第一责任人职责"


def test_numbers_in_sentences_are_not_headings() -> None:
    assert split_heading("1.5亿元用于法治建设") is None
    assert split_heading("2022年,我县坚持……") is None


def test_short_unnumbered_line_after_numbered_headings_is_a_heading() -> None:
    o = _outline("一、主要举措\n正文内容正文内容\n加强党的领导\n" + "市委市政府坚持把学习宣传贯彻习近平法治思想作为重大政治任务。" * 2)
    assert [s.title for s in o.sections[1:]] == ["主要举措", "加强党的领导"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["一、举措", "(一)细项", "1.要点", "正文,内容。", "", "二是落实。", "第一部分 总结",
                                 "短行", "(1)小项目"]), max_size=30))
def test_outline_never_loses_a_line(lines: list[str]) -> None:
    o = _outline("\n".join(lines))
    seen = [p.line for s in o.sections for p in s.body] + [s.line for s in o.sections[1:]]
    nonblank = [i for i, t in enumerate(lines) if t.strip()]
    assert sorted(set(seen)) == nonblank


def test_unnumbered_headings_when_the_page_lost_all_numbering() -> None:
    body = "全年审查规范性文件18件,备案审查率100%,开展执法人员培训4期,培训612人次。"
    o = _outline(f"某县2023年法治政府建设情况报告\n主要举措和成效\n{body}\n存在的不足\n{body}\n2024年工作安排\n{body}")
    assert [s.title for s in o.sections[1:]] == ["主要举措和成效", "存在的不足", "2024年工作安排"]
    assert [p.text for p in o.root.body] == ["某县2023年法治政府建设情况报告"]


def test_a_top_heading_that_lost_its_number_stands_beside_the_next_ones() -> None:
    body = "全年审查规范性文件18件,办理行政复议案件126件,开展执法培训6期,培训执法人员620人次,执法规范化水平明显提升。" * 2
    out = _outline(f"{body}\n主要举措和成效\n(一)依法决策\n{body}\n二、存在的不足\n{body}\n三、下一步打算\n{body}\n")
    top = [(s.title, s.level) for s in out.sections[1:] if s.level == 1]
    assert top == [("主要举措和成效", 1), ("存在的不足", 1), ("下一步打算", 1)]
    # a new list that starts at 一 under an unnumbered heading is its subsections
    nested = _outline(f"{body}\n主要举措和成效\n一、依法决策\n{body}\n二、严格执法\n{body}\n")
    assert [(s.title, s.level) for s in nested.sections[1:]] == [("主要举措和成效", 1), ("依法决策", 2), ("严格执法", 2)]


def test_a_heading_broken_over_two_lines_is_one_heading() -> None:
    body = "县政府主要负责同志认真履行推进法治建设第一责任人职责,主持召开常务会议专题研究法治政府建设4次。" * 2
    out = _outline(f"一、主要举措和成效\n{body}\n二、2021年党政主要负责人履行推进法治\n建设第一责任人职责情况\n{body}\n"
                   f"三、存在\n的问题\n{body}\n")
    assert [s.title for s in out.sections[1:]] == [
        "主要举措和成效", "2021年党政主要负责人履行推进法治建设第一责任人职责情况", "存在的问题"]
    # a short subheading under a short heading stays a line of its own
    kept = _outline(f"一、主要举措\n深化改革\n{body}\n")
    assert kept.sections[1].title == "主要举措"


def test_an_advert_line_is_no_heading() -> None:
    body = "县政府主要负责同志认真履行推进法治建设第一责任人职责,主持召开常务会议专题研究法治政府建设4次。" * 2
    out = _outline(f"一、主要负责人履职情况\n六合彩开奖结果 香港马会资料大全 加微信:lhc8888\n{body}\n")
    assert [s.title for s in out.sections[1:]] == ["主要负责人履职情况"]


# Headings whose text opens with a numeral, as officials write them: each keeps its heading.
NUMERAL_HEADINGS = [
    "二、一年来的主要工作", "三、一季度以来法治政府建设情况", "一、二〇二三年工作情况", "四、十四五期间法治政府建设",
    "二、一把手履行推进法治建设第一责任人职责情况", "三、一些短板和不足", "一、两个确立引领法治建设", "三、四下基层化解矛盾",
    "二、三年行动计划实施情况", "一、二十大精神学习贯彻情况", "五、二〇二四年工作打算", "一、一以贯之抓学法",
    "六、百日攻坚行动", "二、零容忍整治执法乱象", "1、2023年重点工作", "二、一季度", "四、五年来法治政府建设回顾",
]
# The next number of a list after 一、: an inline enumeration, never a heading.
ENUMERATIONS = [
    "一、二、三等级", "一、二级医院全部完成公职律师配备", "一、二审案件同比下降12%", "一、二季度共办理复议案件46件",
    "一、二把手带头述法", "三、四季度开展专项执法检查", "一、二、三产业协调发展", "1、2月份完成清理", "一、二类疫苗",
    "十一、十二月集中开展执法检查", "一、二线城市", "一、二年级", "一、二号楼",
]


@pytest.mark.parametrize("text", NUMERAL_HEADINGS)
def test_a_heading_whose_text_opens_with_a_numeral_keeps_it(text: str) -> None:
    head = split_heading(text)
    assert head is not None and head[2] == text.split("、", 1)[1]


@pytest.mark.parametrize("text", ENUMERATIONS)
def test_an_enumeration_at_a_line_start_is_no_heading(text: str) -> None:
    assert split_heading(text) is None
    body = "全年审查规范性文件18件,办理行政复议案件126件,开展执法培训6期,执法规范化水平明显提升。" * 2
    out = _outline(f"一、主要举措和成效\n{body}\n{text}\n{body}\n")
    assert [s.title for s in out.sections[1:]] == ["主要举措和成效"]


def test_the_next_number_of_a_series_is_a_heading_even_when_it_reads_like_an_enumeration() -> None:
    body = "全年审查规范性文件18件,办理行政复议案件126件,开展执法培训6期,执法规范化水平明显提升。" * 2
    out = _outline(f"一、完善依法行政制度体系\n{body}\n二、三级联动机制建设\n{body}\n三、四级书记抓法治\n{body}\n")
    assert [(s.level, s.number, s.title) for s in out.sections[1:]] == [
        (1, "一", "完善依法行政制度体系"), (1, "二", "三级联动机制建设"), (1, "三", "四级书记抓法治")]
    # ... but not when it runs on as a sentence, nor when it is not the next number
    kept = _outline(f"一、主要举措和成效\n{body}\n二、三级医院门诊量增长12%,住院人次增长8%\n"
                    f"三、四季度集中开展专项执法检查\n{body}\n")
    assert [s.title for s in kept.sections[1:]] == ["主要举措和成效"]
    # ... nor when the series has its own 二、 already
    taken = _outline(f"一、主要举措和成效\n{body}\n二、三级医院全部设立公职律师\n{body}\n二、存在的不足\n{body}\n")
    assert [s.title for s in taken.sections[1:]] == ["主要举措和成效", "存在的不足"]


def test_headings_opening_with_numerals_keep_a_report_whole(rubric: Rubric) -> None:
    """A report whose every heading opens with a numeral: a careful reader finds each part."""
    body = FILL
    text = "\n".join([
        "青石县2023年度法治政府建设情况报告", "现将我县2023年度法治政府建设情况报告如下:",
        "一、一年来的主要举措和成效", body["M"], "二、一把手履行推进法治建设第一责任人职责情况", body["D"],
        "三、一些短板和不足", body["S"], "四、二〇二四年工作打算", body["P"]])
    check(score_text(text, rubric), {"duty": "found", "measures": "found", "shortcomings": "found",
                                     "shortcomings.causes": "found", "plan": "found", "verdict": "pass"})
    quarter = text.replace("一、一年来的主要举措和成效", "一、十四五开局之年法治政府建设主要举措").replace(
        "三、一些短板和不足", "三、一季度以来发现的问题和不足")
    check(score_text(quarter, rubric), {"measures": "found", "shortcomings": "found", "plan": "found",
                                        "verdict": "pass"})


def test_a_first_heading_that_reads_as_an_enumeration_is_one_when_the_series_needs_it() -> None:
    body = "全年审查规范性文件18件,办理行政复议案件126件,开展执法培训6期,执法规范化水平明显提升。" * 2
    out = _outline(f"一、二级以上公立医院依法执业情况\n{body}\n二、存在的不足\n{body}\n")
    assert [s.title for s in out.sections[1:]] == ["二级以上公立医院依法执业情况", "存在的不足"]


def test_a_tables_cells_before_a_numbered_heading_are_no_heading() -> None:
    # a Word table read cell by cell: its last cell (-50.0%) stands right before (三)
    text = ("一、主要举措和成效\n(一)坚持学法用法。全年组织集中学法12次。\n(二)规范执法。全年检测货车情况如下表。\n"
            "项目\n2024年\n2025年\n同比\n行政复议(件)\n6\n3\n-50.0%\n执法人员\t84\t96\n其他专业\t78\t92.9%\n"
            "(三)严格规范路面执法。全年查处超限超载车辆814辆次,同比下降15.4%,无一起执法过错。\n"
            "(四)优化政务服务。推行道路运输证照网上办理,办结率100%,平均办理时间压缩至1个工作日。\n")
    o = _outline(text)
    assert [(s.kind, s.title) for s in o.sections[1:]] == [
        ("cn", "主要举措和成效"), ("cnp", "坚持学法用法"), ("cnp", "规范执法"), ("cnp", "严格规范路面执法"),
        ("cnp", "优化政务服务")]
