"""The README's examples are tested so that they cannot drift: its config loads and validates, its rubric passes
`scorer rubric validate`, and every option its command lines use exists on that command."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest
import yaml

from scorer.cli import main
from scorer.config import load_config
from tests.conftest import ROOT
from tests.test_cli import run

README = (ROOT / "README.md").read_text("utf-8")


def blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, re.S)


def yaml_example(key: str) -> str:
    found = [b for b in blocks("yaml") if re.search(rf"^{key}:", b, re.M)]
    assert len(found) == 1, f"one ```yaml block of the README opens a {key}: line"
    return found[0]


def test_every_yaml_example_is_tested_here() -> None:
    # A config (rubric: …), a rubric extension (extends: …) and the checks' options (checks: …); a new kind
    # of example needs a test of its own.
    assert len(blocks("yaml")) == 3
    yaml_example("rubric")
    yaml_example("extends")
    yaml_example("checks")


def test_the_config_example_loads_and_means_what_its_comments_say(tmp_path: Path) -> None:
    (tmp_path / "scorer.yaml").write_text(yaml_example("rubric"), "utf-8")
    cfg = load_config(tmp_path / "scorer.yaml")
    assert (cfg.rubric, cfg.threshold, cfg.fail_on, cfg.format, cfg.max_bytes) == ("national", 60, "error", "rich",
                                                                                   20 * 1024 * 1024)
    assert cfg.include == ("**/*.txt", "**/*.docx") and cfg.exclude == ("drafts",)
    assert cfg.rules == {"section-order": "info"}
    assert [o.files for o in cfg.overrides] == [("departments/**",), ("2019/**",)]
    assert cfg.overrides[0].rubric == str(tmp_path / "rubrics/department.yaml")
    assert cfg.overrides[1].rules == {"causes-missing": "off"}  # a bare off reads as false, and means off
    proc = run("check", "--show-settings", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert yaml.safe_load(proc.stdout)["rules"]["section-order"] == "info"


def test_the_rubric_example_passes_validate(tmp_path: Path) -> None:
    path = tmp_path / "my-province.yaml"
    path.write_text(yaml_example("extends"), "utf-8")
    proc = run("rubric", "validate", str(path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "评分标准有效" in proc.stdout


def _command_lines() -> list[list[str]]:
    out = []
    for block in blocks("sh"):
        for line in block.splitlines():
            line = line.split("#")[0].split("<")[0].strip()
            if line.startswith("scorer "):
                out.append(shlex.split(line)[1:])
    return out


@pytest.mark.parametrize("argv", _command_lines(), ids=lambda a: " ".join(a))
def test_every_option_in_the_readme_exists(argv: list[str]) -> None:
    cmd: click.Command = main
    words = list(argv)
    while isinstance(cmd, click.Group) and words and words[0] in cmd.commands:
        cmd = cmd.commands[words.pop(0)]
    assert not isinstance(cmd, click.Group), argv
    known = {opt for p in cmd.params for opt in (*p.opts, *p.secondary_opts)}
    for word in words:
        if word.startswith("-") and word != "-":
            assert word.split("=")[0] in known, f"{' '.join(argv)}: {word} is not an option of {cmd.name}"


def test_the_checks_example_loads_with_its_words(tmp_path: Path) -> None:
    from scorer.api import load_rubric

    path = tmp_path / "words.yaml"
    path.write_text('extends: national\nid: words\nversion: "1"\n' + yaml_example("checks"), "utf-8")
    rubric = load_rubric(str(path))
    assert [p.pattern for p in rubric.check_options["placeholder"].patterns[-2:]] == ["某某县", r"\(待补充\)"]
    assert rubric.matters is not None and rubric.matters.search("申请行政复议")
