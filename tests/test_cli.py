"""End to end through the real `scorer` command: formats, exit codes, one-line errors, batches."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPORTS, ROOT


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-m", "scorer.cli", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


def _schema() -> dict[str, object]:
    return json.loads((ROOT / "scorer" / "schema" / "result.schema.json").read_text("utf-8"))  # type: ignore[no-any-return]


def test_json_output_matches_the_published_schema_and_exit_1_on_a_fail() -> None:
    from jsonschema import Draft202012Validator

    proc = run("check", str(REPORTS), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    Draft202012Validator(_schema()).validate(doc)
    verdicts = {Path(r["path"]).name: r["verdict"] for r in doc["reports"]}
    assert verdicts["qinghe-county-2024.txt"] == "pass"
    assert verdicts["draft-with-problems.txt"] == "fail"
    assert doc["errors"] == []


def test_json_is_byte_for_byte_stable() -> None:
    first = run("check", str(REPORTS), "--format", "json").stdout
    assert first == run("check", str(REPORTS), "--format", "json").stdout


def test_exit_0_when_every_report_passes() -> None:
    proc = run("check", str(REPORTS / "qinghe-county-2024.txt"))
    assert proc.returncode == 0
    assert "通过" in proc.stdout and "100/100" in proc.stdout


def test_rich_scorecard_in_english() -> None:
    proc = run("check", str(REPORTS / "songling-district-2024.txt"), "--lang", "en")
    assert proc.returncode == 1
    for word in ("Criterion", "missing", "FAIL", "section-missing", "Leaders' first-responsibility duty"):
        assert word in proc.stdout


def test_unreadable_file_is_one_line_exit_2_and_the_batch_goes_on(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    proc = run("check", str(empty), str(REPORTS / "qinghe-county-2024.txt"), str(binary), "--format", "json")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    err_lines = proc.stderr.strip().splitlines()
    assert len(err_lines) == 2 and str(empty) in err_lines[0] and "empty" in err_lines[0]
    doc = json.loads(proc.stdout)
    assert [Path(r["path"]).name for r in doc["reports"]] == ["qinghe-county-2024.txt"]
    assert {Path(e["path"]).name for e in doc["errors"]} == {"empty.txt", "blob.txt"}


def test_bad_rubric_is_exit_2_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "r.yaml"
    bad.write_text("id: x\nversion: '1'\n", "utf-8")
    proc = run("check", str(REPORTS / "qinghe-county-2024.txt"), "--rubric", str(bad))
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"scorer: {bad}:") and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_missing_path_and_output_file(tmp_path: Path) -> None:
    out = tmp_path / "card.json"
    proc = run("check", str(REPORTS / "qinghe-county-2024.txt"), "--format", "json", "-o", str(out))
    assert proc.returncode == 0 and proc.stdout == ""
    assert json.loads(out.read_text("utf-8"))["reports"][0]["verdict"] == "pass"
    proc = run("check", str(tmp_path / "nope.txt"))
    assert proc.returncode == 2 and "找不到这个文件" in proc.stderr
    assert "nope.txt: no such file" in run("check", str(tmp_path / "nope.txt"), "--lang", "en").stderr


def test_rules_lists_and_explains() -> None:
    proc = run("rules")
    assert proc.returncode == 0
    for rule in ("section-missing", "section-weak", "section-empty", "section-merged", "section-order",
                 "causes-missing", "mojibake", "spam-content"):
        assert rule in proc.stdout
    explained = run("rules", "spam-content")
    assert "申博" in explained.stdout and "如何修改" in explained.stdout and "Fix" not in explained.stdout
    assert "Fix" in run("rules", "spam-content", "--lang", "en").stdout
    assert run("rules", "nope").returncode == 2


def test_rules_show_each_rule_with_its_severity_and_its_own_line() -> None:
    rows = {line.split()[0]: line.split(None, 2)[1:] for line in run("rules").stdout.splitlines()}
    assert rows["section-missing"][0] == "error" and rows["addressee-missing"][0] == "info"
    assert len({tuple(r) for r in rows.values()}) == len(rows)  # no two rules share a line
    assert rows["date-missing"][1] == "未写成文日期"
    en = run("rules", "date-missing", "--lang", "en").stdout
    assert en.startswith("date-missing (warning in national): no 成文日期 (date) at the end of the report")
    assert "GB/T 9704" in en  # the family's documentation follows


@pytest.mark.parametrize("name", ["huarong-county-2022.txt", "haigang-district-2022.txt"])
def test_real_reports_through_the_cli(name: str, seeds_dir: Path) -> None:
    proc = run("check", str(seeds_dir / name), "--format", "json")
    doc = json.loads(proc.stdout)
    assert proc.returncode == (0 if doc["reports"][0]["verdict"] == "pass" else 1)
