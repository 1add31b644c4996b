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
