"""The rubric's `checks:` block validated at load against the options each check declares (OPTIONS):
typo keys and bad patterns are one file:line error and exit 2 before any report is scored; `words:`
beside `patterns:`; defaults completed; the scorer/rubric package without an import cycle."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import scorer.rubric
from scorer.api import load_rubric, score_text
from scorer.checks import REGISTRY, check_options
from scorer.checks.placeholder import Options as PlaceholderOptions
from scorer.errors import RubricError
from scorer.rubric import load_rubric as load_rubric_file
from tests.conftest import REPORTS, ROOT

SAMPLE = REPORTS / "qinghe-county-2024.txt"
HEAD = 'extends: national\nid: mine\nversion: "1"\n'


def write(tmp_path: Path, body: str, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + body, "utf-8")
    return path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scorer.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "COLUMNS": "120"}, timeout=120)


def one_line(proc: subprocess.CompletedProcess[str]) -> str:
    """The single error line on stderr, nothing on stdout, exit 2: no report was scored."""
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == "" and "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


# ---------------------------------------------------------------- errors at load, with file:line


def test_a_typo_key_under_checks_spam_fails_validate_with_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "checks:\n  spam:\n    contxt_chars: 5\n")
    line = one_line(run("rubric", "validate", str(path)))
    assert line == (f"scorer: {path}:6: checks.spam: Additional properties are not allowed "
                    "('contxt_chars' was unexpected)")


def test_an_unknown_option_group_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RubricError, match=r"mine.yaml:5: checks: Additional properties .*'spm' was unexpected"):
        load_rubric(str(write(tmp_path, "checks:\n  spm: {context_chars: 5}\n")))


def test_a_wrong_type_inside_a_group_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "checks:\n  substance:\n    thin:\n      min_ratio: lots\n")
    with pytest.raises(RubricError, match=r"mine.yaml:7: checks.substance.thin.min_ratio: expected number, got str"):
        load_rubric(str(path))


@pytest.mark.parametrize("command", ["check", "validate"])
def test_a_bad_pattern_in_checks_is_one_line_and_exit_2_before_any_report(tmp_path: Path, command: str) -> None:
    path = write(tmp_path, "checks:\n  placeholder:\n    patterns:\n      - 'XX'\n      - '(unclosed'\n")
    args = ("check", str(REPORTS), "--rubric", str(path)) if command == "check" else ("rubric", "validate",
                                                                                       str(path))
    line = one_line(run(*args))
    assert line.startswith(f"scorer: {path}:8: checks.placeholder.patterns[1]: bad pattern '(unclosed'"), line


def test_every_pattern_kind_in_checks_is_compiled_at_load(tmp_path: Path) -> None:
    bodies = {
        "checks:\n  spam:\n    categories:\n      - label: {zh: 赌, en: bet}\n        patterns: ['[a-']\n": 8,
        "checks:\n  genre:\n    titles: {patterns: ['(?<=a+)b']}\n": 6,
        "checks:\n  formal:\n    title:\n      require:\n        - {pattern: '(', what: {zh: a, en: a}}\n": 8,
        "checks:\n  history:\n    mask: ['(x+x+)+y']\n": 6,
        "checks:\n  history:\n    item_markers: '*'\n": 6,
        "checks:\n  substance:\n    evidence:\n      figures: ['\\d+(']\n": 7,
    }
    for body, line in bodies.items():
        with pytest.raises(RubricError, match=rf"mine.yaml:{line}: checks\..*(bad pattern|backtrack)"):
            load_rubric(str(write(tmp_path, body)))


def test_a_mapping_of_patterns_with_a_typo_names_the_typo(tmp_path: Path) -> None:
    path = write(tmp_path, "checks:\n  genre:\n    titles: {pattern: [解读]}\n")
    with pytest.raises(RubricError, match=r"mine.yaml:6: checks.genre.titles: Additional properties .*'pattern'"):
        load_rubric(str(path))
    path = write(tmp_path, "checks:\n  genre:\n    titles: 解读\n")
    with pytest.raises(RubricError, match=r"checks.genre.titles: expected array or object, got str"):
        load_rubric(str(path))


# ---------------------------------------------------------------- words beside patterns


def test_words_are_matched_as_written(tmp_path: Path) -> None:
    text = SAMPLE.read_text("utf-8").replace("全年", "全年待定.*数据", 1)
    plain = score_text(text, load_rubric("national"))
    assert "placeholder" not in {f.rule for f in plain.findings}
    path = write(tmp_path, "checks:\n  placeholder:\n    words: ['待定.*数据', '某项统计']\n")
    rubric = load_rubric(str(path))
    found = [f for f in score_text(text, rubric).findings if f.rule == "placeholder"]
    assert len(found) == 1 and "待定.*数据" in found[0].text["zh"]
    assert not [f for f in score_text(text.replace("待定.*数据", "待定年度数据"), rubric).findings
                if f.rule == "placeholder"]  # a literal: the dot and star are not pattern syntax


def test_words_in_a_spam_category_and_in_a_pattern_list(tmp_path: Path) -> None:
    path = write(tmp_path, "checks:\n  spam:\n    categories:\n      - label: {zh: 测试, en: test}\n"
                           "        words: [青禾牌]\n  genre:\n    titles: {words: [答网友问]}\n"
                           "matters: {patterns: [执法], words: [复议]}\n")
    rubric = load_rubric(str(path))
    text = SAMPLE.read_text("utf-8").replace("全年", "全年青禾牌", 1)
    spam = [f for f in score_text(text, rubric).findings if f.rule == "spam-content"]
    assert [dict(f.params)["span"] for f in spam] == ["青禾牌"]
    assert rubric.check_options["genre"].titles[-1].pattern == "答网友问"  # type: ignore[attr-defined]
    assert rubric.matters is not None and rubric.matters.search("行政复议") and rubric.matters.search("执法")


# ---------------------------------------------------------------- defaults


def test_defaults_complete_the_options_the_rubric_leaves_out(tmp_path: Path) -> None:
    rubric = load_rubric(str(write(tmp_path, "checks:\n  spam:\n    context_chars: 3\n")))
    assert rubric.checks["spam"]["context_chars"] == 3
    assert rubric.checks["spam"]["allow"] == load_rubric("national").checks["spam"]["allow"]  # inherited
    placeholder = rubric.check_options["placeholder"]
    assert isinstance(placeholder, PlaceholderOptions) and placeholder.max_lines == 20


def test_a_rubric_without_checks_gets_every_default_and_no_genre_check(tmp_path: Path) -> None:
    data = (Path(scorer.rubric.builtin_dir()) / "national.yaml").read_text("utf-8")
    path = tmp_path / "bare.yaml"
    path.write_text(data[:data.index("\nchecks:\n")] + "\n", "utf-8")
    rubric = load_rubric(str(path))
    assert rubric.checks["substance"]["thin"] == {"min_ratio": 0.05, "min_measures_chars": 500}
    assert rubric.checks["history"]["item_markers"] == "(?!)" and rubric.checks["spam"]["categories"] == []
    assert "genre" not in rubric.check_options  # a rubric without checks.genre has that check off
    score_text(SAMPLE.read_text("utf-8"), rubric)


def test_a_rubric_loaded_without_the_checks_options_scores_the_same() -> None:
    text = SAMPLE.read_text("utf-8").replace("全年", "全年XX", 1)
    raw = load_rubric_file("national")
    assert raw.check_options == {}
    assert score_text(text, raw).to_dict("zh") == score_text(text, load_rubric("national")).to_dict("zh")


def test_a_rubric_loaded_without_them_still_has_its_check_options_validated(tmp_path: Path) -> None:
    raw = load_rubric_file(str(write(tmp_path, "checks:\n  placeholder:\n    patterns: ['(x+x+)+y']\n")))
    with pytest.raises(RubricError, match=r"mine.yaml: checks.placeholder.patterns\[0\]: .*backtrack"):
        score_text("一、主要举措和成效\n", raw)


# ---------------------------------------------------------------- the declarations and the package


def test_every_check_module_declares_its_options_and_types_each_group() -> None:
    groups: list[str] = []
    for mod in REGISTRY.values():
        assert set(mod.OPTIONS) == set(mod.TYPED), mod.__name__
        for name, fragment in mod.OPTIONS.items():
            assert fragment["type"] == "object" and fragment["additionalProperties"] is False, name
        groups += list(mod.OPTIONS)
    assert len(groups) == len(set(groups))  # one owner per group (dates: deadline; history: the history rules)
    schema = check_options().schema
    assert schema["additionalProperties"] is False and set(schema["properties"]) == set(groups)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    out = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    return out | {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}


def test_no_module_of_the_rubric_package_imports_the_package_itself() -> None:
    folder = Path(scorer.rubric.__file__).parent
    for path in folder.glob("*.py"):
        if path.name != "__init__.py":
            assert "scorer.rubric" not in _imports(path), path.name
    assert not (folder.parent / "inherit.py").exists() and not (folder.parent / "rubric.py").exists()


def test_the_package_layers_are_a_contract() -> None:
    import tomllib

    contracts: list[dict[str, Any]] = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"][
        "importlinter"]["contracts"]
    mine = [c for c in contracts if c.get("containers") == ["scorer.rubric"]]
    assert mine and mine[0]["type"] == "layers"
    declared = {m.strip() for layer in mine[0]["layers"] for m in layer.split("|")}
    assert declared == {p.stem for p in Path(scorer.rubric.__file__).parent.glob("*.py")} - {"__init__"}
