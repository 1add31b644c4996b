"""`scorer init OUT`: write a report template (Markdown or Word) for drafting staff."""

from __future__ import annotations

import datetime

import click

from scorer.cli import fail, main


@main.command()
@click.argument("out", type=click.Path(dir_okay=False))
@click.option("--rubric", "rubric_ref", default="national", show_default=True,
              help="Built-in rubric id or a rubric YAML file.")
@click.option("--format", "fmt", type=click.Choice(["md", "docx"]), default=None,
              help="Output format (default: from OUT's extension, else md).")
@click.option("--year", type=int, default=None, help="The year reported (default: last year).")
@click.option("--issuer", default=None, help="The reporting body, e.g. 青河县人民政府 (default: ××).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the hints.")
@click.option("--force", is_flag=True, help="Overwrite OUT if it exists.")
def init(out: str, rubric_ref: str, fmt: str | None, year: int | None, issuer: str | None, lang: str,
         force: bool) -> None:
    """Write a template with the rubric's required headings in order, the year filled in and a hint per part."""
    from pathlib import Path

    from scorer.api import load_rubric
    from scorer.errors import ScorerError
    from scorer.template import skeleton, to_docx, to_markdown

    path = Path(out)
    if path.exists() and not force:
        fail(f"{out}: already exists (use --force to overwrite)")
    try:
        rubric = load_rubric(rubric_ref)
    except ScorerError as exc:
        fail(str(exc))
    fmt = fmt or ("docx" if path.suffix.lower() == ".docx" else "md")
    sk = skeleton(rubric, year or datetime.date.today().year - 1, lang, issuer)
    try:
        if fmt == "docx":
            path.write_bytes(to_docx(sk))
        else:
            path.write_text(to_markdown(sk), "utf-8")
    except OSError as exc:
        fail(f"{out}: cannot write ({exc.strerror or exc})")
    click.echo(f"{out}: {len(sk.parts)} parts ({rubric.id})", err=True)
