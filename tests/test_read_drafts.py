"""Word drafts as clerks type them: typed numbering decides the outline, a heading style is only a hint.

A clerk pastes one heading from a template (styled 标题 1 / Heading 1) and types the rest in Normal,
or styles every heading, or styles a subheading under typed ones. Whatever the styles, the outline
of the .docx is the outline of the same text as .txt, and so are the statuses.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.api import score_bytes
from scorer.model import Document, Line
from scorer.normalize import normalize
from scorer.outline import build_outline
from scorer.read import read_bytes
from scorer.rubric import Rubric
from tests.test_read_variants import add_list, set_num

TITLE = "青石县人民政府关于2023年度法治政府建设情况的报告"
PREAMBLE = ("2023年,青石县人民政府坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想,"
            "扎实推进法治政府建设。现将有关情况报告如下:")
MEASURES = "一、主要举措和成效"
SUBS = [
    ("(一)深化“放管服”改革", "全年取消和下放行政许可事项14项,政务服务事项网上可办率达到98.6%,企业开办时间压缩至1个工作日。"
                       "清理涉企证明事项23项,推行告知承诺制事项61项,“一网通办”办件量同比增长37%。"),
    ("(二)严格规范公正文明执法", "全面落实行政执法三项制度,组织执法人员培训5期、培训430人次,评查行政执法案卷260卷,"
                         "纠正不规范案卷17卷。推进乡镇综合行政执法改革,12个乡镇全部组建综合行政执法队,"
                         "制定轻微违法行为免罚清单4张,全年免予处罚案件312件。"),
    ("(三)强化行政权力监督", "办理行政复议案件88件,纠错率11.4%;行政机关负责人出庭应诉率达到100%。"
                       "自觉接受人大法律监督和政协民主监督,办理人大代表建议126件、政协提案148件,办结率100%;"
                       "审查规范性文件31件,备案率、及时率、规范率均达到100%。"),
]
DUTY = ("二、党政主要负责人履行推进法治建设第一责任人职责情况",
        "县长认真履行推进法治建设第一责任人职责,全年主持召开县政府常务会议5次专题研究法治政府建设,"
        "听取行政执法监督工作汇报2次,带头讲法治课1次,对重大行政争议案件亲自批示督办。")
SHORT = ("三、存在的不足和原因",
         "一是部分乡镇依法行政意识不强,重大行政决策程序执行不够严格;二是基层执法队伍专业化水平不高,"
         "法制审核人员不足。究其原因,主要是学法培训不够系统,考核评价机制不够完善。")
PLAN = ("四、2024年工作安排",
        "2024年,我县将重点抓好以下工作:一是深入学习贯彻习近平法治思想,落实领导干部学法制度;"
        "二是推进严格规范公正文明执法,开展行政执法案卷评查;三是加强行政复议和应诉工作,提升行政复议公信力。")
CLOSING = ["特此报告。", "青石县人民政府", "2024年1月20日"]
# What a careful reader says of this report under the national rubric.
WANT = {"duty": "found", "measures": "found", "shortcomings": "found", "shortcomings.causes": "found",
        "plan": "found", "other": "missing"}


def paragraphs() -> list[str]:
    """The report, one paragraph a line, as a clerk types it."""
    return [TITLE, PREAMBLE, MEASURES, *(x for pair in SUBS for x in pair), *DUTY, *SHORT, *PLAN, *CLOSING]


Styled = list[tuple[str, str | None]]


def docx_bytes(styled: Styled, tmp_path: Path, numbered: dict[str, tuple[int, int]] | None = None) -> bytes:
    """A Word file of (paragraph, style) pairs; ``numbered`` gives paragraphs Word's own numbering
    (text -> (numId, ilvl)), its label taking the place of the typed one."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    d = docx.Document()
    for name in {s for _, s in styled if s and s.startswith("标题")}:
        d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if numbered:
        add_list(d, 90, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")])
    for text, style in styled:
        p = d.add_paragraph(text, style=style)
        if numbered and text in numbered:
            set_num(p, *numbered[text])
            p.text = text.split("、", 1)[-1].split(")", 1)[-1]
    path = tmp_path / "draft.docx"
    d.save(str(path))
    return path.read_bytes()


def shape(doc: Document) -> list[tuple[int, str | None, str]]:
    """(level, number, title) of each heading; the run-in 一是…… items inside paragraphs left out."""
    return [(s.level, s.number, s.title) for s in build_outline(normalize(doc)).sections[1:] if s.kind != "enum"]


def text_doc(lines: list[str]) -> Document:
    return read_bytes("draft.txt", "\n".join(lines).encode("utf-8"))


def statuses(name: str, data: bytes, rubric: Rubric) -> tuple[dict[str, str], str]:
    card = score_bytes(name, data, rubric)
    return {c.id: c.status.value for c in card.criteria}, card.verdict.value


def styled_as(styles: dict[str, str]) -> Styled:
    """Every paragraph of the report, those named in ``styles`` in that style, the rest in Normal."""
    return [(p, styles.get(p)) for p in paragraphs()]


H1, H2 = "Heading 1", "Heading 2"
LAYOUTS: dict[str, dict[str, str]] = {
    # one heading pasted from a template, the others typed: the most common draft there is
    "first-heading-styled": {MEASURES: H1},
    "first-heading-styled-wps-names": {MEASURES: "标题 1", SUBS[0][0]: "标题 2"},
    "every-heading-styled": {MEASURES: H1, DUTY[0]: H1, SHORT[0]: H1, PLAN[0]: H1,
                             **{h: H2 for h, _ in SUBS}},
    "subheadings-styled-under-typed-headings": {h: H2 for h, _ in SUBS},
    "last-heading-styled": {PLAN[0]: H1},
    # styles that disagree with the numbering: the text decides
    "styles-upside-down": {MEASURES: H2, SUBS[0][0]: H1, DUTY[0]: H2},
    "title-styled-first-heading-styled": {TITLE: H1, MEASURES: H2},
}


@pytest.mark.parametrize("styles", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_a_draft_has_the_outline_and_statuses_of_its_text(styles: dict[str, str], tmp_path: Path,
                                                         rubric: Rubric) -> None:
    data = docx_bytes(styled_as(styles), tmp_path)
    want_shape = shape(text_doc(paragraphs()))
    assert [(lv, n) for lv, n, _ in want_shape][:5] == [(1, "一"), (2, "(一)"), (2, "(二)"), (2, "(三)"), (1, "二")]
    assert shape(read_bytes("draft.docx", data)) == want_shape
    text_statuses = statuses("draft.txt", "\n".join(paragraphs()).encode("utf-8"), rubric)
    assert text_statuses == (WANT, "pass")
    assert statuses("draft.docx", data, rubric) == text_statuses


def test_word_numbering_on_the_first_heading_and_typed_numbers_after(tmp_path: Path, rubric: Rubric) -> None:
    """The first heading numbered by Word's list (its 一、 is no typed text), the others typed."""
    data = docx_bytes(styled_as({MEASURES: H1}), tmp_path, numbered={MEASURES: (90, 0), SUBS[0][0]: (90, 1)})
    doc = read_bytes("draft.docx", data)
    assert [line.text for line in doc.lines][2:4] == ["一、主要举措和成效", "（一）深化“放管服”改革"]
    assert shape(doc) == shape(text_doc(paragraphs()))
    assert statuses("draft.docx", data, rubric) == (WANT, "pass")


def test_an_unnumbered_styled_heading_stands_where_its_style_says(tmp_path: Path, rubric: Rubric) -> None:
    """A heading typed without a number, in a heading style, among typed numbered headings."""
    plain = ["2024年工作安排" if p == PLAN[0] else p for p in paragraphs()]
    data = docx_bytes([(p, H1 if p == "2024年工作安排" else None) for p in plain], tmp_path)
    got = shape(read_bytes("draft.docx", data))
    assert got[-1] == (1, None, "2024年工作安排")
    assert got == shape(text_doc(plain))  # the .txt takes the short line for a heading that lost its number
    assert statuses("draft.docx", data, rubric) == (WANT, "pass")


def test_an_unnumbered_styled_subheading_stands_beside_the_typed_ones(tmp_path: Path) -> None:
    """Heading 2 with no number among (一) (二): beside them, under 一、; the (二) after it beside it too.
    (Here the .docx knows more than the .txt, where the short line would be taken for a top heading.)"""
    extra = ("加强法治宣传教育", "落实“谁执法谁普法”普法责任制,开展“宪法进万家”等主题活动86场,受众3.2万人次。")
    lines = [TITLE, PREAMBLE, MEASURES, *SUBS[0], *extra, *SUBS[1], *DUTY]
    data = docx_bytes([(p, H2 if p == extra[0] else None) for p in lines], tmp_path)
    assert shape(read_bytes("draft.docx", data)) == [
        (1, "一", "主要举措和成效"), (2, "(一)", "深化“放管服”改革"), (2, None, "加强法治宣传教育"),
        (2, "(二)", "严格规范公正文明执法"), (1, "二", "党政主要负责人履行推进法治建设第一责任人职责情况")]


def test_styles_only_where_nothing_is_typed_still_make_the_outline(tmp_path: Path) -> None:
    """A draft whose headings carry no typed number at all: the styles are all there is."""
    lines = [("主要举措和成效", H1), ("依法决策", H2), (SUBS[0][1], None), ("严格执法", H2), (SUBS[1][1], None),
             ("存在的不足", H1), (SHORT[1], None)]
    assert shape(read_bytes("draft.docx", docx_bytes(lines, tmp_path))) == [
        (1, None, "主要举措和成效"), (2, None, "依法决策"), (2, None, "严格执法"), (1, None, "存在的不足")]


def test_a_styled_heading_that_lost_its_first_number_stands_beside_the_typed_series(tmp_path: Path) -> None:
    """标题 1 "主要举措和成效" with no 一、, then 二、 三、 typed: all three at the top."""
    lines = [(TITLE, None), (PREAMBLE, None), ("主要举措和成效", H1), (SUBS[0][1], None), (DUTY[0], None),
             (DUTY[1], None), (SHORT[0], None), (SHORT[1], None)]
    got = shape(read_bytes("draft.docx", docx_bytes(lines, tmp_path)))
    assert [(lv, n) for lv, n, _ in got] == [(1, None), (1, "二"), (1, "三")]


def test_a_heading_level_from_markdown_is_a_hint_too() -> None:
    doc = read_bytes("draft.md", "\n".join(["# 一、主要举措和成效", SUBS[0][1], "二、存在的不足", SHORT[1]]).encode())
    assert [(lv, n) for lv, n, _ in shape(doc)] == [(1, "一"), (1, "二")]
    assert shape(Document("x.txt", "text", (Line("一、主要举措和成效", 1, level=2), Line(SUBS[0][1], 2),
                                            Line("二、存在的不足", 3), Line(SHORT[1], 4)))) == shape(doc)


def test_a_paragraph_of_sentences_in_a_heading_style_is_body_text(tmp_path: Path) -> None:
    """Templates that give body paragraphs a heading style or an outline level: sentences stay body text."""
    lines = [(MEASURES, None), (SUBS[1][1], H2), (SHORT[0], None), (SHORT[1], H2)]
    doc = read_bytes("draft.docx", docx_bytes(lines, tmp_path))
    assert shape(doc) == [(1, "一", "主要举措和成效"), (1, "三", "存在的不足和原因")]
    assert [p.text for p in build_outline(normalize(doc)).sections[1].body] == [SUBS[1][1]]
