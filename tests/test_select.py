"""Auto-selection: titles of each kind choose their rubric and say why; real openings agree with their level."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scorer.api import choose_rubric, score_text, selectable_rubrics
from scorer.model import Document, Line
from scorer.select import select, signature


def _doc(text: str) -> Document:
    return Document("<t>", "text", tuple(Line(t, i + 1) for i, t in enumerate(text.split("\n"))), "utf-8")


BODY = "\n2024年,我们坚持以习近平法治思想为指导,扎实推进法治政府建设。现将有关情况报告如下:\n一、主要举措和成效\n全年办理复议案件120件。"


@pytest.mark.parametrize(("title", "want"), [
    ("青河县人民政府关于2024年度法治政府建设情况的报告", "national"),
    ("青河县2024年法治政府建设年度报告", "national"),
    ("青河县司法局关于2024年度法治政府建设情况的报告", "department"),
    ("青河县市场监督管理局2024年度法治政府建设情况报告", "department"),
    ("青河省卫生健康委关于2024年度法治政府建设情况的报告", "department"),
    ("青河县人民政府办公室关于2024年度法治政府建设情况的报告", "department"),
    ("柳河镇人民政府关于2024年度法治政府建设情况的报告", "township"),
    ("柳河乡2024年度法治政府建设情况报告", "township"),
    ("青河区柳树街道办事处2024年法治政府建设年度报告", "township"),
    ("中共青河县委 青河县人民政府关于2024年法治政府建设情况的报告", "joint"),
    ("中共青河市委、青河市人民政府关于2024年法治政府建设情况的报告", "joint"),
])
def test_titles_of_each_kind(title: str, want: str) -> None:
    rubric, reason = choose_rubric(_doc(title + BODY))
    assert rubric.id == want, reason
    assert "标题" in reason["zh"]


def test_reason_names_the_words_and_is_in_english_with_lang_en() -> None:
    rubric, reasons = choose_rubric(_doc("青河县司法局关于2024年度法治政府建设情况的报告" + BODY))
    reason = reasons["en"]
    assert rubric.id == "department"
    assert "司法局关于" in reason and "title" in reason and "department" in reason


def test_no_title_falls_back_to_signature_then_default() -> None:
    signed = BODY + "\n特此报告。\n柳河镇人民政府\n2025年2月20日"
    rubric, reason = choose_rubric(_doc(signed))
    assert rubric.id == "township" and "署名" in reason["zh"]
    rubric, reason = choose_rubric(_doc(BODY))
    assert rubric.id == "national" and "默认" in reason["zh"]


def test_villages_and_rural_bureaus_are_not_townships() -> None:
    rubrics = selectable_rubrics()
    assert select("青河县乡村振兴局关于2024年度法治政府建设情况的报告", None, "", rubrics).rubric.id == "department"
    assert select("青河县城乡建设局2024年度法治政府建设情况报告", None, "", rubrics).rubric.id == "department"


def test_signature_is_the_line_above_the_closing_date() -> None:
    assert signature(["正文", "特此报告。", "青河县司法局", "2025年2月28日", ""]) == "青河县司法局"
    assert signature(["正文", "没有日期"]) is None


def test_selection_does_not_change_scoring_of_a_government_report() -> None:
    text = "青河县人民政府关于2024年度法治政府建设情况的报告" + BODY
    rubric, _ = choose_rubric(_doc(text))
    from scorer.api import load_rubric

    assert score_text(text, rubric).to_dict() == score_text(text, load_rubric("national")).to_dict()


def test_real_openings_choose_the_rubric_of_their_level(openings_dir: Path) -> None:
    """Every opening whose expectations name a department, township or joint issuer, and that has a
    title or an opening naming it, is scored with that rubric; government reports keep the national one."""
    from scorer.read import read_path

    exp = json.loads((openings_dir / "expectations.json").read_text("utf-8"))["reports"]
    want = {"department": "department", "township": "township", "party-and-government": "joint"}
    chosen = {name: choose_rubric(read_path(openings_dir / name))[0].id for name in exp}
    wrong_kind = [n for n, e in exp.items() if e["level"] not in want and chosen[n] != "national"]
    assert not wrong_kind, wrong_kind
    hits = [n for n, e in exp.items() if e["level"] in want and chosen[n] == want[e["level"]]]
    others = [n for n, e in exp.items() if e["level"] in want and chosen[n] not in (want[e["level"]], "national")]
    assert not others, others
    assert len(hits) >= 0.75 * sum(1 for e in exp.values() if e["level"] in want)
