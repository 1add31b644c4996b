"""Normalization: script, pinyin, punctuation, widths and spaces, with the line map kept."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.model import Document, Line
from scorer.normalize import normalize, normalize_text


def _doc(*lines: str) -> Document:
    return Document("t.txt", "text", tuple(Line(t, i + 1) for i, t in enumerate(lines)))


def test_pinyin_annotations_are_removed_and_reported() -> None:
    doc = normalize(_doc("法治政府建設(shè)工作報(bào)告", "加強(qiáng)領(lǐng)導"))
    assert doc.lines[0].text == "法治政府建设工作报告"
    assert doc.lines[1].text == "加强领导"
    kinds = {n.kind: n for n in doc.noise}
    assert kinds["pinyin-annotation"].count == 4 and kinds["pinyin-annotation"].first_line == 1
    assert doc.script == "traditional"


def test_brackets_that_are_not_pinyin_stay() -> None:
    assert normalize_text("纲要(2021—2025年)和(a)项") == "纲要(2021—2025年)和(a)项"


def test_doubled_punctuation_collapses_to_the_stronger_mark() -> None:
    assert normalize_text("二,、存在的问题") == "二、存在的问题"
    assert normalize_text("2019年,,泸州市全面落实,。") == "2019年,泸州市全面落实。"


def test_widths_and_odd_spaces_fold() -> None:
    assert normalize_text("关于２０２２年度的 报\u2002\u00a0 告（一）：") == "关于2022年度的报告(一):"


def test_simplified_text_is_left_alone() -> None:
    doc = normalize(_doc("坚持以习近平法治思想为指导,著力推进依法行政。"))
    assert doc.script == "simplified" and not doc.noise
    assert doc.lines[0].text == "坚持以习近平法治思想为指导,著力推进依法行政。"


def test_line_map_is_kept() -> None:
    doc = normalize(_doc("一、主要举措", "", "  正文  "))
    assert [ln.source for ln in doc.lines] == [1, 2, 3]
    assert doc.lines[2].text == "正文"


def test_mojibake_is_reported() -> None:
    doc = normalize(_doc("法律進高?!被顒", "正常\ufffd\ufffd文字"))
    assert any(n.kind == "mojibake" and n.count == 2 for n in doc.noise)


def test_document_site_watermarks_leave_the_headings_they_split_and_are_reported() -> None:
    doc = normalize(_doc("一、2021年推进法治政府建设的主要原创力文档 max.book118.com 预览与源文档一致,下载高清无水印举措和成效",
                         "(二)全面履行第一责任文档来源为:从网络收集整理.word版本可编辑.欢迎下载支持.人职责",
                         "严格规范执法学习好资料 欢迎下载,全年办理案件312件。",
                         "本网站欢迎下载政府信息公开指南。"))
    assert [ln.text for ln in doc.lines] == ["一、2021年推进法治政府建设的主要举措和成效", "(二)全面履行第一责任人职责",
                                            "严格规范执法,全年办理案件312件。", "本网站欢迎下载政府信息公开指南。"]
    marks = next(n for n in doc.noise if n.kind == "watermark")
    assert (marks.count, marks.first_line) == (4, 1)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("法治政府建設设(shè)（）,，、。;：  \u00a0一二三１２abc報告\n")), max_size=80))
def test_normalize_is_idempotent_and_keeps_lines(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert once.count("\n") == text.count("\n")
