"""Cases earlier sessions found wrong and kept out of the tests, back in (tests/cases/match/reported.yaml).

Each is a small made-up text with the status a careful reader gives; where the scorer still differs, the
case is a strict xfail naming the keys it gets wrong and why. A case is scored as a .txt file would be
(the real reader: line breaks put back, page furniture dropped); ``{R}`` stands for a complete report
that scores found on every part, ``edit`` changes it (each pair must apply once), ``wrap`` hard-wraps the
whole text every so many characters, as some scraped and PDF-extracted reports come.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from scorer.api import score_bytes
from scorer.rubric import Rubric
from tests.casekit import check, fill, listed

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "cases" / "match" / "reported.yaml").read_text("utf-8"))
FILL = {"R": (
    "桐溪县人民政府关于2023年度法治政府建设情况的报告\n"
    "市人民政府:\n"
    "2023年,桐溪县人民政府在县委的领导下,深入学习贯彻习近平法治思想,扎实推进依法行政。现将有关情况报告如下:\n"
    "一、2023年推进法治政府建设的主要举措和成效\n"
    "(一)深化“放管服”改革。全年取消和下放县级行政许可事项14项,推出“一件事一次办”主题服务36个,政务服务事项网上可办率达到97.5%,企业开办时间压缩至1个工作日。推行涉企行政检查“综合查一次”,涉企检查频次同比下降24%。\n"
    "(二)规范行政决策。县政府作出重大行政决策4项,全部履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序;审查县政府规范性文件11件,提出修改意见29条,备案审查乡镇和部门文件37件,纠正问题文件3件。\n"
    "(三)严格规范执法。组织行政执法案卷评查2次,评查案卷240卷,整改问题案卷18卷;开展执法人员培训5期,培训560人次,执法人员持证率100%。公布轻微违法行为不予处罚清单64项,对首次轻微违法的市场主体依法免罚215件。\n"
    "(四)化解矛盾纠纷。办理行政复议案件58件,纠错6件;人民调解组织调解纠纷1920件,调解成功率98.3%。在12个乡镇设立行政复议受理点,信访总量同比下降13%。\n"
    "二、党政主要负责人履行推进法治建设第一责任人职责情况\n"
    "县长主持召开县政府常务会议专题研究法治政府建设工作5次,听取行政复议和行政应诉工作汇报2次,对3件行政复议纠错案件批示督办整改;带头参加常务会议会前学法10次,年底在县委全面依法治县委员会会议上述法。\n"
    "三、存在的不足和原因\n"
    "一是基层执法人员数量不足,专业化水平不高;二是重大行政决策公众参与渠道较少,部分决策事项征求意见时间偏短;三是普法宣传形式单一,针对性不强。究其原因,主要是执法编制有限,培训机制不够健全。\n"
    "四、2024年推进法治政府建设的主要安排\n"
    "一是加强基层执法队伍建设,年内完成执法人员全员轮训;二是扩大重大行政决策公众参与,决策草案公开征求意见不少于30日;三是深化法治宣传教育,创建省级民主法治示范村2个。\n"
    "特此报告。\n"
    "桐溪县人民政府\n"
    "2024年2月20日\n"
)}


def text_of(case: dict[str, Any]) -> str:
    text = fill(case["text"], FILL)
    for old, new in case.get("edit", []):
        assert text.count(old) == 1, f"edit does not apply once: {old!r}"
        text = text.replace(old, new)
    if "wrap" in case:
        flat, width = text.replace("\n", ""), case["wrap"]
        text = "\n".join(flat[i:i + width] for i in range(0, len(flat), width)) + "\n"
    return text


@pytest.mark.parametrize("case", listed(CASES))
def test_reported(case: dict[str, Any], rubric: Rubric) -> None:
    check(score_bytes("report.txt", text_of(case).encode("utf-8"), rubric), case["expect"], case.get("wrong", ()))


def test_the_complete_report_scores_found_on_every_part(rubric: Rubric) -> None:
    card = score_bytes("report.txt", FILL["R"].encode("utf-8"), rubric)
    check(card, {"duty": "found", "measures": "found", "shortcomings": "found", "shortcomings.causes": "found",
                 "plan": "found", "verdict": "pass"})
    assert not card.findings
