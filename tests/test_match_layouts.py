"""Whole small reports laid out the ways officials write them (tests/cases/match/layouts.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from scorer.api import score_text
from scorer.rubric import Rubric
from tests.casekit import check, fill, listed

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "cases" / "match" / "layouts.yaml").read_text("utf-8"))
FILL = {
    "M": "全年审查规范性文件18件,办理行政复议案件126件,纠错率12.5%,开展执法培训6期,培训执法人员620人次,"
         "推动行政执法三项制度全面落实,执法规范化水平明显提升。" * 5,
    "D": "政府主要负责人认真履行推进法治建设第一责任人职责,主持召开常务会议4次专题研究法治政府建设,"
         "带头讲法治课,对法治建设重要工作亲自部署、重大问题亲自过问。",
    "S": "法治政府建设还存在一些不足:一是部分单位对法治政府建设重视不够;二是基层执法队伍专业化水平不高。"
         "究其原因,主要是学法培训不够系统,考核机制不够完善。",
    "N": "法治政府建设还存在一些不足:一是部分单位对法治政府建设重视不够;二是基层执法队伍专业化水平不高,"
         "执法人员不足,行政执法规范化仍有差距。",
    "P": "一是深入学习贯彻习近平法治思想;二是加强行政执法监督,完善执法协调监督工作体系;"
         "三是深化法治宣传教育,落实谁执法谁普法责任制;四是健全依法决策机制,推进法治政府建设再上新台阶。",
}


@pytest.mark.parametrize("case", listed(CASES))
def test_layout(case: dict[str, Any], rubric: Rubric) -> None:
    check(score_text(fill(case["text"], FILL), rubric), case["expect"], case.get("wrong", ()))
