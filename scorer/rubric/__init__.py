"""Load a rubric: find it by id or path, merge what it extends, validate it, build the frozen model.

Inside the package each module imports only those below it (a contract in pyproject.toml):
model → patterns → source → schema → options → inherit → build → this one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from scorer.rubric.build import build
from scorer.rubric.inherit import merge_chain
from scorer.rubric.model import CheckOptions, CriterionSpec, Lang, Requirement, Rubric, RuleSpec, Selector
from scorer.rubric.options import complete
from scorer.rubric.patterns import pattern_strings, patterns_of
from scorer.rubric.schema import check_schema, rubric_schema, schema_for, validate
from scorer.rubric.source import builtin_dir, builtin_ids, parse_yaml, resolve, ui_label
from scorer.yamlpos import Locator, Source

__all__ = ["CheckOptions", "CriterionSpec", "Lang", "Requirement", "Rubric", "RuleSpec", "Selector", "builtin_dir",
           "builtin_ids", "load_rubric", "pattern_strings", "patterns_of", "resolve", "rubric_schema", "ui_label",
           "with_check_options"]


def load_rubric(ref: str = "national", checks: CheckOptions | None = None) -> Rubric:
    """Load a rubric by built-in id or file path; every problem is a RubricError naming file:line.

    With ``checks`` (the checks' options, as scorer.api.load_rubric passes them) the `checks:` block is
    validated too, its patterns compiled and its options completed and typed; without, it is kept as
    written (scorer.api types it before scoring).
    """
    path = resolve(ref)
    data, node = parse_yaml(path)
    schema = schema_for(checks)
    parents: tuple[str, ...] = ()
    where = Locator(path, node)
    if "extends" in data:
        data, origins, parents = merge_chain(path, data, node, schema)
        for key in ("extends", "overrides", "drop"):
            data.pop(key, None)
        where = Locator(path, node, origins)
    validate(data, where, schema, _patterns_of_checks(data, checks, schema, where))
    return build(data, where, path, parents, checks, schema["$defs"])


def _patterns_of_checks(data: dict[str, Any], checks: CheckOptions | None, schema: dict[str, Any],
                        where: Locator) -> Callable[[], object] | None:
    """Every pattern of `checks:` checked at its line (part of the validation remembered for a rubric)."""
    if checks is None:
        return None
    return lambda: complete(checks.schema, schema["$defs"], data.get("checks", {}), where, ["checks"])


def with_check_options(rubric: Rubric, checks: CheckOptions) -> Rubric:
    """A rubric loaded without the checks' options (``load_rubric(ref)``), with them: its `checks:` block
    validated, its patterns compiled, its options completed and typed (errors name the file, no line)."""
    schema = schema_for(checks)
    where = Locator(Path(rubric.path), None, {(): Source(Path(rubric.path), None, ("checks",))})
    check_schema(rubric.checks, {"$defs": schema["$defs"], **checks.schema}, where,
                 lambda: complete(checks.schema, schema["$defs"], rubric.checks, where, []))
    options = complete(checks.schema, schema["$defs"], rubric.checks, None, [])
    return replace(rubric, checks=options, check_options=checks.build(options))
