"""Run the checks: an explicit registry of check modules, each yielding findings from a Context."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from types import ModuleType
from typing import Any

from scorer.checks import deadline, formal, genre, history, noise, placeholder, sections, spam, substance, year
from scorer.checks.base import Context
from scorer.model import Finding
from scorer.rubric import CheckOptions

CheckFn = Callable[[Context], Iterator[Finding | None]]

# Module id -> module. A test fails when a module in this package is not listed here.
REGISTRY: dict[str, ModuleType] = {
    genre.ID: genre,
    sections.ID: sections,
    noise.ID: noise,
    spam.ID: spam,
    placeholder.ID: placeholder,
    formal.ID: formal,
    year.ID: year,
    deadline.ID: deadline,
    substance.ID: substance,
    history.ID: history,
}


def all_rules() -> dict[str, ModuleType]:
    """Rule id -> the module that raises it (its docstring is the rule's documentation)."""
    return {rule: mod for mod in REGISTRY.values() for rule in mod.RULES}


def rule_summary(rule_id: str, lang: str = "zh") -> str:
    """A rule's one line in ``lang`` (zh or en); "" for an unknown rule."""
    mod = all_rules().get(rule_id)
    if mod is None:
        return ""
    zh, en = mod.RULES[rule_id]
    return str(en if lang == "en" else zh)


@lru_cache(maxsize=1)
def check_options() -> CheckOptions:
    """The rubric's `checks:` block as the registered checks declare it: each module's option groups
    (OPTIONS, JSON Schema with defaults) composed, no other group allowed, and typed by them (TYPED)."""
    groups: dict[str, Any] = {g: frag for mod in REGISTRY.values() for g, frag in mod.OPTIONS.items()}
    schema = {"type": "object", "additionalProperties": False, "properties": groups,
              "description": "Options of the checks, by option group (OPTIONS in scorer/checks/*.py)."}
    return CheckOptions(schema, _typed)


def _typed(checks: dict[str, dict[str, Any]]) -> Mapping[str, object]:
    """Each group of a completed `checks:` block as the object its check reads."""
    types: dict[str, Callable[[dict[str, Any]], object]] = {
        g: fn for mod in REGISTRY.values() for g, fn in mod.TYPED.items()}
    return {g: types[g](opts) for g, opts in checks.items()}


def run_checks(ctx: Context) -> tuple[Finding, ...]:
    findings: list[Finding] = []
    for mod in REGISTRY.values():
        fn: CheckFn = mod.check
        findings.extend(f for f in fn(ctx) if f is not None)
    # A finding whose rule stands alone (not-a-report) makes every other one beside the point.
    alone = [f for f in findings if ctx.rubric.rule(f.rule).options.get("alone")]
    unique = {(f.rule, f.line, f.criterion, f.message): f for f in alone or findings}
    return tuple(sorted(unique.values(), key=lambda f: f.sort_key()))


__all__ = ["REGISTRY", "Context", "all_rules", "check_options", "rule_summary", "run_checks"]
