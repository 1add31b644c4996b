"""The verdict and its reasons: one rule everywhere (missing parts, failing findings, the pass mark)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scorer.api import load_rubric, score_text
from scorer.model import Policy, RunResult, Severity, Verdict
from scorer.render import RenderOptions, render
from scorer.rubric import Rubric
from tests.conftest import REPORTS
from tests.test_cli import run
from tests.test_match_layouts import FILL

FULL = """青河县人民政府关于2023年度法治政府建设情况的报告
县委、县人大常委会,市人民政府:
一、2023年推进法治政府建设的主要举措和成效
{M}
二、党政主要负责人履行推进法治建设第一责任人职责情况
{D}
三、存在的不足和原因
{S}
四、2024年工作安排
{P}
青河县人民政府
2024年2月20日
""".format(**FILL)


@pytest.fixture(scope="module")
def national() -> Rubric:
    return load_rubric("national")


def test_a_clean_report_passes_with_no_reasons(national: Rubric) -> None:
    card = score_text(FULL, national)
    assert card.verdict is Verdict.PASS and card.reasons == () and card.score == 100


def test_a_placeholder_fails_a_full_marks_report_and_says_why(national: Rubric) -> None:
    card = score_text(FULL.replace("培训执法人员620人次", "培训执法人员XX人次", 1), national)
    assert card.score == 100 and card.verdict is Verdict.FAIL
    assert [(r.kind, r.rule) for r in card.reasons] == [("finding", "placeholder")]
    assert card.reasons[0].message == "有1处错误(placeholder)"
    assert card.findings[0].rule == "placeholder"  # errors first, whatever their line


def test_spam_fails_and_off_lets_it_pass(national: Rubric) -> None:
    text = FULL.replace("纠错率12.5%,", "纠错率12.5%,申博体育在线,", 1)
    assert score_text(text, national).verdict is Verdict.FAIL
    card = score_text(text, national, policy=Policy(fail_on="off"))
    assert card.verdict is Verdict.PASS and "spam-content" in {f.rule for f in card.findings}


def test_fail_on_warning_fails_a_report_with_a_warning(national: Rubric) -> None:
    text = FULL.replace(FILL["S"], FILL["N"])  # no causes: a warning
    assert score_text(text, national).verdict is Verdict.PASS
    card = score_text(text, national, policy=Policy(fail_on="warning"))
    assert card.verdict is Verdict.FAIL
    assert [r.rule for r in card.reasons] == ["causes-missing"]
    assert card.reasons[0].message == "有1处警告(causes-missing)"


def test_a_missing_part_is_the_first_reason_and_not_repeated_as_a_finding(national: Rubric) -> None:
    text = FULL.replace("二、党政主要负责人履行推进法治建设第一责任人职责情况\n" + FILL["D"] + "\n", "")
    card = score_text(text, national)
    assert card.verdict is Verdict.FAIL
    assert [(r.kind, r.criterion) for r in card.reasons] == [("missing", "duty")]
    assert card.reasons[0].message == "缺少“第一责任人职责情况”"
    assert card.reasons[0].text["en"] == "missing: Leaders' first-responsibility duty"


def test_the_strictest_pass_mark_applies_and_the_card_shows_it(national: Rubric) -> None:
    text = FULL.replace(FILL["S"], FILL["N"])  # 90 points
    card = score_text(text, national, policy=Policy(threshold=95))
    assert card.score == 90 and card.pass_threshold == 95 and card.verdict is Verdict.FAIL
    assert [r.kind for r in card.reasons] == ["threshold"]
    assert card.reasons[0].message == "总分90低于及格线95"
    lower = score_text(text, national, policy=Policy(threshold=40))
    assert lower.pass_threshold == 60 and lower.verdict is Verdict.PASS  # the rubric's 60 is stricter


def test_the_rubric_decides_fail_on(national: Rubric, tmp_path: Path) -> None:
    from dataclasses import replace

    lenient = replace(national, fail_on=None)
    text = FULL.replace("培训执法人员620人次", "培训执法人员XX人次", 1)
    assert score_text(text, lenient).verdict is Verdict.PASS
    strict = replace(national, fail_on=Severity.WARNING)
    assert score_text(FULL.replace(FILL["S"], FILL["N"]), strict).verdict is Verdict.FAIL


def test_every_format_shows_the_reasons(national: Rubric) -> None:
    text = FULL.replace("二、党政主要负责人履行推进法治建设第一责任人职责情况\n" + FILL["D"] + "\n", "")
    text = text.replace("培训执法人员620人次", "培训执法人员XX人次", 1)
    result = RunResult((score_text(text, national, path="draft.txt"),), ())
    line = "不通过:缺少“第一责任人职责情况”;有1处错误(placeholder)"
    for fmt in ("rich", "markdown", "junit", "github"):
        out = render(result, fmt, RenderOptions(color=False, width=200))
        assert line in out.replace("&quot;", '"'), fmt
    page = render(result, "html", RenderOptions())
    badge = page.index('<span class="verdict fail">不通过</span>')
    assert badge < page.index("<li class=\"reason\" data-kind=\"missing\">缺少“第一责任人职责情况”</li>") < page.index(
        "<li class=\"reason\" data-kind=\"finding\">有1处错误(placeholder)</li>") < page.index("class=\"criteria\"")
    doc = json.loads(render(result, "json", RenderOptions()))
    assert [r["kind"] for r in doc["reports"][0]["reasons"]] == ["missing", "finding"]
    sarif = json.loads(render(result, "sarif", RenderOptions()))
    assert sarif["runs"][0]["properties"]["reports"][0]["reasons"][0]["criterion"] == "duty"


def test_the_terminal_card_shows_the_verdict_before_the_table(national: Rubric) -> None:
    text = FULL.replace(FILL["S"], FILL["N"])
    out = render(RunResult((score_text(text, national, policy=Policy(threshold=95)),), ()), "rich",
                 RenderOptions(color=False, width=160))
    assert out.index("不通过:总分90低于及格线95") < out.index("评分项") < out.index("问题清单")


def test_an_optional_part_not_written_is_grey_not_missing(national: Rubric) -> None:
    card = score_text(FULL, national)
    other = next(c for c in card.criteria if c.id == "other")
    assert other.status.value == "missing" and other.optional and not other.required
    causes = next(c for c in card.criteria if c.id == "shortcomings.causes")
    assert causes.part_of == "shortcomings" and not causes.optional
    out = render(RunResult((card,), ()), "rich", RenderOptions(color=False, width=160))
    row = next(ln for ln in out.splitlines() if "其他需要报告的情况" in ln)
    assert "未写(可选)" in row and "缺失" not in row
    doc = card.to_dict()
    assert {c["id"]: c["required"] for c in doc["criteria"]}["other"] is False


def test_cli_fail_under_says_why_it_exits_1() -> None:
    proc = run("check", str(REPORTS / "qinghe-county-2024.txt"), "--fail-under", "100.5")
    assert proc.returncode == 2  # out of range is a usage error
    proc = run("check", str(REPORTS / "qinghe-county-2024.txt"), "--fail-on", "info", "--format", "json")
    doc = json.loads(proc.stdout)
    assert proc.returncode == (1 if doc["reports"][0]["reasons"] else 0)
    assert all(r["kind"] == "finding" for r in doc["reports"][0]["reasons"])
    proc = run("check", str(REPORTS / "qinghe-county-2024.txt"), "--fail-under", "100", "--fail-on", "off")
    assert proc.returncode == 0 and "通过" in proc.stdout


def test_cli_config_threshold_and_fail_on(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(FULL.replace("培训执法人员620人次", "培训执法人员XX人次", 1), "utf-8")
    assert run("check", str(draft), cwd=tmp_path).returncode == 1
    (tmp_path / "scorer.yaml").write_text("fail_on: off\n", "utf-8")
    assert run("check", str(draft), cwd=tmp_path).returncode == 0
    proc = run("check", str(draft), "--fail-on", "error", cwd=tmp_path)  # the command line beats the config
    assert proc.returncode == 1 and "有1处错误(placeholder)" in proc.stdout
    (tmp_path / "scorer.yaml").write_text("fail_on: off\nthreshold: 99.5\n", "utf-8")
    proc = run("check", str(draft), "--format", "json", cwd=tmp_path)
    doc = json.loads(proc.stdout)["reports"][0]
    assert proc.returncode == 0 and doc["pass_threshold"] == 99.5 and doc["verdict"] == "pass"


def test_a_text_that_is_not_a_report_is_said_so_once_and_alone(national: Rubric) -> None:
    text = ("关于《青禾县法治政府建设实施方案》的政策解读\n一、起草背景\n为深入贯彻落实中央关于法治政府建设的决策部署,制定本方案。\n"
            "二、主要内容\n方案明确了到2025年的目标任务。\n")
    card = score_text(text, national)
    assert [f.rule for f in card.findings] == ["not-a-report"]
    assert card.verdict is Verdict.FAIL and [r.rule for r in card.reasons] == ["not-a-report"]
    assert card.reasons[0].message.startswith("这不是法治政府建设年度报告:这是一篇政策解读或新闻报道")
