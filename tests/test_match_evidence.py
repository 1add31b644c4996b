"""The duty part judged by what the text reports, and mentions that are not a part (tests/cases/match/evidence.yaml).

A section or run-in item on the duty (or on the party's and government's responsibility) that reports
what the principal leaders themselves did is the duty part; the same acts told only inside other parts
make it weak; a clause about 压实 the duty, a leading group, a work plan or an assessment is no duty at
all. Likewise 但也存在一些不足 with nothing listed is no shortcomings, and 下一步将继续努力 alone no plan.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from scorer.api import score_text
from scorer.rubric import Rubric
from tests.casekit import check, fill, listed
from tests.test_match_layouts import FILL

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "cases" / "match" / "evidence.yaml").read_text("utf-8"))


@pytest.mark.parametrize("case", listed(CASES))
def test_evidence(case: dict[str, Any], rubric: Rubric) -> None:
    check(score_text(fill(case["text"], FILL), rubric), case["expect"], case.get("wrong", ()))


def test_a_missing_duty_quotes_the_mention_that_is_not_the_part(rubric: Rubric) -> None:
    text = fill("某区人民政府关于2022年度法治政府建设情况的报告\n2022年,我区全面压实第一责任人职责,扎实推进法治政府建设。\n"
                "一、主要举措和成效\n{M}\n二、存在的不足和原因\n{S}\n三、2023年工作安排\n{P}\n", FILL)
    card = score_text(text, rubric)
    (missing,) = [f for f in card.findings if f.rule == "section-missing"]
    assert "只提到“我区全面压实第一责任人职责”,没有写明党政主要负责人本人如何履职" in missing.message
    assert card.reasons[0].message == "缺少“第一责任人职责情况”"


def test_a_duty_heading_over_no_act_says_what_is_lacking(rubric: Rubric) -> None:
    text = fill("某县人民政府关于2022年度法治政府建设情况的报告\n一、主要举措和成效\n{M}\n"
                "二、党政主要负责人履行推进法治建设第一责任人职责情况\n"
                "县政府高度重视法治政府建设,把法治政府建设摆在全局工作的突出位置,统筹谋划、整体推进,各项工作取得明显成效。\n"
                "三、存在的不足和原因\n{S}\n四、2023年工作安排\n{P}\n", FILL)
    card = score_text(text, rubric)
    assert {c.id: c.status.value for c in card.criteria}["duty"] == "weak"
    (weak,) = [f for f in card.findings if f.rule == "section-weak" and f.criterion == "duty"]
    assert "没有写明党政主要负责人本人的履职行动" in weak.message
