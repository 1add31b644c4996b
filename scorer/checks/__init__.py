"""Run the checks: an explicit registry of check modules, each yielding findings from a Context."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import ModuleType

from scorer.checks import deadline, formal, genre, history, noise, placeholder, sections, spam, substance, year
from scorer.checks.base import Context
from scorer.model import Finding

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


def run_checks(ctx: Context) -> tuple[Finding, ...]:
    findings: list[Finding] = []
    for mod in REGISTRY.values():
        fn: CheckFn = mod.check
        findings.extend(f for f in fn(ctx) if f is not None)
    # A finding whose rule stands alone (not-a-report) makes every other one beside the point.
    alone = [f for f in findings if ctx.rubric.rule(f.rule).options.get("alone")]
    unique = {(f.rule, f.line, f.criterion, f.message): f for f in alone or findings}
    return tuple(sorted(unique.values(), key=lambda f: f.sort_key()))


__all__ = ["REGISTRY", "Context", "all_rules", "rule_summary", "run_checks"]
