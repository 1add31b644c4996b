"""`scorer rules`: list the rule ids with their severity and one line, or print one rule's documentation."""

from __future__ import annotations

import click

from scorer.cli import fail, main
from scorer.errors import ScorerError


@main.command()
@click.argument("rule_id", required=False)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", help="Language of the one-line summaries [zh].")
@click.option("--rubric", "rubric_ref", default="national", help="The rubric whose severities are shown [national].")
def rules(rule_id: str | None, lang: str, rubric_ref: str) -> None:
    """List the rules, or explain one (what it checks, why, examples, how to fix)."""
    from scorer.api import load_rubric
    from scorer.checks import all_rules, rule_summary

    try:
        rubric = load_rubric(rubric_ref)
    except ScorerError as exc:
        fail(str(exc))

    def severity(rid: str) -> str:
        spec = rubric.rule(rid)
        return "off" if spec.severity is None else spec.severity.value

    table = all_rules()
    if rule_id is None:
        for rid in sorted(table):
            click.echo(f"{rid:20} {severity(rid):8} {rule_summary(rid, lang)}")
        return
    mod = table.get(rule_id)
    if mod is None:
        fail(f"no such rule {rule_id!r} (see 'scorer rules')")
    click.echo(f"{rule_id} ({severity(rule_id)} in {rubric.id}): {rule_summary(rule_id, lang)}\n")
    click.echo((mod.__doc__ or "").strip())
