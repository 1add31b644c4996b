"""`scorer rubric validate`: semantic checks (duplicate ids, colliding aliases, weights) and self-tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.api import load_rubric
from scorer.rubric import builtin_ids
from scorer.selftest import lint, run_examples
from tests.test_cli import run


def _kid(tmp_path: Path, tail: str) -> Path:
    path = tmp_path / "kid.yaml"
    path.write_text("extends: national\nid: kid\n" + tail, "utf-8")
    return path


@pytest.mark.parametrize("rid", builtin_ids())
def test_builtin_rubrics_are_clean_and_their_examples_pass(rid: str) -> None:
    rubric = load_rubric(rid)
    assert lint(rubric) == [] and run_examples(rubric) == []
    assert rubric.examples, f"{rid} has no self-tests"


def test_alias_collision_and_weights(tmp_path: Path) -> None:
    rubric = load_rubric(str(_kid(tmp_path, "overrides:\n  plan:\n    weight: 25\n    headings:\n      aliases: [存在的主要问题]\n")))
    kinds = sorted(p.kind for p in lint(rubric))
    assert kinds == ["duplicate-alias", "weights"]
    assert any("存在的主要问题" in p.message and "shortcomings" in p.message for p in lint(rubric))
    assert any("105" in p.message for p in lint(rubric, "en"))


def test_failing_example_is_reported(tmp_path: Path) -> None:
    path = _kid(tmp_path, "examples:\n  - name: 只有标题\n    text: |\n      一、存在的问题\n      人员不足。\n"
                          "    expect: {shortcomings: found, nowhere: weak}\n    verdict: pass\n")
    problems = run_examples(load_rubric(str(path)))
    text = " ".join(p.message for p in problems)
    assert len(problems) == 3 and "“shortcomings”为weak,应为found" in text and "nowhere" in text and "结论" in text


def test_validate_cli_exit_codes(tmp_path: Path) -> None:
    ok = run("rubric", "validate", "rubrics/department.yaml")
    assert ok.returncode == 0 and "2个自测例全部通过" in ok.stdout
    bad = run("rubric", "validate", str(_kid(tmp_path, "overrides:\n  plan: {weight: 25}\n")), "--lang", "en")
    assert bad.returncode == 1 and "weights sum to 105" in bad.stdout
    dup = tmp_path / "dup.yaml"
    dup.write_text("extends: national\nid: dup\ncriteria:\n  - {id: x, label: {zh: a, en: a}, weight: 0, headings: {canonical: a}, anchors: []}\n"
                   "  - {id: x, label: {zh: a, en: a}, weight: 0, headings: {canonical: b}, anchors: []}\n", "utf-8")
    proc = run("rubric", "validate", str(dup))
    assert proc.returncode == 2 and f"{dup}:5: criteria[1].id: duplicate id 'x'" in proc.stderr


def test_list_and_show() -> None:
    listed = run("rubric", "list")
    assert listed.returncode == 0
    for rid in ("national", "department", "joint", "township", "shenzhen-example"):
        assert rid in listed.stdout
    assert "次年3月1日之前" in listed.stdout
    shown = run("rubric", "show", "shenzhen-example", "--lang", "en")
    assert shown.returncode == 0 and "extends: national" in shown.stdout and "digital" in shown.stdout
    assert "pass mark: 60" in shown.stdout and "before 1/3" not in shown.stdout
    assert run("rubric", "show", "nope").returncode == 2
