"""`scorer rules`: list the rule ids, or print one rule's documentation."""

from __future__ import annotations

import click

from scorer.cli import fail, main


@main.command()
@click.argument("rule_id", required=False)
def rules(rule_id: str | None) -> None:
    """List the rules, or explain one (what it checks, why, examples, how to fix)."""
    from scorer.checks import all_rules

    table = all_rules()
    if rule_id is None:
        for rid in sorted(table):
            doc = (table[rid].__doc__ or "").strip().splitlines()
            click.echo(f"{rid:22} {doc[0] if doc else ''}")
        return
    mod = table.get(rule_id)
    if mod is None:
        fail(f"no such rule {rule_id!r} (see 'scorer rules')")
    click.echo((mod.__doc__ or "").strip())
