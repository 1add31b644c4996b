"""The `scorer` command: parse options, call the api, print a format, map outcomes to exit codes."""

from __future__ import annotations

import os
import sys
from enum import IntEnum

import click

from scorer import __version__
from scorer.errors import ScorerError


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1
    USAGE = 2


def _fail(message: str) -> None:
    click.echo(f"scorer: {message}", err=True)
    sys.exit(ExitCode.USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scorer")
def main() -> None:
    """Score annual rule-of-law government reports (法治政府建设年度报告) against a rubric."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--rubric", "rubric_ref", default="national", show_default=True,
              help="Built-in rubric id or a rubric YAML file.")
@click.option("--format", "fmt", type=click.Choice(["rich", "json"]), default=None,
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
        _fail(str(exc))
        return
    cards = []
    errors = []
    for item in score_many(paths, rubric, lang):
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
            _fail(f"{output}: cannot write ({exc.strerror or exc})")
    else:
        click.echo(text, nl=False)
    if errors:
        sys.exit(ExitCode.USAGE)
    if any(c.verdict is Verdict.FAIL for c in cards):
        sys.exit(ExitCode.FAILED)
    sys.exit(ExitCode.OK)


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
        _fail(f"no such rule {rule_id!r} (see 'scorer rules')")
        return
    click.echo((mod.__doc__ or "").strip())


if __name__ == "__main__":
    main()
