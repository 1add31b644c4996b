"""`scorer check`: score files, folders and globs, print a format, exit 0/1/2."""

from __future__ import annotations

import os
import sys

import click

from scorer.cli import ExitCode, fail, main
from scorer.errors import ScorerError
from scorer.render import FORMATS


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--rubric", "rubric_ref", default="national", show_default=True,
              help="Built-in rubric id or a rubric YAML file.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default=None,
              help="Output format (default: rich).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of labels and messages.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the output to this file instead of stdout.")
@click.option("--color/--no-color", default=None, help="Force or disable colour (NO_COLOR is respected).")
@click.option("--width", type=int, default=None, help="Terminal width for the rich format.")
def check(paths: tuple[str, ...], rubric_ref: str, fmt: str | None, lang: str, output: str | None,
          color: bool | None, width: int | None) -> None:
    """Score report files or folders. Exit 0: all pass; 1: some report fails; 2: bad input or usage."""
    from scorer.api import load_rubric, score_many
    from scorer.model import FileError, RunResult, Verdict
    from scorer.render import RenderOptions, render

    try:
        rubric = load_rubric(rubric_ref)
    except ScorerError as exc:
        fail(str(exc))
    cards = []
    errors = []
    for item in score_many(paths, rubric, lang, detail=fmt == "html"):
        if isinstance(item, FileError):
            click.echo(f"scorer: {item.path}: {item.message}", err=True)
            errors.append(item)
        else:
            cards.append(item)
    result = RunResult(tuple(cards), tuple(errors))
    fmt = fmt or "rich"
    if color is None:
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    text = render(result, fmt, RenderOptions(lang=lang, width=width, color=bool(color)))
    if output:
        try:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            fail(f"{output}: cannot write ({exc.strerror or exc})")
    else:
        click.echo(text, nl=False)
    if errors:
        sys.exit(ExitCode.USAGE)
    if any(c.verdict is Verdict.FAIL for c in cards):
        sys.exit(ExitCode.FAILED)
    sys.exit(ExitCode.OK)
