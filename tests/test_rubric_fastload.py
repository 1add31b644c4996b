"""Fast rubric loading: libyaml gives the same data and lines; only schema-valid contents are remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scorer.errors import RubricError
from scorer.rubric import builtin_dir, load_rubric
from scorer.rubric.source import _load_yaml


@pytest.mark.parametrize("path", sorted(builtin_dir().glob("*.yaml")), ids=lambda p: p.name)
def test_fast_loader_gives_the_same_data_and_lines(path: Path) -> None:
    text = path.read_text("utf-8")
    data, node = _load_yaml(text)
    assert repr(data) == repr(yaml.safe_load(text))
    slow = yaml.compose(text, Loader=yaml.SafeLoader)

    def lines(n: yaml.Node | None) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        stack = [n]
        while stack:
            cur = stack.pop()
            if cur is None:
                continue
            out.append((cur.start_mark.line, cur.start_mark.column))
            if isinstance(cur, yaml.MappingNode):
                for k, v in cur.value:
                    stack.extend((k, v))
            elif isinstance(cur, yaml.SequenceNode):
                stack.extend(cur.value)
        return out

    assert lines(node) == lines(slow)


def test_broken_yaml_gets_the_pure_python_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ncriteria: [\n  - a: b\n", "utf-8")
    with pytest.raises(RubricError) as fast:
        load_rubric(str(bad))
    try:
        yaml.safe_load(bad.read_text("utf-8"))
    except yaml.YAMLError as exc:
        assert getattr(exc, "problem", None) in str(fast.value)


def test_a_valid_content_is_remembered_an_invalid_one_never(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCORER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SCORER_NO_CACHE", raising=False)
    load_rubric("national")
    remembered = list((tmp_path / "cache").iterdir())
    assert len(remembered) == 1
    text = (builtin_dir() / "national.yaml").read_text("utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("pass_threshold:", "pass_threshold: oops\n  _was:", 1), "utf-8")
    for _ in range(2):  # the failure is reported each time, with its line
        with pytest.raises(RubricError, match=r"broken\.yaml:\d+: scoring"):
            load_rubric(str(broken))
    assert len(list((tmp_path / "cache").iterdir())) == 1
    load_rubric("national")  # from the cache: the same rubric
    assert load_rubric("national").raw == yaml.safe_load(text)


def test_a_backtracking_pattern_is_refused_every_time_and_a_remembered_rubric_builds_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCORER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SCORER_NO_CACHE", raising=False)
    text = (builtin_dir() / "national.yaml").read_text("utf-8")
    risky = tmp_path / "risky.yaml"
    risky.write_text(text.replace("anchors:\n", "anchors:\n      - '(措|措措)+施'\n", 1), "utf-8")
    for _ in range(2):  # the build refuses it, so its content is never remembered as valid
        with pytest.raises(RubricError, match=r"risky\.yaml:\d+: .*backtrack catastrophically"):
            load_rubric(str(risky))
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").iterdir())
    first = load_rubric("national")  # checked in full, then remembered
    again = load_rubric("national")  # remembered: compiled without the backtracking check
    assert len(list((tmp_path / "cache").iterdir())) == 1
    assert [c.anchors for c in again.criteria] == [c.anchors for c in first.criteria]
    assert again.matters == first.matters and again.spam == first.spam


@pytest.mark.parametrize("path", sorted((builtin_dir() / "ui").glob("*.yaml")) + sorted(
    (builtin_dir() / "vocabulary").glob("*.yaml")), ids=lambda p: p.name)
def test_interface_words_and_vocabulary_read_the_same_with_libyaml(path: Path) -> None:
    text = path.read_text("utf-8")
    assert yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) == yaml.safe_load(text)
