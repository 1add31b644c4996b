"""Rubric loading: the built-in rubric validates; a bad one is named by file, line and YAML path."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.errors import RubricError
from scorer.rubric import builtin_dir, load_rubric


def test_builtin_national_rubric_loads(rubric) -> None:  # type: ignore[no-untyped-def]
    ids = [c.id for c in rubric.criteria]
    assert ids == ["duty", "measures", "shortcomings", "plan", "other"]
    assert [r.id for r in rubric.criterion("shortcomings").requirements] == ["shortcomings.causes"]
    required = sum(c.weight for c in rubric.criteria) + sum(r.weight for c in rubric.criteria for r in c.requirements)
    assert required == 100


def _first_anchor() -> str:
    """The duty criterion's first anchor line as written in national.yaml (the tests break it)."""
    text = (builtin_dir() / "national.yaml").read_text("utf-8")
    start = text.index("    anchors:\n") + len("    anchors:\n")
    return text[start:text.index("\n", start)]


def _write_broken(tmp_path: Path, old: str, new: str) -> Path:
    text = (builtin_dir() / "national.yaml").read_text("utf-8")
    assert old in text, f"the national rubric no longer holds {old!r}: the test would break nothing"
    text = text.replace(old, new, 1)
    path = tmp_path / "broken.yaml"
    path.write_text(text, "utf-8")
    return path


def test_wrong_type_names_file_line_and_path(tmp_path: Path) -> None:
    path = _write_broken(tmp_path, "    anchors:\n" + _first_anchor(), "    anchors: 第一责任人\n    x_unused:\n      - 第一责任人")
    with pytest.raises(RubricError) as err:
        load_rubric(str(path))
    msg = str(err.value)
    assert msg.startswith(f"{path}:")
    assert "criteria[0]" in msg


def test_anchor_type_error_says_list_of_strings(tmp_path: Path) -> None:
    text = (builtin_dir() / "national.yaml").read_text("utf-8")
    start = text.index("    anchors:\n")
    block = text[start : text.index("    weak_anchors:", start)]  # the duty's whole list of anchors
    path = _write_broken(tmp_path, block, "    anchors: 第一责任人\n")
    with pytest.raises(RubricError, match=r"criteria\[0\]\.anchors: expected a list of strings"):
        load_rubric(str(path))


def test_bad_regex_is_a_rubric_error(tmp_path: Path) -> None:
    path = _write_broken(tmp_path, _first_anchor() + "\n", "      - 第一(责任人\n")
    with pytest.raises(RubricError, match="bad pattern"):
        load_rubric(str(path))


def test_unknown_rubric_and_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(RubricError, match="no such rubric"):
        load_rubric("nowhere")
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n", "utf-8")
    with pytest.raises(RubricError, match=r"bad.yaml:\d+: invalid YAML"):
        load_rubric(str(bad))


def test_cue_in_naming_an_unknown_part_is_a_rubric_error(tmp_path: Path) -> None:
    path = _write_broken(tmp_path, "    cue_in: [shortcomings, duty]", "    cue_in: [shortcoming, duty]")
    with pytest.raises(RubricError) as err:
        load_rubric(str(path))
    msg = str(err.value)
    assert msg.startswith(f"{path}:") and "cue_in[0]" in msg and "shortcoming" in msg
    path = _write_broken(tmp_path, "    cue_not_in: [plan]", "    cue_not_in: [plans]")
    with pytest.raises(RubricError, match=r"cue_not_in\[0\].*plans"):
        load_rubric(str(path))
