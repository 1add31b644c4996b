"""Config discovery, precedence, validation messages and glob matching."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scorer.config import ConfigError, config_schema, discover, glob_match, load_config
from tests.conftest import REPORTS
from tests.test_cli import run


def test_discovery_walks_up_from_the_working_folder(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert discover(deep) is None
    (tmp_path / "scorer.yaml").write_text("threshold: 70\n", "utf-8")
    (tmp_path / "a" / "pyproject.toml").write_text("[project]\nname = 'x'\n", "utf-8")  # no [tool.scorer]: skipped
    assert discover(deep) == tmp_path / "scorer.yaml"
    (tmp_path / "a" / "pyproject.toml").write_text("[tool.scorer]\nthreshold = 80\n", "utf-8")
    assert discover(deep) == tmp_path / "a" / "pyproject.toml"
    assert load_config(start=deep).threshold == 80
    (tmp_path / "a" / "scorer.yaml").write_text("threshold: 90\n", "utf-8")
    assert load_config(start=deep).threshold == 90  # scorer.yaml beats pyproject.toml in the same folder


def test_overrides_cascade_and_rubric_paths_are_relative_to_the_config(tmp_path: Path) -> None:
    (tmp_path / "scorer.yaml").write_text(
        "rubric: national\n"
        "rules: {section-order: info}\n"
        "overrides:\n"
        "  - files: departments/**\n"
        "    rubric: rubrics/dept.yaml\n"
        "  - files: ['2019/**', '*.md']\n"
        "    rules: {causes-missing: off}\n", "utf-8")
    cfg = load_config(tmp_path / "scorer.yaml")
    assert cfg.settings_for(tmp_path / "x.txt") == ("national", {"section-order": "info"})
    ref, _rules = cfg.settings_for(tmp_path / "departments" / "a" / "r.txt")
    assert ref == str(tmp_path / "rubrics" / "dept.yaml")
    assert cfg.settings_for(tmp_path / "2019" / "r.txt")[1] == {"section-order": "info", "causes-missing": "off"}
    assert cfg.settings_for(tmp_path / "deep" / "r.md")[1]["causes-missing"] == "off"
    assert cfg.settings_for(tmp_path.parent / "elsewhere.txt") == ("national", {"section-order": "info"})


@pytest.mark.parametrize(("pattern", "path", "hit"), [
    ("departments/**", "departments/a/b.txt", True),
    ("departments/**", "other/departments/b.txt", False),
    ("departments", "departments/b.txt", True),
    ("*.md", "a/b/c.md", True),
    ("*.md", "a/b/c.txt", False),
    ("**/draft-*.txt", "draft-1.txt", True),
    ("**/draft-*.txt", "x/y/draft-1.txt", True),
    ("20[12]?/*.txt", "2019/a.txt", True),
    ("20[12]?/*.txt", "2019/x/a.txt", False),
    ("20[!1]?/*.txt", "2019/a.txt", False),
])
def test_globs(pattern: str, path: str, hit: bool) -> None:
    assert glob_match(pattern, path) is hit


@pytest.mark.parametrize(("text", "want"), [
    ("threshold: 70\nfromat: json\n", "scorer.yaml:1: (top level): unknown key fromat"),
    ("overrides:\n  - files: a/**\n    rules: {causes-missing: loud}\n",
     "scorer.yaml:3: overrides[0].rules.causes-missing: expected one of error, warning, info, off, got 'loud'"),
    ("threshold: high\n", "scorer.yaml:1: threshold: expected number, got str"),
    ("overrides:\n  - rubric: x\n", "scorer.yaml:2: overrides[0]: 'files' is a required property"),
    ("include: [1]\n", "scorer.yaml:1: include[0]: expected string, got int"),
    ("threshold: [\n", "scorer.yaml:2: invalid YAML"),
])
def test_bad_config_names_file_line_and_key(tmp_path: Path, text: str, want: str) -> None:
    (tmp_path / "scorer.yaml").write_text(text, "utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(tmp_path / "scorer.yaml")
    assert str(exc.value).startswith(str(tmp_path / want.split(":")[0])), exc.value
    assert want.split("scorer.yaml", 1)[1] in str(exc.value)


def test_bad_pyproject_table_names_the_dotted_key(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.scorer]\nfail_on = 'notice'\n", "utf-8")
    with pytest.raises(ConfigError, match=r"pyproject.toml: tool.scorer.fail_on: expected one of error, warning, info, off"):
        load_config(start=tmp_path)


def test_off_written_bare_in_yaml_means_off(tmp_path: Path) -> None:
    (tmp_path / "scorer.yaml").write_text("rules:\n  mojibake: off\n  text-noise: 'off'\n", "utf-8")
    assert load_config(tmp_path / "scorer.yaml").rules == {"mojibake": "off", "text-noise": "off"}


def test_schema_lists_every_format() -> None:
    from scorer.render import BINARY_FORMATS, FORMATS

    assert set(config_schema()["properties"]["format"]["enum"]) == set(FORMATS) | set(BINARY_FORMATS)


def test_cli_precedence_option_over_config_file_over_discovered(tmp_path: Path) -> None:
    report = str(REPORTS / "qinghe-county-2024.txt")
    (tmp_path / "scorer.yaml").write_text("format: json\nlang: en\n", "utf-8")
    other = tmp_path / "other.yaml"
    other.write_text("format: markdown\n", "utf-8")
    assert json.loads(run("check", report, cwd=tmp_path).stdout)["reports"][0]["criteria"][0]["label"] == \
        "Leaders' first-responsibility duty"
    assert run("check", report, "--config", str(other), cwd=tmp_path).stdout.startswith("## ")
    assert run("check", report, "--config", str(other), "--format", "github", cwd=tmp_path).stdout.startswith(
        f"{report}: 100/100")


def test_cli_threshold_from_config_and_fail_under_overrides_it(tmp_path: Path) -> None:
    report = str(REPORTS / "qinghe-county-2024.txt")  # scores 100
    (tmp_path / "pyproject.toml").write_text("[tool.scorer]\nthreshold = 100\nformat = 'json'\n", "utf-8")
    assert run("check", report, cwd=tmp_path).returncode == 0
    assert run("check", report, "--fail-under", "100", cwd=tmp_path).returncode == 0
    (tmp_path / "pyproject.toml").write_text("[tool.scorer]\nformat = 'json'\n", "utf-8")
    draft = str(REPORTS / "draft-with-problems.txt")
    assert run("check", draft, cwd=tmp_path).returncode == 1
    assert run("check", draft, "--exit-zero", cwd=tmp_path).returncode == 0


def test_cli_bad_config_is_one_line_exit_2(tmp_path: Path) -> None:
    (tmp_path / "scorer.yaml").write_text("overrides: {}\n", "utf-8")
    proc = run("check", str(REPORTS / "qinghe-county-2024.txt"), cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == f"scorer: {tmp_path / 'scorer.yaml'}:1: overrides: expected array, got dict"


def test_github_format_is_chosen_under_github_actions(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "GITHUB_ACTIONS": "true", "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "scorer.cli", "check", str(REPORTS / "draft-with-problems.txt")],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert proc.returncode == 1
    assert proc.stdout.startswith("::")
