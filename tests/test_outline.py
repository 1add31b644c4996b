"""Outline: Chinese numbering into a heading tree, run-in titles, inline enumerations."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.model import Document, Line
from scorer.normalize import normalize
from scorer.outline import build_outline, split_heading


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
