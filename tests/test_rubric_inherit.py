"""Rubric inheritance: extends by id or relative path, overrides by criterion id, added and dropped
criteria, and errors (cycles, unknown ids, bad keys) that name the file and line that hold the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.api import score_text
from scorer.errors import RubricError
from scorer.model import Severity
from scorer.rubric import builtin_ids, load_rubric

CHILD = """\
extends: national
id: child
version: "1"
title: {zh: 子标准, en: Child}
scoring:
  pass_threshold: 70
rules:
  section-order: {severity: "off", message: {zh: x, en: x}}
  causes-missing: {severity: error}
overrides:
  duty:
    weight: 25
    headings:
      aliases: [领导干部带头尊法学法守法用法情况]
  measures:
    weight: 20
    anchors: [亮点]
criteria:
  - id: digital
    label: {zh: 数字法治政府建设, en: Digital government}
    weight: 5
    nest_in: [measures]
    headings: {canonical: 全面建设数字法治政府}
    anchors: [数字法治政府]
drop: [other]
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_override_add_and_drop(tmp_path: Path) -> None:
    rubric = load_rubric(str(_write(tmp_path, "child.yaml", CHILD)))
    base = load_rubric("national")
    assert rubric.id == "child" and rubric.parents == ("national",)
    assert [c.id for c in rubric.criteria] == ["duty", "measures", "shortcomings", "plan", "digital"]
    assert rubric.criterion("duty").weight == 25 and rubric.criterion("measures").weight == 20
    assert rubric.criterion("duty").phrases[-1] == "领导干部带头尊法学法守法用法情况"
    assert rubric.criterion("duty").phrases[:-1] == base.criterion("duty").phrases
    assert len(rubric.criterion("measures").anchors) == len(base.criterion("measures").anchors) + 1
    assert rubric.criterion("digital").nest_in == ("measures",)
    assert rubric.pass_threshold == 70 and rubric.fuzzy_cutoff == base.fuzzy_cutoff
    assert rubric.rule("section-order").severity is None
    assert rubric.rule("causes-missing").severity is Severity.ERROR
    assert rubric.rule("causes-missing").message == base.rule("causes-missing").message
    assert rubric.selector is None  # select: is never inherited


def test_overrides_change_the_score(tmp_path: Path) -> None:
    rubric = load_rubric(str(_write(tmp_path, "child.yaml", CHILD)))
    text = ("一、领导干部带头尊法学法守法用法情况\n" + "县政府常务会议专题学法六次,主要负责同志带头讲法治课,全年组织旁听庭审两次,"
            "领导干部述法全覆盖,年终考核把法治建设成效作为重要内容。\n")
    card = score_text(text, rubric)
    duty = next(c for c in card.criteria if c.id == "duty")
    assert duty.status.value == "found" and duty.max_points == 25
    assert "other" not in {c.id for c in card.criteria}


def test_chain_by_relative_path(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    _write(tmp_path, "child.yaml", CHILD)
    grand = _write(tmp_path / "sub", "grand.yaml",
                   "extends: ../child.yaml\nid: grand\noverrides:\n  digital: {weight: 10}\n")
    rubric = load_rubric(str(grand))
    assert rubric.parents == ("child", "national")
    assert rubric.criterion("digital").weight == 10 and rubric.criterion("duty").weight == 25
    assert rubric.version == "1" and rubric.pass_threshold == 70


def test_cycle_is_an_error_naming_the_file(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.yaml", "extends: b.yaml\nid: a\n")
    _write(tmp_path, "b.yaml", "extends: a.yaml\nid: b\n")
    with pytest.raises(RubricError, match=r"b\.yaml:1: extends: extends cycle: a\.yaml → b\.yaml → a\.yaml"):
        load_rubric(str(a))


@pytest.mark.parametrize(("tail", "line", "where"), [
    ("overrides:\n  dutty: {weight: 5}\n", 4, "overrides.dutty: unknown criterion 'dutty'"),
    ("drop: [measurez]\n", 3, "drop[0]: unknown criterion 'measurez'"),
    ("drop: [duty]\n", 3, "drop[0]: criterion 'duty' is required"),
    ("criteria:\n  - {id: plan, label: {zh: a, en: a}, weight: 1, headings: {canonical: a}, anchors: []}\n", 4,
     "criteria[0].id: criterion 'plan' is already in base"),
    ("overrides:\n  duty:\n    weigth: 5\n", 5, "overrides.duty: Additional properties are not allowed ('weigth'"),
    ("overrides:\n  duty:\n    anchors: 第一\n", 5, "overrides.duty.anchors: expected a list of strings"),
    ("overrides:\n  duty:\n    cues: ['(亲自']\n", 5, "overrides.duty.cues[0]: bad pattern"),
    ("scoring:\n  order: [duty, nowhere]\n", 4, "scoring.order[1]: unknown criterion 'nowhere'"),
])
def test_errors_name_the_extending_file_line_and_key(tmp_path: Path, tail: str, line: int, where: str) -> None:
    path = _write(tmp_path, "kid.yaml", "extends: national\nid: kid\n" + tail)
    with pytest.raises(RubricError) as err:
        load_rubric(str(path))
    assert str(err.value).startswith(f"{path}:{line}: "), str(err.value)
    assert where in str(err.value)


def test_unknown_base_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RubricError, match=r"kid\.yaml:1: extends: no such built-in rubric 'natonal'"):
        load_rubric(str(_write(tmp_path, "kid.yaml", "extends: natonal\nid: kid\n")))
    with pytest.raises(RubricError, match=r"kid\.yaml:1: extends: no such rubric file 'base\.yaml'"):
        load_rubric(str(_write(tmp_path, "kid.yaml", "extends: base.yaml\nid: kid\n")))


def test_an_error_in_the_base_points_at_the_base_file(tmp_path: Path) -> None:
    base_text = CHILD.replace("    anchors: [数字法治政府]", "    anchors: ['数字(法治']")
    base = _write(tmp_path, "base.yaml", base_text)
    kid = _write(tmp_path, "kid.yaml", "extends: base.yaml\nid: kid\n")
    with pytest.raises(RubricError) as err:
        load_rubric(str(kid))
    assert str(err.value).startswith(f"{base}:24: criteria[0].anchors[0]: bad pattern")


def test_every_builtin_rubric_loads_and_weights_sum_to_100() -> None:
    assert {"national", "department", "joint", "township", "shenzhen-example"} <= set(builtin_ids())
    for rid in builtin_ids():
        rubric = load_rubric(rid)
        total = sum(c.weight for c in rubric.criteria) + sum(r.weight for c in rubric.criteria for r in c.requirements)
        assert total == 100, rid
        assert rid == "national" or rubric.parents == ("national",)
