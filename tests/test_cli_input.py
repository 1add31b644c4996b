"""End to end: a report piped on standard input, the size limit, and --rubric auto."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPORTS, ROOT

GOOD = REPORTS / "qinghe-county-2024.txt"
DEPARTMENT = """市司法局关于2024年度法治政府建设情况的报告
市人民政府:
2024年,我局坚持以习近平法治思想为指导,全面推进依法行政。现将有关情况报告如下。
一、2024年推进法治政府建设的主要举措和成效
(一)健全依法决策机制。全年审查规范性文件18件,开展合法性审查42件,组织执法培训6期,培训执法人员620人次。
二、主要负责人履行推进法治建设第一责任人职责情况
局主要负责人认真履行第一责任人职责,主持召开局党组会议4次专题研究法治建设,带头讲法治课2次。
三、存在的不足和原因
行政执法规范化水平有待提高。原因是执法人员培训不够系统,考核机制不完善。
四、2025年推进法治政府建设的主要安排
一是加强执法人员培训;二是完善合法性审查机制;三是深化普法宣传。
市司法局
2025年2月20日
"""


def run(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-m", "scorer.cli", *args], capture_output=True, input=stdin,
                          cwd=cwd, env=env, timeout=120)


def _report(proc: subprocess.CompletedProcess[bytes]) -> dict[str, object]:
    doc = json.loads(proc.stdout)
    assert len(doc["reports"]) == 1, doc
    return doc["reports"][0]  # type: ignore[no-any-return]


def test_stdin_gives_the_same_scorecard_as_the_file() -> None:
    from_file = _report(run("check", str(GOOD), "--format", "json"))
    piped = run("check", "-", "--format", "json", stdin=GOOD.read_bytes())
    assert piped.returncode == 0, piped.stderr
    card = _report(piped)
    assert card["path"] == "<stdin>"
    assert {k: v for k, v in card.items() if k != "path"} == {k: v for k, v in from_file.items() if k != "path"}


def test_stdin_filename_names_the_report_and_picks_its_reader(tmp_path: Path) -> None:
    html = ("<html><head><meta charset='gbk'></head><body><article>"
            + "".join(f"<p>{line}</p>" for line in GOOD.read_text("utf-8").splitlines() if line.strip())
            + "</article></body></html>").encode("gbk")
    proc = run("check", "-", "--stdin-filename", "drafts/qinghe.html", "--format", "json", stdin=html)
    assert proc.returncode == 0, proc.stderr
    card = _report(proc)
    assert card["path"] == "drafts/qinghe.html"
    assert card["verdict"] == "pass"


def test_stdin_among_files_is_scored_in_its_place() -> None:
    proc = run("check", str(GOOD), "-", "--format", "json", "--stdin-filename", "piped.txt",
               stdin=(REPORTS / "draft-with-problems.txt").read_bytes())
    paths = [r["path"] for r in json.loads(proc.stdout)["reports"]]
    assert paths == [str(GOOD), "piped.txt"]
    assert proc.returncode == 1  # the piped draft fails


def test_empty_stdin_is_one_line_exit_2() -> None:
    proc = run("check", "-", stdin=b"")
    assert proc.returncode == 2
    assert "<stdin>: 文件是空的。" in proc.stderr.decode()
    assert b"Traceback" not in proc.stderr
    assert b"<stdin>: file is empty" in run("check", "-", "--lang", "en", stdin=b"").stderr


def test_stdin_twice_is_a_usage_error() -> None:
    proc = run("check", "-", "-", stdin=b"x")
    assert proc.returncode == 2
    assert proc.stderr.decode().strip().splitlines() == ["scorer: '-' (standard input) given more than once"]


def test_max_size_refuses_big_files_and_scores_the_rest(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(GOOD.read_text("utf-8") * 20, "utf-8")
    proc = run("check", str(big), str(GOOD), "--max-size", "20KB", "--format", "json")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert f"{big}: 文件有{big.stat().st_size:,}字节,超过20,480字节的上限。" in err
    assert [r["path"] for r in json.loads(proc.stdout)["reports"]] == [str(GOOD)]


def test_max_size_from_the_config_and_a_bad_value(tmp_path: Path) -> None:
    (tmp_path / "scorer.yaml").write_text("max_size: 1KB\n", "utf-8")
    (tmp_path / "r.txt").write_bytes(GOOD.read_bytes())
    proc = run("check", "r.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "超过1,024字节的上限" in proc.stderr.decode()
    assert run("check", "r.txt", "--max-size", "1MB", cwd=tmp_path).returncode == 0
    proc = run("check", "r.txt", "--max-size", "lots", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == "scorer: --max-size: expected a size such as 20MB or 500KB, got 'lots'"
    (tmp_path / "scorer.yaml").write_text("max_size: huge\n", "utf-8")
    proc = run("check", "r.txt", cwd=tmp_path)
    assert proc.returncode == 2 and b"scorer.yaml:1: max_size" in proc.stderr


def test_rubric_auto_chooses_per_report_and_says_why(tmp_path: Path) -> None:
    (tmp_path / "dept.txt").write_text(DEPARTMENT, "utf-8")
    (tmp_path / "county.txt").write_bytes(GOOD.read_bytes())
    proc = run("check", str(tmp_path), "--rubric", "auto", "--format", "json")
    cards = {Path(r["path"]).name: r for r in json.loads(proc.stdout)["reports"]}
    assert cards["dept.txt"]["rubric"]["id"] == "department"
    assert cards["county.txt"]["rubric"]["id"] == "national"
    assert "司法局" in cards["dept.txt"]["meta"]["rubric_choice"]
    rich = run("check", str(tmp_path / "dept.txt"), "--rubric", "auto").stdout.decode()
    assert "department" in rich and "司法局" in rich


def test_rubric_auto_with_a_rule_no_candidate_knows_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "scorer.yaml").write_text("rubric: auto\nrules:\n  no-such-rule: off\n", "utf-8")
    (tmp_path / "r.txt").write_bytes(GOOD.read_bytes())
    proc = run("check", "r.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert b"no-such-rule" in proc.stderr and b"Traceback" not in proc.stderr
