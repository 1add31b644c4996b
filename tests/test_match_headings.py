"""Data-driven: how officials word each part's heading, and thematic headings that name no part."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scorer.api import score_text
from scorer.rubric import Rubric

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "match" / "headings.yaml").read_text("utf-8"))
BODY = "全年审查规范性文件18件,提出修改意见46条,备案审查率100%,开展执法人员培训4期,培训612人次。" * 8
# The duty's real content is what the principal leaders themselves did (the rubric's evidence).
DUTY_BODY = "县长主持召开县政府常务会议4次专题研究法治政府建设,听取法治政府建设工作汇报2次,年底向县委述法。" * 2


@pytest.mark.parametrize("case", CASES, ids=[c["heading"] for c in CASES])
def test_heading_claims_its_part(case: dict[str, str], rubric: Rubric) -> None:
    card = score_text(f"{case['heading']}\n{DUTY_BODY if case['part'] == 'duty' else BODY}\n", rubric)
    claimed = sorted(c.id for c in card.criteria if c.heading is not None and c.heading in case["heading"]
                     and c.status.value == "found")
    want = [] if case["part"] == "none" else [case["part"]]
    assert claimed == want


def test_a_duty_subsection_is_the_duty_not_the_responsibility_heading_above_it(rubric: Rubric) -> None:
    text = ("某市人民政府关于2023年度法治政府建设情况的报告\n"
            "一、坚持党的领导,统筹推进法治政府建设\n"
            f"(一)深学笃行习近平法治思想。市政府常务会议会前学法12次。{BODY}\n"
            f"(二)党政主要负责人履职尽责。{DUTY_BODY}\n"
            f"二、依法全面履行政府职能\n{BODY}\n")
    card = score_text(text, rubric)
    duty = next(c for c in card.criteria if c.id == "duty")
    measures = next(c for c in card.criteria if c.id == "measures")
    assert (duty.status.value, duty.heading, duty.line) == ("found", "党政主要负责人履职尽责", 4)
    assert measures.heading == "坚持党的领导,统筹推进法治政府建设"  # the theme above it is the measures'
