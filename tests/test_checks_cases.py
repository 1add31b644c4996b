"""Each check rule on named cases: texts that must trigger it and close texts that must not.

The cases are data, one YAML file per rule under tests/cases/checks/. A case starts from a base
report written for this project (``qinghe``: reports/qinghe-county-2024.txt, a complete report with
no findings; ``long``: tests/cases/checks/long-report.txt, the same with longer measures) and
changes it: ``edit`` (literal replacements, each must apply once), ``sub`` (regular expressions,
each must apply), ``cut`` (the text is cut off where this string starts, like a web excerpt), or
gives its own ``text``. ``rubric`` overrides parts of the national rubric. A trigger case may ask
for the finding's ``line`` (as in the file), its ``severity`` and words it ``says``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from scorer.api import score_text
from scorer.checks import deadline, formal, genre, placeholder, spam, substance, year
from scorer.rubric import Rubric, builtin_dir, load_rubric
from tests.conftest import REPORTS

CASES = Path(__file__).parent / "cases" / "checks"
BASES = {"qinghe": REPORTS / "qinghe-county-2024.txt", "long": CASES / "long-report.txt"}
NEW_RULES = [r for mod in (formal, year, deadline, placeholder, substance, spam, genre) for r in mod.RULES] + ["causes-missing"]


def _cases() -> list[Any]:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for kind in ("trigger", "pass"):
            for case in data.get(kind, []):
                case = {"base": data.get("base", "qinghe"), **case}
                out.append(pytest.param(data["rule"], kind, case, id=f"{data['rule']}:{kind}:{case['name']}"))
    return out


def _text(case: dict[str, Any]) -> str:
    text = case["text"] if "text" in case else BASES[case["base"]].read_text("utf-8")
    for old, new in case.get("edit", []):
        assert old in text, f"edit does not apply: {old!r}"
        text = text.replace(old, new, 1)
    for pattern, new in case.get("sub", []):
        text, n = re.subn(pattern, new, text)
        assert n, f"sub does not apply: {pattern!r}"
    if "cut" in case:
        assert case["cut"] in text
        text = text[: text.index(case["cut"])]
    return text


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        return {**base, **{k: _merge(base.get(k), v) for k, v in over.items()}}
    return over


_RUBRICS: dict[str, Rubric] = {}


def _rubric(overrides: dict[str, Any] | None, tmp_path: Path) -> Rubric:
    if not overrides:
        return load_rubric("national")
    key = repr(overrides)
    if key not in _RUBRICS:
        data = yaml.safe_load((builtin_dir() / "national.yaml").read_text("utf-8"))
        path = tmp_path / "rubric.yaml"
        path.write_text(yaml.safe_dump(_merge(data, overrides), allow_unicode=True), "utf-8")
        _RUBRICS[key] = load_rubric(str(path))
    return _RUBRICS[key]


@pytest.mark.parametrize(("rule", "kind", "case"), _cases())
def test_case(rule: str, kind: str, case: dict[str, Any], tmp_path: Path) -> None:
    card = score_text(_text(case), _rubric(case.get("rubric"), tmp_path))
    hits = [f for f in card.findings if f.rule == rule]
    shown = "\n".join(f"  {f.rule} {f.severity.value} line {f.line}: {f.message}" for f in card.findings)
    if kind == "pass":
        assert not hits, f"{rule} raised on a text that must pass:\n{shown}"
        return
    assert hits, f"{rule} not raised:\n{shown}"
    if "line" in case:
        assert any(f.line == case["line"] for f in hits), f"no {rule} on line {case['line']}:\n{shown}"
    if "severity" in case:
        assert all(f.severity.value == case["severity"] for f in hits)
    for word in case.get("says", []):
        assert any(word in f.message for f in hits), f"no {rule} says {word!r}:\n{shown}"


def test_every_new_rule_has_cases_both_ways() -> None:
    seen: dict[str, set[str]] = {}
    for param in _cases():
        rule, kind, _ = param.values
        seen.setdefault(rule, set()).add(kind)
    for rule in NEW_RULES:
        assert seen.get(rule) == {"trigger", "pass"}, rule


def test_english_messages_are_worded_from_the_rubric() -> None:
    text = BASES["qinghe"].read_text("utf-8").replace("2025年2月26日", "2025年4月3日").replace(
        "全年审查县政府规范性文件18件", "全年审查县政府规范性文件××件")
    card = score_text(text, load_rubric("national"))  # one card: its words are in every language
    by_rule = {f.rule: f.message_in("en") for f in card.findings}
    assert by_rule["late-report"] == "The date of the report is 2025-04-03, after the deadline (before 2025-04-01)."
    assert by_rule["placeholder"] == "Template placeholders left in: “××”."
