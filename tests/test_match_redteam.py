"""Red-team reports written the many ways officials write them (tests/cases/match/redteam.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from scorer.api import score_text
from scorer.rubric import Rubric
from tests.casekit import check, fill, listed

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "cases" / "match" / "redteam.yaml").read_text("utf-8"))
FILL = {
    "A": "严格落实重大行政决策程序,全年对23项重大行政决策事项开展合法性审查,审查规范性文件41件,"
         "提出修改意见96条,政府常年法律顾问参与决策咨询52次。编制公布年度重大行政决策事项目录,"
         "对涉及群众切身利益的决策事项全部公开征求意见,召开听证会3场,决策质量和效率明显提升,"
         "全年未发生因决策不当引发的行政诉讼败诉案件。",
    "B": "深化综合行政执法改革,全面推行行政执法公示、执法全过程记录和重大执法决定法制审核制度,"
         "组织执法案卷评查2轮,抽查案卷180卷,开展执法人员培训8期,培训900余人次。推行包容审慎监管,"
         "公布轻微违法行为不予处罚清单86项,对首次轻微违法的市场主体依法免罚312件,"
         "涉企行政检查次数同比下降27%,执法规范化水平持续提高。",
    "C": "办理行政复议案件134件,直接纠错17件,行政机关负责人出庭应诉率达到100%,"
         "各级调解组织化解矛盾纠纷2860件,调解成功率98.6%。健全行政复议与行政调解衔接机制,"
         "在各镇街设立行政复议受理点12个,引导群众依法表达诉求,信访总量同比下降15%,"
         "一批群众反映强烈的历史遗留问题得到依法解决。",
    "E": "落实谁执法谁普法普法责任制,开展宪法宣传周、民法典进社区等活动210场次,"
         "创建省级民主法治示范村4个,群众法治意识明显增强。培育农村学法用法示范户560户,"
         "建成法治文化广场和法治长廊18处,组织国家工作人员学法考试,参考率和合格率均达100%,"
         "全社会尊法学法守法用法氛围日益浓厚。",
    "D": "政府主要负责同志切实履行推进法治建设第一责任人职责,全年主持召开政府常务会议专题研究法治政府建设5次,"
         "对重大法治事项亲自部署、亲自过问,带头旁听庭审,并在年终述法。",
    "S": "对照上级要求,仍存在一些短板:一是部分单位重大行政决策程序执行不够严格,公众参与不够充分;"
         "二是基层执法人员数量不足,专业化水平不高;三是法治宣传形式较为单一,针对性不强。",
    "P": "一是持续深入学习宣传贯彻习近平法治思想,把法治政府建设纳入年度重点工作统筹推进;"
         "二是健全重大行政决策程序制度,扩大公众参与;三是加强执法队伍建设,完成执法人员全员轮训;"
         "四是深化八五普法,推动法治乡村建设提质增效。",
}


@pytest.mark.parametrize("case", listed(CASES))
def test_redteam(case: dict[str, Any], rubric: Rubric) -> None:
    check(score_text(fill(case["text"], FILL), rubric), case["expect"], case.get("wrong", ()))
