"""`scorer rubric list|show ID|validate FILE`: the built-in rubrics, one rubric's outline, and its checks."""

from __future__ import annotations

import sys

import click

from scorer.cli import ExitCode, echo, fail, main

LANG = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
                    help="Language of labels and messages.")


@main.group()
def rubric() -> None:
    """List, show and validate rubrics (YAML files that say what a report must contain)."""


@rubric.command("list")
@LANG
def list_cmd(lang: str) -> None:
    """Every built-in rubric: id, what it extends, its deadline and title."""
    from scorer.api import load_rubric
    from scorer.rubric import builtin_ids, ui_label

    for rid in builtin_ids():
        r = load_rubric(rid)
        base = f"{ui_label(lang, 'extends')} {r.parents[0]}" if r.parents else ""
        echo(f"{rid:18} {base:16} {_deadline(r.raw, lang):14} {r.title.get(lang) or r.title['zh']}")


def _deadline(raw: dict[str, object], lang: str) -> str:
    from scorer.rubric import ui_label

    due = raw.get("deadline")
    if not isinstance(due, dict):
        return ""
    return ui_label(lang, "deadline_value", month=due["month"], day=due["day"])


@rubric.command()
@click.argument("ref")
@LANG
def show(ref: str, lang: str) -> None:
    """A rubric's parts in order with weights, headings and thresholds (REF: built-in id or file)."""
    from scorer.api import load_rubric
    from scorer.errors import ScorerError
    from scorer.rubric import ui_label

    try:
        r = load_rubric(ref)
    except ScorerError as exc:
        fail(str(exc))

    def tr(m: dict[str, str]) -> str:
        return m.get(lang) or m["zh"]

    echo(f"{r.id} {r.version}  {tr(r.title)}")
    if r.parents:
        echo(f"  {ui_label(lang, 'extends')}: {' → '.join(r.parents)}")
    due = _deadline(r.raw, lang)
    if due:
        echo(f"  {ui_label(lang, 'deadline')}: {due}")
    factor = "/".join(f"{r.status_factor[k]:g}" for k in ("found", "weak", "missing"))
    threshold = f"{ui_label(lang, 'pass_threshold')}: {r.pass_threshold:g}"
    echo(f"  {threshold}   {ui_label(lang, 'status_factor')}: {factor}")
    if r.order:
        echo(f"  {ui_label(lang, 'order')}: {' → '.join(r.order)}")
    echo(f"{ui_label(lang, 'outline')}:")
    for c in r.criteria:
        need = ui_label(lang, "required" if c.required else "optional")
        echo(f"  {c.id:14} {c.weight:>5g}  {need:8} {tr(c.label)}")
        echo(f"  {'':14}        {ui_label(lang, 'headings')}: {c.phrases[0]} (+{len(c.phrases) - 1})")
        if c.nest_in:
            echo(f"  {'':14}        {ui_label(lang, 'nest_in')}: {', '.join(c.nest_in)}")
        for req in c.requirements:
            echo(f"  {req.id:14} {req.weight:>5g}  {ui_label(lang, 'requirement'):8} {tr(req.label)}")


@rubric.command()
@click.argument("path")
@LANG
def validate(path: str, lang: str) -> None:
    """Schema and semantic checks of a rubric file, then its `examples:` self-tests.

    Exit 0: valid; 1: problems found; 2: the file cannot be loaded."""
    from scorer.api import load_rubric
    from scorer.errors import ScorerError
    from scorer.rubric import ui_label
    from scorer.selftest import lint, run_examples

    try:
        r = load_rubric(path)
    except ScorerError as exc:
        fail(str(exc))
    problems = lint(r, lang) + run_examples(r, lang)
    if problems:
        echo(ui_label(lang, "invalid", path=path, n=len(problems)))
        for p in problems:
            echo(f"  [{p.kind}] {p.message}")
        sys.exit(ExitCode.FAILED)
    echo(ui_label(lang, "valid", path=path, n=len(r.criteria), examples=len(r.examples)))
