"""Baselines: old findings pass, new ones fail, fixed ones are reported, score drops fail; lines may shift."""

from __future__ import annotations

import json
import re
from pathlib import Path

from scorer.baseline import fingerprint
from scorer.model import Finding, Severity
from tests.test_cli import run


def no_causes(text: str) -> str:
    return re.sub("原因|究其|根源|症结|由于|源于", "情形", text)


def test_fingerprint_ignores_lines_numbers_language_and_wording_but_not_rule_criterion_or_named_values() -> None:
    def f(rule: str, line: int, criterion: str, words: str, **params: object) -> Finding:
        return Finding(rule, Severity.WARNING, {"zh": words, "en": words}, line, criterion,
                       params=tuple(sorted(params.items())))

    a = f("section-weak", 3, "measures", "标题下内容过少(38字,至少300字)。", chars=38, label={"zh": "举措", "en": "Measures"})
    # another line, another count, other words for the same thing (a reworded rubric, another language)
    assert fingerprint(a) == fingerprint(f("section-weak", 9, "measures", "too little (41 characters)", chars=41,
                                           label={"zh": "主要举措", "en": "Measures and results"}))
    assert fingerprint(a) != fingerprint(f("section-empty", 3, "measures", a.message, chars=38))
    assert fingerprint(a) != fingerprint(f("section-weak", 3, "plan", a.message, chars=38))
    spam = f("spam-content", 3, "", "…", span="申博体育在线", kind={"zh": "赌博", "en": "gambling"})
    assert fingerprint(spam) != fingerprint(f("spam-content", 3, "", "…", span="太阳城娱乐", kind={"zh": "赌博"}))


def _setup(tmp_path: Path, complete_text: str) -> tuple[Path, Path]:
    report = tmp_path / "reports" / "county.txt"
    report.parent.mkdir()
    report.write_text(no_causes(complete_text), "utf-8")
    proc = run("baseline", "write", "reports", "-o", "scorer-baseline.json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    return report, tmp_path / "scorer-baseline.json"


def check(tmp_path: Path, *extra: str) -> tuple[int, dict[str, object], str]:
    proc = run("check", "reports", "--baseline", "scorer-baseline.json", "--format", "json", *extra, cwd=tmp_path)
    return proc.returncode, json.loads(proc.stdout) if proc.stdout else {}, proc.stderr


def test_baseline_file_records_scores_and_findings_by_relative_path(tmp_path: Path, complete_text: str) -> None:
    _, base = _setup(tmp_path, complete_text)
    doc = json.loads(base.read_text("utf-8"))
    entry = doc["reports"]["reports/county.txt"]
    assert entry["score"] == 90.0 and [f["rule"] for f in entry["findings"]] == ["causes-missing"]
    assert all(len(f["fingerprint"]) == 16 for f in entry["findings"])


def test_old_findings_do_not_fail_even_after_lines_shift(tmp_path: Path, complete_text: str) -> None:
    report, _ = _setup(tmp_path, complete_text)
    code, doc, err = check(tmp_path, "--fail-on", "warning")
    assert code == 0, err
    assert doc["reports"][0]["findings"] == []  # only new findings are shown
    report.write_text("\n\n\n" + report.read_text("utf-8"), "utf-8")  # the finding moves 3 lines down
    code, doc, err = check(tmp_path, "--fail-on", "warning")
    assert code == 0, err
    assert "0 new, 0 fixed, 0 score drops" in err
    # without the baseline the same run fails on the warning
    assert run("check", "reports", "--fail-on", "warning", "--format", "json", cwd=tmp_path).returncode == 1


def test_a_new_finding_fails_and_is_the_only_one_shown(tmp_path: Path, complete_text: str) -> None:
    report, _ = _setup(tmp_path, complete_text)
    text = report.read_text("utf-8").replace("。", "。申博太阳城娱乐。", 1)
    report.write_text(text, "utf-8")
    code, doc, err = check(tmp_path)
    assert code == 1
    assert [f["rule"] for f in doc["reports"][0]["findings"]] == ["spam-content"]  # type: ignore[index]
    assert "new error [spam-content] reports/county.txt:" in err


def test_a_fixed_finding_is_reported_as_fixed(tmp_path: Path, complete_text: str) -> None:
    report, _ = _setup(tmp_path, complete_text)
    report.write_text(complete_text, "utf-8")  # causes stated again
    code, _doc, err = check(tmp_path)
    assert code == 0
    assert "fixed [causes-missing] reports/county.txt" in err and "0 new, 1 fixed" in err


def test_a_score_drop_fails(tmp_path: Path, complete_text: str) -> None:
    _report, base = _setup(tmp_path, complete_text)
    doc = json.loads(base.read_text("utf-8"))
    doc["reports"]["reports/county.txt"]["score"] = 95.0  # as if it used to score higher
    base.write_text(json.dumps(doc), "utf-8")
    code, _doc, err = check(tmp_path)
    assert code == 1 and "score dropped reports/county.txt: 95 -> 90" in err


def test_a_report_the_baseline_does_not_know_is_judged_in_full(tmp_path: Path, complete_text: str) -> None:
    _setup(tmp_path, complete_text)
    (tmp_path / "reports" / "new.txt").write_text("一、主要举措和成效\n做了很多工作。\n", "utf-8")
    code, doc, _err = check(tmp_path)
    assert code == 1
    by_name = {Path(r["path"]).name: r for r in doc["reports"]}  # type: ignore[attr-defined]
    assert by_name["new.txt"]["findings"] and not by_name["county.txt"]["findings"]


def test_a_baseline_holds_in_any_language_and_a_bad_one_is_one_line_exit_2(tmp_path: Path,
                                                                            complete_text: str) -> None:
    _setup(tmp_path, complete_text)
    code, doc, err = check(tmp_path, "--lang", "en")  # written in Chinese, compared in English: nothing new
    assert code == 0 and not err.startswith("scorer: scorer-baseline.json")
    assert all(not r["findings"] for r in doc["reports"])
    (tmp_path / "scorer-baseline.json").write_text("{not json", "utf-8")
    code, _doc, err = check(tmp_path)
    assert code == 2 and err.startswith("scorer: scorer-baseline.json: not a baseline file")
    assert len(err.strip().splitlines()) == 1
