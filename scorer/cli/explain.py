"""`scorer explain REPORT`: the outline the engine saw and why each criterion matched as it did."""

from __future__ import annotations

import json

import click

from scorer.cli import fail, main


@main.command()
@click.argument("report")
@click.option("--rubric", "rubric_ref", default="auto", show_default=True,
              help="Built-in rubric id, a rubric YAML file, or 'auto' (choose by the report's title and issuer).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of labels and messages.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def explain(report: str, rubric_ref: str, lang: str, fmt: str) -> None:
    """Show the heading tree with each node's best criterion and score, and per criterion the candidates it weighed."""
    from pathlib import Path

    from scorer.api import AUTO, choose_rubric, load_rubric
    from scorer.errors import InputError, ScorerError
    from scorer.explain import explain_document
    from scorer.i18n import t
    from scorer.read import read_path
    from scorer.rubric import ui_label

    try:
        doc = read_path(Path(report))
        if rubric_ref == AUTO:
            rubric, reason = choose_rubric(doc, lang)
        else:
            rubric, reason = load_rubric(rubric_ref), None
    except InputError as exc:
        fail(f"{exc.path}: {exc.reason}")
    except ScorerError as exc:
        fail(str(exc))
    exp = explain_document(doc, rubric, lang, reason)
    if fmt == "json":
        click.echo(json.dumps(exp.to_dict(), ensure_ascii=False, indent=2, sort_keys=True))
        return
    chosen = ui_label(lang, "selected", rubric=rubric.id, reason=reason) if reason else f"{rubric.id} {rubric.version}"
    click.echo(f"{exp.path}  {chosen}")
    click.echo(f"\n{ui_label(lang, 'explain_tree')}:")
    none = ui_label(lang, "no_claim")
    for node in exp.nodes:
        pad = "  " * node.level
        where = f"L{node.line}" if node.line is not None else ""
        took = "+".join(node.claimed_by) or none
        best = f"{ui_label(lang, 'best')} {node.best} {node.score:.2f}" if node.best else ""
        click.echo(f"{where:>6} {pad}{node.number or ''} {node.title}  → {took}  {best}".rstrip())
    click.echo(f"\n{ui_label(lang, 'explain_criteria')}:")
    for c in exp.criteria:
        click.echo(f"  {c.id} {c.label}: {t(lang, c.status)} ({c.points:g}/{c.max_points:g})  {c.why}")
        if not c.candidates:
            click.echo(f"      {ui_label(lang, 'no_candidates')}")
        for cand, note in c.candidates[:6]:
            line = f"L{cand.line}" if cand.line is not None else ""
            row = f"      {cand.score:.2f} {cand.kind.value:12} {line:>5} {cand.text[:40]}  {cand.reason} {note}"
            click.echo(row.rstrip())
    click.echo(f"\n{exp.card.score:g}/100 {exp.card.verdict.value}")
