"""False-positive probes: measures wording, page chrome and cut-off openings that name no part
they do not have (tests/cases/match/falsepos.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from scorer.api import score_text
from scorer.rubric import Rubric

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "cases" / "match" / "falsepos.yaml").read_text("utf-8"))
FILL = {
    "M1": "坚持问题导向,着力解决群众反映强烈的突出问题,全年受理政务服务热线诉求4300件,按时办结率99"
          ".2%。针对执法检查中发现的问题开展专项整治,纠正不规范执法行为58起,约谈相关单位负责人6人次"
          ",推动一批长期困扰群众的难题得到依法解决,群众满意度较上年提高3.1个百分点。全面推行信访事项依"
          "法分类处理,健全领导干部接访下访制度,县级领导接访群众310批次,化解信访积案26件,信访总量同"
          "比下降12%。",
    "M2": "制定年度立法工作计划和规范性文件制定计划,全年审查规范性文件37件,提出修改意见88条,备案审查"
          "纠错3件。印发年度法治政府建设工作要点,将42项重点任务逐项分解到责任单位,实行清单化管理、项目"
          "化推进,按季度调度通报进展,年底逐项对账销号,任务完成率100%。建立规范性文件合法性审核台账,"
          "对涉及市场主体权益的文件全部开展公平竞争审查,清理与上位法不一致的文件15件,废止8件、修改7件"
          "。",
    "M3": "聚焦公共法律服务短板,新建村(社区)公共法律服务工作室126个,实现村居法律顾问全覆盖。为困难群"
          "众开辟法律援助绿色通道,办理法律援助案件1260件,为农民工讨薪2300余万元,帮助企业解决融资"
          "困难等问题45个,对标先进地区查找差距,优化政务服务流程28项。整合律师、公证、调解等法律服务资"
          "源,建成县乡村三级公共法律服务平台,全年提供法律咨询1.8万人次,人民调解组织化解矛盾纠纷286"
          "0件。",
    "M4": "因疫情原因,部分线下普法活动改为线上开展,全年举办网络直播讲座36场,观看12万人次。对行政诉讼"
          "败诉案件逐案分析原因,向相关单位发送行政执法监督建议书9份,全年行政诉讼案件同比下降18%,行政"
          "机关主要负责人出庭应诉11次,出庭应诉率100%。依托融媒体中心开设法治专栏,制作普法短视频48"
          "部,点击量突破300万次,培育农村学法用法示范户560户,全社会尊法学法守法用法氛围日益浓厚。",
    "M5": "全年办理行政复议案件210件,直接纠错23件,纠错率11%。全面推行行政执法公示、执法全过程记录"
          "、重大执法决定法制审核三项制度,开展执法案卷评查2次,评查案卷260卷,组织执法人员培训6期,培"
          "训1100人次,执法规范化水平稳步提高,涉企行政检查次数同比下降21%。公布轻微违法行为不予处罚"
          "清单86项,对首次轻微违法的市场主体依法免罚312件,推行说理式执法和柔性执法,法治化营商环境持"
          "续优化。",
    "D": "政府主要负责同志认真履行推进法治建设第一责任人职责,全年主持召开常务会议专题研究法治政府建设4次"
          ",亲自部署重要工作、亲自过问重大问题,年底向党委述法并接受评议。",
    "S": "一是部分单位依法行政意识有待增强,重大行政决策公众参与不够充分;二是基层执法人员数量偏少、专业化"
          "水平不高;三是普法宣传形式较为单一,针对性和实效性不强。",
    "P": "一是深入学习贯彻习近平法治思想,推动法治政府建设各项任务落实落地;二是严格落实重大行政决策程序,"
          "扩大公众参与;三是加强行政执法队伍建设,组织执法人员全员轮训;四是深化八五普法,提升全民法治素养"
          "。",
}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_falsepos(case: dict[str, Any], rubric: Rubric) -> None:
    text = case["text"]
    for key, value in FILL.items():
        text = text.replace("{" + key + "}", value)
    card = score_text(text, rubric)
    got = {c.id: c.status.value for c in card.criteria}
    for criterion, want in case["expect"].items():
        allowed = want if isinstance(want, list) else [want]
        assert got[criterion] in allowed, f"{criterion}: got {got[criterion]}, expected one of {allowed}"
