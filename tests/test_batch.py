"""Parallel batches: same results and order as one process, bad files in place, per-glob rubrics and rules."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from scorer.batch import derive_rubric, plan, run_plan, score_paths
from scorer.config import Config, ConfigError, load_config
from scorer.model import FileError, RunResult, Scorecard, Severity
from scorer.rubric import Rubric
from scorer.stats import summarize
from tests.conftest import REPORTS, ROOT
from tests.test_cli import run


def no_causes(text: str) -> str:
    """A complete report whose shortcomings lose their causes: it passes, with one warning."""
    return re.sub("原因|究其|根源|症结|由于|源于", "情形", text)


@pytest.fixture()
def folder(tmp_path: Path, complete_text: str) -> Path:
    for p in sorted(REPORTS.glob("*.txt")):
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "nocauses.txt").write_text(no_causes(complete_text), "utf-8")
    (tmp_path / "b-empty.txt").write_bytes(b"")
    return tmp_path


def test_parallel_gives_the_same_results_in_the_same_order(folder: Path, rubric: Rubric) -> None:
    one = [i.to_dict() for i in score_paths([folder], rubric, jobs=1)]
    two = [i.to_dict() for i in score_paths([folder], rubric, jobs=2)]
    assert one == two
    assert [Path(d["path"]).name for d in one] == sorted(p.name for p in folder.iterdir())


def test_a_bad_file_keeps_its_place_and_the_batch_goes_on(folder: Path) -> None:
    items = list(score_paths([str(folder / "qinghe-county-2024.txt"), str(folder / "b-empty.txt"),
                              str(folder / "missing.txt"), str(folder / "nocauses.txt")], "national", jobs=2))
    assert [type(i).__name__ for i in items] == ["Scorecard", "FileError", "FileError", "Scorecard"]
    assert isinstance(items[1], FileError) and "empty" in items[1].message


def test_rule_override_changes_severity_or_turns_a_rule_off(folder: Path) -> None:
    cfg = Config(root=folder, rules={"causes-missing": "error"})
    cards = [i for i in run_plan(plan([str(folder / "nocauses.txt")], cfg), jobs=1) if isinstance(i, Scorecard)]
    assert [(f.rule, f.severity) for f in cards[0].findings] == [("causes-missing", Severity.ERROR)]
    cfg = Config(root=folder, rules={"causes-missing": "off"})
    cards = [i for i in run_plan(plan([str(folder / "nocauses.txt")], cfg), jobs=1) if isinstance(i, Scorecard)]
    assert cards[0].findings == ()


def test_derive_rubric_rejects_unknown_rules(rubric: Rubric) -> None:
    assert derive_rubric(rubric, {"mojibake": "off"}).rules["mojibake"].severity is None
    assert rubric.rules["mojibake"].severity is not None  # the original is untouched
    with pytest.raises(ConfigError, match="no-such-rule: unknown rule"):
        derive_rubric(rubric, {"no-such-rule": "off"})


def test_per_glob_rubric_from_a_yaml_file(tmp_path: Path, complete_text: str) -> None:
    strict = (ROOT / "rubrics" / "national.yaml").read_text("utf-8")
    strict = strict.replace("id: national", "id: strict", 1).replace("pass_threshold: 60", "pass_threshold: 95", 1)
    (tmp_path / "rubrics").mkdir()
    (tmp_path / "rubrics" / "strict.yaml").write_text(strict, "utf-8")
    for sub in ("departments", "counties"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "r.txt").write_text(no_causes(complete_text), "utf-8")
    (tmp_path / "scorer.yaml").write_text(
        "include: ['**/*.txt']\noverrides:\n  - files: departments/**\n    rubric: rubrics/strict.yaml\n", "utf-8")
    cfg = load_config(tmp_path / "scorer.yaml")
    cards = [i for i in run_plan(plan([], cfg), jobs=1) if isinstance(i, Scorecard)]
    got = {Path(c.path).parent.name: (c.rubric_id, c.verdict.value) for c in cards}
    assert got == {"counties": ("national", "pass"), "departments": ("strict", "fail")}


def test_include_and_exclude(tmp_path: Path, complete_text: str) -> None:
    for name in ("a.txt", "drafts/b.txt", "c.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(complete_text, "utf-8")
    cfg = Config(root=tmp_path, include=("*.txt",), exclude=("drafts",))
    assert [Path(i[0]).name for i in plan([], cfg).items if not isinstance(i, FileError)] == ["a.txt"]
    assert plan([str(tmp_path / "drafts" / "b.txt")], cfg).items == ()  # excluded even when named
    with pytest.raises(ConfigError, match="no paths given"):
        plan([], Config(root=tmp_path))


def test_summary_counts_verdicts_gaps_and_worst(folder: Path, rubric: Rubric) -> None:
    items = list(score_paths([folder], rubric, jobs=1))
    result = RunResult(tuple(i for i in items if isinstance(i, Scorecard)),
                       tuple(i for i in items if isinstance(i, FileError)))
    s = summarize(result)
    assert (s.reports, s.errors) == (4, 1)
    assert s.passed == sum(c.verdict.value == "pass" for c in result.cards) and s.passed + s.failed == 4
    assert s.mean_score == round(sum(c.score for c in result.cards) / 4, 1)
    causes = next(g for g in s.gaps if g[0] == "shortcomings.causes")
    assert causes[2] == sum(1 for c in result.cards for k in c.criteria
                            if k.id == "shortcomings.causes" and k.status.value == "missing")
    assert [c.score for c in s.worst] == sorted(c.score for c in result.cards if c.verdict.value == "fail")


def test_cli_jobs_output_is_identical_and_stderr_quiet_off_a_terminal(folder: Path) -> None:
    one = run("check", str(folder), "--format", "json", "--jobs", "1")
    two = run("check", str(folder), "--format", "json", "--jobs", "2")
    assert one.returncode == two.returncode == 2  # the empty file
    assert one.stdout == two.stdout
    assert two.stderr.strip() == f"scorer: {folder / 'b-empty.txt'}: 文件是空的。请检查是否选错了文件。"
    assert len(json.loads(two.stdout)["reports"]) == 4


def test_cli_fail_on_warning(folder: Path) -> None:
    target = str(folder / "nocauses.txt")
    assert run("check", target, "--format", "json").returncode == 0
    assert run("check", target, "--format", "json", "--fail-on", "error").returncode == 0
    assert run("check", target, "--format", "json", "--fail-on", "warning").returncode == 1
    assert run("check", target, "--format", "json", "--fail-under", "95").returncode == 1
    assert run("check", target, "--format", "json", "--fail-under", "95", "--exit-zero").returncode == 0
