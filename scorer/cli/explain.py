"""`scorer explain REPORT`: the outline the engine saw and why each criterion matched as it did."""

from __future__ import annotations

import json

import click

from scorer.cli import echo, fail, main
from scorer.cli.check import MEMORY_OPTION, TIMEOUT_OPTION, memory_bytes


@main.command()
@click.argument("report")
@click.option("--rubric", "rubric_ref", default="auto", show_default=True,
              help="Built-in rubric id, a rubric YAML file, or 'auto' (choose by the report's title and issuer).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of labels and messages.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@TIMEOUT_OPTION
@MEMORY_OPTION
def explain(report: str, rubric_ref: str, lang: str, fmt: str, timeout: float | None,
            memory_limit: str | None) -> None:
    """Show the heading tree with each node's best criterion and score, and per criterion the candidates it weighed."""
    from scorer.explain import explain_file
    from scorer.i18n import t
    from scorer.render.safe import json_text
    from scorer.rubric import ui_label
    from scorer.workers import DEFAULT_MEMORY, DEFAULT_TIMEOUT, Limits, Lost, Pool, available

    limits = Limits(timeout or DEFAULT_TIMEOUT, memory_bytes(memory_limit) or DEFAULT_MEMORY)
    task = (report, rubric_ref, lang)
    if available():  # in a worker, bounded in time and memory like a file of `scorer check`
        with Pool(explain_file, 1, limits) as pool:
            exp = pool.run(task)
    else:
        exp = explain_file(task)
    if isinstance(exp, Lost):
        fail(f"{report}: {exp.describe(limits, lang)}")
    if isinstance(exp, str):
        fail(exp)
    if fmt == "json":
        click.echo(json_text(json.dumps(exp.to_dict(), ensure_ascii=False, indent=2, sort_keys=True)))
        return
    card, reason = exp.card, exp.selection
    chosen = (ui_label(lang, "selected", rubric=card.rubric_id, reason=reason) if reason
              else f"{card.rubric_id} {card.rubric_version}")
    echo(f"{exp.path}  {chosen}")
    echo(f"\n{ui_label(lang, 'explain_tree')}:")
    none = ui_label(lang, "no_claim")
    for node in exp.nodes:
        pad = "  " * node.level
        where = f"L{node.line}" if node.line is not None else ""
        took = "+".join(node.claimed_by) or none
        best = f"{ui_label(lang, 'best')} {node.best} {node.score:.2f}" if node.best else ""
        echo(f"{where:>6} {pad}{node.number or ''} {node.title}  → {took}  {best}".rstrip())
    echo(f"\n{ui_label(lang, 'explain_criteria')}:")
    for c in exp.criteria:
        echo(f"  {c.id} {c.label}: {t(lang, c.status)} ({c.points:g}/{c.max_points:g})  {c.why}")
        if not c.candidates:
            echo(f"      {ui_label(lang, 'no_candidates')}")
        for cand, note in c.candidates[:6]:
            line = f"L{cand.line}" if cand.line is not None else ""
            row = f"      {cand.score:.2f} {cand.kind.value:12} {line:>5} {cand.text[:40]}  {cand.reason} {note}"
            echo(row.rstrip())
    echo(f"\n{exp.card.score:g}/100 {exp.card.verdict.value}")
