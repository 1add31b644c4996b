"""ruff's habits on `scorer check`, through the real command: --select/--ignore/--extend-select (and the verdict
follows), --statistics, --show-settings, --show-files, --color and FORCE_COLOR on a pipe, no path meaning the
current folder, a named file that the config excludes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from scorer.checks import all_rules
from scorer.config import Config, ConfigError, Override
from scorer.select_rules import RuleSelection
from tests.conftest import REPORTS, ROOT

DRAFT = REPORTS / "draft-with-problems.txt"  # placeholder and section-empty errors, the duty part missing
COMPLETE = REPORTS / "qinghe-county-2024.txt"  # passes with 100


def run(*args: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS")}
    return subprocess.run([sys.executable, "-m", "scorer.cli", *args], capture_output=True, text=True, cwd=cwd,
                          env={**base, "COLUMNS": "120", **env}, timeout=120)


def report(*args: str, cwd: Path = ROOT) -> tuple[int, dict[str, Any]]:
    proc = run("check", *args, "--format", "json", cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    doc: dict[str, Any] = json.loads(proc.stdout)
    return proc.returncode, doc


def rules_of(doc: dict[str, Any]) -> set[str]:
    return {f["rule"] for r in doc["reports"] for f in r["findings"]}


@pytest.fixture()
def placeholder_only(tmp_path: Path) -> Path:
    """A complete report that fails only because a placeholder was left in."""
    path = tmp_path / "draft.txt"
    path.write_text(COMPLETE.read_text("utf-8").replace("全年", "全年XX", 1), "utf-8")
    return path


# ---------------------------------------------------------------- --select, --ignore, --extend-select


def test_ignore_removes_the_rule_and_it_can_no_longer_fail_a_report(placeholder_only: Path) -> None:
    code, doc = report(str(placeholder_only))
    assert code == 1 and [r["rule"] for r in doc["reports"][0]["reasons"]] == ["placeholder"]
    code, doc = report(str(placeholder_only), "--ignore", "placeholder")
    assert code == 0 and doc["reports"][0]["verdict"] == "pass" and "placeholder" not in rules_of(doc)


def test_ignore_leaves_every_other_finding_as_it_was() -> None:
    _, before = report(str(DRAFT))
    _, after = report(str(DRAFT), "--ignore", "placeholder,title-format")
    kept = [f for f in before["reports"][0]["findings"] if f["rule"] not in ("placeholder", "title-format")]
    assert after["reports"][0]["findings"] == kept
    assert "placeholder" in rules_of(before) and not {"placeholder", "title-format"} & rules_of(after)
    assert all(r.get("rule") != "placeholder" for r in after["reports"][0]["reasons"])


def test_a_missing_part_still_fails_with_its_finding_ignored() -> None:
    code, doc = report(str(REPORTS / "songling-district-2024.txt"), "--ignore", "section-missing")
    card = doc["reports"][0]
    assert code == 1 and "section-missing" not in rules_of(doc)
    assert card["reasons"][0] == {"kind": "missing", "criterion": "duty", "message": "缺少“第一责任人职责情况”"}


def test_select_keeps_only_the_rules_named_a_family_or_all() -> None:
    _, everything = report(str(DRAFT))
    _, sections = report(str(DRAFT), "--select", "section")
    assert rules_of(sections) == {r for r in rules_of(everything) if r.startswith("section-")}
    _, two = report(str(DRAFT), "--select", "placeholder", "--select", "date-missing")
    assert rules_of(two) == {"placeholder", "date-missing"}
    _, again = report(str(DRAFT), "--select", "ALL")
    assert again == everything
    _, both = report(str(DRAFT), "--select", "placeholder,section-empty", "--ignore", "placeholder")
    assert rules_of(both) == {"section-empty"}  # --ignore wins over --select


def test_the_command_line_beats_the_config(tmp_path: Path) -> None:
    shutil.copy(DRAFT, tmp_path / "draft.txt")
    (tmp_path / "scorer.yaml").write_text(
        "rules: {placeholder: 'off', title-format: error}\noverrides:\n  - files: '*.txt'\n"
        "    rules: {date-missing: error}\n", "utf-8")
    _, doc = report("draft.txt", cwd=tmp_path)
    assert "placeholder" not in rules_of(doc)
    severities = {f["rule"]: f["severity"] for f in doc["reports"][0]["findings"]}
    assert severities["title-format"] == severities["date-missing"] == "error"
    _, doc = report("draft.txt", "--extend-select", "placeholder", "--ignore", "date-missing,title-format",
                    cwd=tmp_path)
    severities = {f["rule"]: f["severity"] for f in doc["reports"][0]["findings"]}
    assert severities["placeholder"] == "error"  # back at the rubric's severity
    assert "date-missing" not in severities and "title-format" not in severities
    _, doc = report("draft.txt", "--select", "placeholder", cwd=tmp_path)
    assert rules_of(doc) == {"placeholder"}


def test_selection_with_a_rubric_that_does_not_list_every_rule(tmp_path: Path) -> None:
    from scorer.rubric import builtin_dir

    data = yaml.safe_load((builtin_dir() / "national.yaml").read_text("utf-8"))
    data["id"] = "short"
    del data["rules"]["title-format"]  # the rule still runs here, at its default severity (warning)
    (tmp_path / "short.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    _, doc = report(str(DRAFT), "--rubric", str(tmp_path / "short.yaml"))
    assert "title-format" in rules_of(doc)
    _, doc = report(str(DRAFT), "--rubric", str(tmp_path / "short.yaml"), "--ignore", "title-format")
    assert "title-format" not in rules_of(doc) and "placeholder" in rules_of(doc)
    _, doc = report(str(DRAFT), "--rubric", str(tmp_path / "short.yaml"), "--select", "placeholder")
    assert rules_of(doc) == {"placeholder"}


def test_an_unknown_rule_is_one_line_and_exit_2() -> None:
    proc = run("check", str(DRAFT), "--ignore", "placeholdr")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == ("scorer: --ignore: unknown rule 'placeholdr' (see 'scorer rules'; a family such as "
                           "'section' or ALL also works)\n")


def test_selection_in_one_place_the_config_and_each_override() -> None:
    known = set(all_rules())
    sel = RuleSelection.parse(["section"], ["section-order"], ["placeholder"], known)
    assert sel.off == known - {r for r in known if r.startswith("section-")} - {"placeholder"} | {"section-order"}
    assert sel.on == {r for r in known if r.startswith("section-")} - {"section-order"} | {"placeholder"}
    cfg = Config(rules={"placeholder": "off", "section-weak": "error"},
                 overrides=(Override(("a/**",), None, {"section-empty": "off", "section-order": "error"}, "o[0]"),))
    got = sel.configure(cfg)
    assert got.rules["section-weak"] == "error" and "placeholder" not in got.rules
    assert got.rules["section-order"] == got.overrides[0].rules["section-order"] == "off"
    assert "section-empty" not in got.overrides[0].rules
    assert RuleSelection.parse([], [], [], known).configure(cfg) is cfg
    with pytest.raises(ConfigError, match="--select: unknown rule 'sect'"):
        RuleSelection.parse(["sect"], [], [], known)


# ---------------------------------------------------------------- --statistics


def test_statistics_counts_findings_per_rule_then_exits_as_usual(tmp_path: Path) -> None:
    _, doc = report(str(REPORTS))
    proc = run("check", str(REPORTS), "--statistics", "-o", str(tmp_path / "out.json"), "--format", "json")
    assert proc.returncode == 1
    *rows, closing = proc.stdout.splitlines()
    counted: dict[str, int] = {}
    for row in rows:
        m = re.match(r"^\s*(\d+)  ([a-z-]+)\s+(错误|警告|提示)  (.+)$", row)
        assert m, row
        counted[m.group(2)] = counted.get(m.group(2), 0) + int(m.group(1))
    expected: dict[str, int] = {}
    for r in doc["reports"]:
        for f in r["findings"]:
            expected[f["rule"]] = expected.get(f["rule"], 0) + 1
    assert counted == expected
    assert [int(r.split()[0]) for r in rows] == sorted((int(r.split()[0]) for r in rows), reverse=True)
    assert closing.startswith("发现") and json.loads((tmp_path / "out.json").read_text("utf-8")) == doc
    passing = run("check", str(COMPLETE), "--statistics", "--lang", "en")
    assert passing.returncode == 0 and passing.stdout == "Found 0 errors, 0 warnings in 1 report (0 failing)\n"


# ---------------------------------------------------------------- --show-settings, --show-files


def test_show_settings_says_what_applies_and_where_it_comes_from(tmp_path: Path) -> None:
    (tmp_path / "scorer.yaml").write_text(
        "threshold: 70\nexclude: [drafts]\nrules: {section-order: 'off', causes-missing: error}\n"
        "overrides:\n  - files: 'dept/**'\n    rubric: department\n", "utf-8")
    proc = run("check", "--show-settings", "--ignore", "causes-missing", "--extend-select", "section-order",
               "--fail-under", "65", "--lang", "en", "-j", "3", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stderr == ""
    settings = yaml.safe_load(proc.stdout)
    assert settings["config"] == str(tmp_path / "scorer.yaml")
    assert (settings["rubric"], settings["threshold"], settings["fail_on"], settings["jobs"]) == ("national", 70,
                                                                                                 "error", 3)
    assert settings["exclude"] == ["drafts"] and settings["max_size"] == "20MB" and settings["lang"] == "en"
    assert set(settings["rules"]) == set(all_rules())
    assert settings["rules"]["causes-missing"] == "off" and settings["rules"]["section-order"] == "warning"
    assert settings["overrides"] == [{"files": ["dept/**"], "rubric": "department", "rules": {}}]
    lines = {line.split(":")[0].strip(): line for line in proc.stdout.splitlines()}
    assert lines["causes-missing"].endswith("# from: command line --ignore")
    assert lines["section-order"].endswith("# from: command line --extend-select")
    assert lines["placeholder"].endswith("# from: rubric")
    assert lines["threshold"].endswith("rubric 60, config 70, command line 65; the strictest applies")
    bare = yaml.safe_load(run("check", "--show-settings", cwd=tmp_path.parent).stdout)
    assert bare["config"] is None and bare["rules"]["section-order"] == "warning"


def test_show_files_lists_what_would_be_scored(tmp_path: Path) -> None:
    for name in ("a.txt", "sub/b.md", "drafts/c.txt", "notes.csv"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        shutil.copy(COMPLETE, tmp_path / name)
    (tmp_path / "scorer.yaml").write_text("exclude: [drafts]\n", "utf-8")
    proc = run("check", "--show-files", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.splitlines() == ["a.txt", "sub/b.md"]
    proc = run("check", "--show-files", "drafts/c.txt", "a.txt", cwd=tmp_path)
    assert proc.stdout == "a.txt\n"
    assert proc.stderr == f"scorer: drafts/c.txt: not scored, excluded by {tmp_path / 'scorer.yaml'} (exclude: drafts)\n"
    proc = run("check", "--show-files", "nothing*.txt", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr == "scorer: nothing*.txt: 没有文件与此模式匹配。\n"


# ---------------------------------------------------------------- no path, excluded files


def test_no_path_and_no_include_scores_the_current_folder(tmp_path: Path) -> None:
    shutil.copy(COMPLETE, tmp_path / "a.txt")
    (tmp_path / "sub").mkdir()
    shutil.copy(DRAFT, tmp_path / "sub" / "b.txt")
    code, doc = report(cwd=tmp_path)
    assert code == 1 and [r["path"] for r in doc["reports"]] == ["a.txt", "sub/b.txt"]
    proc = run("baseline", "write", "--quiet", cwd=tmp_path)  # the baseline of the same files
    assert proc.returncode == 0 and run("check", "--baseline", "scorer-baseline.json", cwd=tmp_path).returncode == 0
    (tmp_path / "scorer.yaml").write_text("include: ['sub/*.txt']\n", "utf-8")
    _, doc = report(cwd=tmp_path)
    assert [r["path"] for r in doc["reports"]] == ["sub/b.txt"]  # the config's include, when it has one


def test_a_named_file_the_config_excludes_is_said_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    shutil.copy(DRAFT, tmp_path / "drafts" / "x.txt")
    shutil.copy(COMPLETE, tmp_path / "a.txt")
    (tmp_path / "scorer.yaml").write_text("exclude: ['drafts/**']\n", "utf-8")
    proc = run("check", "drafts/x.txt", "a.txt", "--format", "concise", cwd=tmp_path)
    assert proc.returncode == 0 and "drafts/x.txt" not in proc.stdout
    assert proc.stderr == (f"scorer: drafts/x.txt: not scored, excluded by {tmp_path / 'scorer.yaml'} "
                           "(exclude: drafts/**)\n")
    assert run("check", "drafts/x.txt", "--quiet", cwd=tmp_path).stderr == ""


# ---------------------------------------------------------------- colour


@pytest.mark.parametrize(("args", "env", "coloured"), [
    ((), {}, False),  # a pipe: no colour
    (("--color",), {}, True),  # forced on a pipe
    ((), {"FORCE_COLOR": "1"}, True),
    ((), {"FORCE_COLOR": ""}, False),  # an empty FORCE_COLOR is not set
    ((), {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    (("--no-color",), {"FORCE_COLOR": "1"}, False),
    (("--color",), {"NO_COLOR": "1"}, True),  # the command line wins
])
def test_colour_on_a_pipe(args: tuple[str, ...], env: dict[str, str], coloured: bool) -> None:
    proc = run("check", str(DRAFT), *args, **env)
    assert proc.returncode == 1
    assert ("\x1b[" in proc.stdout) is coloured
    assert "不通过" in proc.stdout
