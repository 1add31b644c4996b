"""`scorer init`: the template scores as the skeleton it is, and passes once each part is filled in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scorer.api import load_rubric, score_bytes, score_file
from scorer.template import skeleton, to_markdown
from tests.test_cli import run

FILL = {
    "measures": "全年取消和下放行政许可事项12项,公布权责清单3200项,办理行政复议案件96件,纠错率百分之十二。"
                "完善重大行政决策程序,对8项重大决策开展合法性审查和风险评估。推行行政执法三项制度,"
                "制发执法文书范本20种,开展案卷评查两次,抽查案卷240卷,发现问题全部整改。" * 3,
    "shortcomings": "执法人员专业力量不足,部分执法人员依法行政意识不强,基层执法规范化水平不高,"
                    "行政复议案件办理质效有待提升。"
                    "存在原因:编制少、培训针对性不强,考核激励不够。",
    "duty": "主要负责同志认真履行推进法治建设第一责任人职责,主持召开常务会议专题研究法治政府建设4次,"
            "亲自部署、亲自督办重点任务,年终述法并接受评议。",
    "plan": "将健全执法人员培训制度,开展行政执法案卷评查全覆盖,推动行政复议规范化建设,完善合法性审查机制,"
            "加强基层司法所规范化建设。",
    "digital": "建成统一的行政执法信息平台,执法全过程网上留痕,办案平均时长缩短三成,政务数据共享接口新增45个。",
}


def _filled(md: str) -> str:
    """Replace each hint line with real text for the part above it, and the ×× slots with the office's own."""
    md = (md.replace("××(主送机关):", "县委、县人大常委会:").replace("×月×日", "2月20日")
          .replace("××", "青河县人民政府").replace("……(概述全年法治政府建设总体情况)", "我县扎实推进法治政府建设"))
    out, part = [], None
    for line in md.split("\n"):
        if line.startswith("# "):
            part = line
        if line.startswith("> ") and part is not None:
            key = next(k for k, v in _HEADS.items() if v == part)
            line = FILL[key]
        out.append(line)
    return "\n".join(out)


_HEADS: dict[str, str] = {}


@pytest.mark.parametrize("rid", ["national", "department", "joint", "township", "shenzhen-example"])
def test_skeleton_fails_with_every_part_present_then_passes_when_filled(rid: str) -> None:
    rubric = load_rubric(rid)
    sk = skeleton(rubric, 2024)
    _HEADS.clear()
    _HEADS.update({p.criterion: f"# {p.heading}" for p in sk.parts})
    assert {c.id for c in rubric.criteria if c.required} <= set(_HEADS)
    md = to_markdown(sk)
    assert "2024年" in md and "2025年" in md and "{" not in md
    empty = score_bytes("draft.md", md.encode("utf-8"), rubric)
    statuses = {c.id: c.status.value for c in empty.criteria}
    for cid in _HEADS:
        assert statuses[cid] == "weak", (cid, statuses)  # present as a heading, content missing
    assert empty.verdict.value == "fail"
    assert {f.rule for f in empty.findings} >= {"section-weak"}
    full = score_bytes("draft.md", _filled(md).encode("utf-8"), rubric)
    statuses = {c.id: c.status.value for c in full.criteria}
    for cid in _HEADS:
        assert statuses[cid] == "found", (cid, statuses)
    assert full.verdict.value == "pass" and full.score >= 90


def test_parts_follow_the_rule_order_with_hints() -> None:
    sk = skeleton(load_rubric("national"), 2023, issuer="青河县人民政府")
    assert [p.criterion for p in sk.parts] == ["measures", "shortcomings", "duty", "plan"]
    assert [p.heading[:2] for p in sk.parts] == ["一、", "二、", "三、", "四、"]
    assert sk.title == "青河县人民政府关于2023年度法治政府建设情况的报告"
    assert sk.parts[3].heading.startswith("四、2024年")
    assert all(p.hint for p in sk.parts)
    assert skeleton(load_rubric("national"), 2023, lang="en").hint_prefix == "Hint: "


def test_init_writes_docx_that_scores_as_a_skeleton(tmp_path: Path) -> None:
    out = tmp_path / "draft.docx"
    proc = run("init", str(out), "--rubric", "department", "--year", "2024")
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"PK")
    card = score_file(out, load_rubric("department"))
    assert card.verdict.value == "fail"
    assert {c.id: c.status.value for c in card.criteria}["duty"] == "weak"
    assert run("init", str(out)).returncode == 2  # exists: no overwrite without --force
    md = tmp_path / "draft.md"
    assert run("init", str(md), "--year", "2024").returncode == 0
    assert re.search(r"^# 一、2024年推进法治政府建设的主要举措和成效$", md.read_text("utf-8"), re.M)
    assert run("init", str(tmp_path / "x.md"), "--rubric", "nope").returncode == 2
