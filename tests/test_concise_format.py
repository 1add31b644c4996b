"""--format concise: one `path:line:col:` line per finding and per verdict, a closing count; the pre-commit hook."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
import yaml

from scorer.api import score_text
from scorer.i18n import t
from scorer.model import FileError, Finding, RunResult, Severity
from scorer.render import FORMATS, RenderOptions, render
from scorer.rubric import Rubric
from tests.conftest import REPORTS, ROOT
from tests.test_cli import run

LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<rest>.+)$")
FINDING = re.compile(r"^(?P<severity>错误|警告|提示|error|warning|info) \[(?P<rule>[a-z-]+)\] (?P<message>.+)$")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def parse(text: str) -> tuple[list[dict[str, str]], str]:
    """Every line but the last as path:line:col: rest; the last is the closing count."""
    lines = text.splitlines()
    out = []
    for line in lines[:-1]:
        m = LINE.match(line)
        assert m, line
        out.append(m.groupdict())
    return out, lines[-1]


def test_registered() -> None:
    assert "concise" in FORMATS


def test_every_finding_and_every_verdict_as_a_path_line_col_line() -> None:
    ref = json.loads(run("check", str(REPORTS), "--format", "json").stdout)
    proc = run("check", str(REPORTS), "--format", "concise")
    assert proc.returncode == 1, proc.stderr
    lines, closing = parse(proc.stdout)
    findings = [(m["path"], int(m["line"]), f.groupdict()) for m in lines if (f := FINDING.match(m["rest"]))]
    expected = [(r["path"], f["line"] or 1, {"severity": t("zh", f["severity"]), "rule": f["rule"],
                                            "message": f["message"]})
                for r in ref["reports"] for f in r["findings"]]
    assert findings == expected
    verdicts = [(m["path"], m["rest"]) for m in lines if not FINDING.match(m["rest"])]
    assert verdicts == [(r["path"], f"总分 {r['score']:g}/100 " + t("zh", r["verdict"])
                         + ("" if not r["reasons"] else ":" + ";".join(x["message"] for x in r["reasons"])))
                        for r in ref["reports"]]
    assert all(m["col"] == "1" for m in lines)
    errors = sum(f["severity"] == "error" for r in ref["reports"] for f in r["findings"])
    warnings = sum(f["severity"] == "warning" for r in ref["reports"] for f in r["findings"])
    failing = sum(r["verdict"] == "fail" for r in ref["reports"])
    assert closing == f"发现{errors}处错误、{warnings}处警告,共{len(ref['reports'])}份报告({failing}份不通过)"


def test_english_counts_singular_and_plural(rubric: Rubric) -> None:
    card = score_text((REPORTS / "qinghe-county-2024.txt").read_text("utf-8"), rubric, "a.txt")
    from dataclasses import replace

    one = replace(card, findings=(Finding("placeholder", Severity.ERROR, "XX left in", 3),
                                  Finding("late-report", Severity.WARNING, "late", None)))
    text = render(RunResult((one,), ()), "concise", RenderOptions(lang="en", color=False))
    assert text.splitlines() == ["a.txt:3:1: error [placeholder] XX left in", "a.txt:1:1: warning [late-report] late",
                                 "a.txt:1:1: Total 100/100 PASS", "Found 1 error, 1 warning in 1 report (0 failing)"]
    two = render(RunResult((card, card), (FileError("b.txt", "file is empty"),)), "concise",
                 RenderOptions(lang="en", color=False))
    assert two.splitlines()[-2:] == ["b.txt:1:1: unreadable: file is empty",
                                     "Found 0 errors, 0 warnings in 2 reports (0 failing, 1 unreadable)"]


def test_a_message_with_line_breaks_stays_on_its_line(rubric: Rubric) -> None:
    from dataclasses import replace

    card = score_text("一、主要举措和成效\n工作", rubric, "x\ny.txt")
    card = replace(card, findings=(Finding("spam-content", Severity.ERROR, "注入:“赌\r\n场\u2028网址”", 2),))
    lines, _ = parse(render(RunResult((card,), ()), "concise", RenderOptions(color=False)))
    assert lines[0] == {"path": "x y.txt", "line": "2", "col": "1", "rest": "错误 [spam-content] 注入:“赌 场 网址”"}


def test_colour_only_when_asked_and_the_same_text_underneath() -> None:
    plain = run("check", str(REPORTS), "--format", "concise").stdout
    coloured = run("check", str(REPORTS), "--format", "concise", "--color").stdout
    assert "\x1b[" not in plain and "\x1b[1;31m错误\x1b[0m" in coloured
    assert ANSI.sub("", coloured) == plain


def test_pre_commit_hook_runs_the_concise_format(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    entry = shlex.split(hooks[0]["entry"])
    assert entry[:2] == ["scorer", "check"] and entry[entry.index("--format") + 1] == "concise"
    names = ["draft-with-problems.txt", "qinghe-county-2024.txt"]
    for name in names:
        shutil.copy(REPORTS / name, tmp_path / name)
    assert all(re.search(hooks[0]["files"], n) for n in names)
    proc = run(*entry[1:], *names, cwd=tmp_path)  # as pre-commit calls it: the entry, then the staged files
    assert proc.returncode == 1 and proc.stderr == ""
    lines, closing = parse(proc.stdout)
    assert {m["path"] for m in lines} == set(names) and closing.startswith("发现")


EMPTY = "文件是空的。请检查是否选错了文件。"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_batch_with_an_unreadable_file(tmp_path: Path, lang: str) -> None:
    shutil.copy(REPORTS / "qinghe-county-2024.txt", tmp_path / "a.txt")
    (tmp_path / "b.txt").write_bytes(b"")
    proc = run("check", "a.txt", "b.txt", "--format", "concise", "--lang", lang, cwd=tmp_path)
    assert proc.returncode == 2
    lines, closing = parse(proc.stdout)
    assert lines[-1] == {"path": "b.txt", "line": "1", "col": "1",
                         "rest": t(lang, "unreadable") + t(lang, "colon") + (EMPTY if lang == "zh" else "file is empty")}
    assert closing == ("发现0处错误、0处警告,共1份报告(0份不通过,1份无法读取)" if lang == "zh"
                       else "Found 0 errors, 0 warnings in 1 report (0 failing, 1 unreadable)")
