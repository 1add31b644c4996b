"""Headings to add (scorer.placement) and what a clerk reads of them and of places (scorer.wording)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scorer.api import load_rubric, score_bytes, score_text
from scorer.model import Scorecard
from scorer.render.html_format import card_html
from scorer.wording import copy_block, finding_text, fix_text, place
from tests import drafts

BODY = ("全年取消和下放行政许可事项12项,公布权责清单3200项,政务服务事项网上可办率达到98.6%,办理行政复议案件96件,"
        "行政诉讼应诉35件,开展执法培训18期,评查执法案卷420卷,培训执法人员1260人次。") * 3
SHORT = "一是执法队伍专业化程度不高;二是基层法治力量薄弱,乡镇司法所人员不足,存在原因是编制少、培训投入不足。"
DUTY = "县长主持召开县政府常务会议专题研究法治政府建设4次,带头述法,亲自部署督办重点任务,组织政府常务会议会前学法12次。"


def card(text: str) -> Scorecard:
    return score_text(text, load_rubric("national"), detail=True)


def heading(c: Scorecard, cid: str) -> tuple[str, str, str | None, str]:
    h = next(h for h in c.template if h.criterion == cid)
    return h.number, h.heading["zh"], h.anchor, h.where


def test_a_missing_part_after_the_part_before_it_with_its_number_and_year() -> None:
    c = card("\n".join(["某县人民政府关于2023年度法治政府建设情况的报告", "一、2023年主要举措和成效", BODY,
                        "二、存在的不足和原因", SHORT, "三、2024年工作安排", "2024年,我县将深化行政执法体制改革,健全复议机制。"]))
    assert heading(c, "duty") == ("三、", "2023年党政主要负责人履行推进法治建设第一责任人职责情况", "二、存在的不足和原因",
                                  "after")
    assert [h.criterion for h in c.template] == ["duty"]
    block = copy_block(c, "zh").splitlines()
    assert block[0] == "三、2023年党政主要负责人履行推进法治建设第一责任人职责情况"
    assert block[2] == "  (插在“二、存在的不足和原因”之后)"
    assert copy_block(c, "en").splitlines()[2] == "  (after “二、存在的不足和原因”)"


def test_a_plan_told_only_in_a_paragraph_closing_the_shortcomings_goes_right_above_it() -> None:
    c = card("\n".join(["某县人民政府关于2023年度法治政府建设情况的报告", "一、2023年主要举措和成效", BODY,
                        "二、党政主要负责人履行推进法治建设第一责任人职责情况", DUTY, "三、存在的不足和原因", SHORT,
                        "下一步,我们将深化行政执法体制改革,健全行政复议案件审理机制,加强执法人员培训。"]))
    number, text, anchor, where = heading(c, "plan")
    assert (number, text, where) == ("四、", "2024年推进法治政府建设的主要安排", "before")
    assert anchor == "下一步,我们将深化行政执法体制改……"
    assert "插在第8行“下一步,我们将深化行政执法体制改……”之前" in copy_block(c, "zh")


def test_a_heading_carrying_two_parts_is_split() -> None:
    c = card("\n".join(["某县人民政府关于2023年度法治政府建设情况的报告", "一、2023年主要举措和成效", BODY,
                        "二、党政主要负责人履行推进法治建设第一责任人职责情况", DUTY,
                        "三、存在的问题和2024年工作打算", SHORT + "2024年,我县将深化行政执法体制改革,健全复议机制。"]))
    assert heading(c, "plan") == ("四、", "2024年推进法治政府建设的主要安排", "三、存在的问题和2024年工作打算", "split")
    assert "shortcomings" not in {h.criterion for h in c.template}


def test_measures_inferred_from_sections_get_a_heading_above_them() -> None:
    c = card("\n".join(["某县人民政府关于2023年度法治政府建设情况的报告", "一、坚持依法全面履行政府职能", BODY,
                        "二、坚持严格规范公正文明执法", BODY, "三、存在的不足和原因", SHORT]))
    number, text, anchor, where = heading(c, "measures")
    assert (number, text, anchor, where) == ("一、", "2023年推进法治政府建设的主要举措和成效", "一、坚持依法全面履行政府职能",
                                             "above")


def test_a_report_without_a_year_leaves_the_year_to_fill_in() -> None:
    c = card("\n".join(["法治政府建设情况报告", "一、主要举措和成效", BODY, "二、存在的不足和原因", SHORT]))
    assert [h.heading["zh"] for h in c.template] == ["20××年党政主要负责人履行推进法治建设第一责任人职责情况",
                                               "20××年推进法治政府建设的主要安排"]
    assert [h.number for h in c.template] == ["三、", "四、"]


def test_the_fix_texts_have_the_year() -> None:
    c = card("\n".join(["某县人民政府关于2023年度法治政府建设情况的报告", "一、2023年主要举措和成效", BODY,
                        "二、存在的不足和原因", SHORT]))
    plan = next(f for f in c.findings if f.rule == "section-missing" and f.criterion == "plan")
    assert "20XX" in plan.message and "“2024年推进法治政府建设的主要安排”" in finding_text(c, plan, "zh")
    title = next(f for f in c.findings if f.rule == "addressee-missing")
    assert "20XX" not in fix_text(c, title, "zh")
    assert "2023年度" in fix_text(c, plan.__class__("title-format", title.severity, ""), "zh")


def test_places_a_clerk_can_find(tmp_path: Path) -> None:
    path = drafts.write_docx(tmp_path / "d.docx")
    word = score_bytes(path.name, path.read_bytes(), load_rubric("national"), detail=True)
    assert word.unit == "paragraph" and json.loads(json.dumps(word.to_dict()))["unit"] == "paragraph"
    spam = next(f for f in word.findings if f.rule == "spam-content")
    assert place(word, spam.line, "zh") == f"第{spam.line}段(“(二)规范行政执法”下)"
    assert place(word, spam.line, "en") == f"paragraph {spam.line} (under “(二)规范行政执法”)"
    assert place(word, 4, "zh") == "第4段"  # a heading is its own place
    html = card_html(word, "zh")
    assert f"第{spam.line}段(“(二)规范行政执法”下)" in html
    text = card("一、主要举措和成效\n" + BODY)
    assert text.unit == "line" and place(text, 2, "zh") == "第2行"
    pdf = score_bytes("d.pdf", drafts.write_pdf(tmp_path / "d.pdf").read_bytes(), load_rubric("national"))
    found = next(f for f in pdf.findings if f.rule == "placeholder")
    assert pdf.unit == "page" and place(pdf, found.line, "zh", found.page) == f"第{found.page}页第{found.line}行"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_shows_the_copy_block_with_where_each_heading_goes(lang: str) -> None:
    c = card("\n".join(["某县人民政府关于2023年度法治政府建设情况的报告", "一、2023年主要举措和成效", BODY,
                        "二、存在的不足和原因", SHORT]))
    html = card_html(c, lang)
    assert ("三、2023年党政主要负责人" in html) and ("插在“二、存在的不足和原因”之后" if lang == "zh" else
                                                    "after “二、存在的不足和原因”") in html
    assert "法治政府建设年度报告(国家规定五项内容)" in html if lang == "zh" else "Annual rule-of-law" in html
