"""`scorer rules`: list the rule ids with their severity and one line, or print one rule's documentation."""

from __future__ import annotations

import click

from scorer.cli import fail, main
from scorer.errors import ScorerError


@main.command()
@click.argument("rule_id", required=False)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh",
              help="Language of the summaries and of a rule's explanation [zh].")
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
    if lang == "zh":
        click.echo(explained(rule_id, severity(rule_id), rubric.title.get(lang) or rubric.id))
        return
    click.echo(f"{rule_id} ({severity(rule_id)} in {rubric.id}): {rule_summary(rule_id, lang)}\n")
    click.echo((mod.__doc__ or "").strip())


def explained(rule_id: str, severity: str, rubric: str) -> str:
    """A rule explained in Chinese (rubrics/ui/rules.yaml): what it checks, why, a passing and a failing example,
    how to fix it."""
    from scorer.checks import rule_summary
    from scorer.i18n import t
    from scorer.uiwords import table

    words = table("rules")
    entry = words.get(rule_id) or {}
    fix = (table("fixes").get(rule_id) or {}).get("zh", "")
    head = str(words["heading_severity"]).format(rule=rule_id, rubric=rubric,
                                                 severity=t("zh", severity) if severity != "off" else "off")
    parts = [f"{head}:{rule_summary(rule_id, 'zh')}"]
    for key, text in (("why", entry.get("why")), ("pass", entry.get("pass")), ("fail", entry.get("fail")),
                      ("fix", fix)):
        if text:
            parts.append(f"{words['heading_' + key]}:\n  {text}")
    return "\n\n".join(parts)
