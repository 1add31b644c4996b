"""The facts stage: one set of facts (title, issuer, year, date…) shared by match, the checks and the card."""

from __future__ import annotations

from scorer.api import load_rubric, score_text
from tests.test_match_layouts import FILL

# No year in a title or an opening: only the 成文日期 says which year the report is on.
DATED_ONLY = """县委、县人大常委会:
一、主要举措和成效
{M}
二、主要负责人履行第一责任人职责情况
{D}
三、存在的问题
{S}
四、2024年工作安排
{P}
青河县人民政府
2024年5月10日
""".format(**FILL)


def test_a_year_known_only_from_the_date_line_is_the_same_for_matching_and_the_checks() -> None:
    card = score_text(DATED_ONLY, load_rubric("national"))
    assert card.meta["report_year"] == 2023
    assert {c.id: c.status.value for c in card.criteria}["plan"] == "found"  # 2024年工作安排 is next year's
    late = [f for f in card.findings if f.rule == "late-report"]
    assert len(late) == 1 and "2024年5月10日" in late[0].message  # the deadline check knows the year too


def test_the_issuer_and_level_reach_the_card() -> None:
    card = score_text(DATED_ONLY, load_rubric("national"))
    assert card.meta["issuer"] == "青河县人民政府" and card.meta["level"] == "government"
    assert card.meta["date"] == "2024-05-10"
