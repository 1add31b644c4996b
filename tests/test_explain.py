"""`scorer explain`: the outline with each node's best criterion, and why each criterion's winner won."""

from __future__ import annotations

import json
from pathlib import Path

from scorer.api import load_rubric, score_text
from scorer.explain import explain_document
from scorer.model import Document, Line
from tests.test_cli import run

TEXT = """青河县人民政府关于2024年度法治政府建设情况的报告
一、主要举措和成效
全年办理行政复议案件96件,审查规范性文件35件,开展执法检查16次。
二、存在的问题和2025年工作打算
执法人员专业力量不足,基层执法规范化水平不高,究其原因是编制少、培训少。2025年将健全执法人员培训制度,推行说理式执法。
"""


def _doc(text: str) -> Document:
    return Document("r.txt", "text", tuple(Line(t, i + 1) for i, t in enumerate(text.split("\n"))), "utf-8")


def test_tree_and_reasons_agree_with_the_scorecard() -> None:
    rubric = load_rubric("national")
    exp = explain_document(_doc(TEXT), rubric)
    assert [n.title for n in exp.nodes] == ["主要举措和成效", "存在的问题和2025年工作打算"]
    assert exp.nodes[0].claimed_by == ("measures",) and exp.nodes[0].best == "measures" and exp.nodes[0].line == 2
    assert set(exp.nodes[1].claimed_by) == {"shortcomings", "plan"}
    by_id = {c.id: c for c in exp.criteria}
    assert "少于300字" in by_id["measures"].why and by_id["measures"].status == "weak"
    assert "同时包含多个部分" in by_id["plan"].why
    assert by_id["duty"].status == "missing" and by_id["duty"].candidates == ()
    winners = [note for _, note in by_id["shortcomings"].candidates]
    assert "采用" in winners
    card = score_text(TEXT, rubric, path="r.txt")
    assert {c.id: c.status.value for c in card.criteria} == {c.id: c.status for c in exp.criteria}
    assert exp.card.score == card.score


def test_losing_candidate_names_the_criterion_that_took_the_heading() -> None:
    # 组织领导 over a leader's act could carry the duty, but the stronger 存在的问题 takes the heading
    text = "一、组织领导和存在的问题\n县长主持召开常务会议研究法治建设2次。" + "执法人员专业力量不足,基层执法规范化水平不高。" * 4
    exp = explain_document(_doc(text), load_rubric("national"))
    assert exp.nodes[0].claimed_by == ("shortcomings",)
    duty = next(c for c in exp.criteria if c.id == "duty")
    notes = [note for cand, note in duty.candidates if cand.kind == "heading"]
    assert notes == ["(该标题归于“shortcomings”)"]
    assert duty.status == "weak" and "提示语" in duty.why  # the leader's act, inside another part


def test_cli_text_json_and_english(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(TEXT, "utf-8")
    proc = run("explain", str(path))
    assert proc.returncode == 0, proc.stderr
    assert "标题中的“人民政府关于”" in proc.stdout and "L2" in proc.stdout and "measures" in proc.stdout
    en = run("explain", str(path), "--lang", "en", "--rubric", "national")
    assert "The outline the engine saw" in en.stdout and "heading “主要举措和成效” scored highest" in en.stdout
    doc = json.loads(run("explain", str(path), "--format", "json").stdout)
    assert doc["rubric"] == "national" and doc["outline"][0]["claimed_by"] == ["measures"]
    bad = run("explain", str(tmp_path / "none.txt"))
    assert bad.returncode == 2 and "找不到这个文件" in bad.stderr and "Traceback" not in bad.stderr
