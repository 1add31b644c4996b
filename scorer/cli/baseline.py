"""`scorer baseline write`: record today's findings and scores so that CI fails only on what is new."""

from __future__ import annotations

import click

from scorer.cli import ExitCode, main, say, write_output
from scorer.cli.check import MEMORY_OPTION, TIMEOUT_OPTION, memory_bytes
from scorer.workers import MAX_JOBS

DEFAULT_FILE = "scorer-baseline.json"


@main.group()
def baseline() -> None:
    """Record findings and scores to compare later runs with (`scorer check --baseline FILE`)."""


@baseline.command("write")
@click.argument("paths", nargs=-1)
@click.option("--rubric", "rubric_ref", default=None, help="Built-in rubric id or a rubric YAML file.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="Config file.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Language of the messages [zh].")
@click.option("--jobs", "-j", type=click.IntRange(1, MAX_JOBS), default=None, help="Processes to use.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, no summary line.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=DEFAULT_FILE, show_default=True,
              help="The baseline file to write.")
@TIMEOUT_OPTION
@MEMORY_OPTION
def write(paths: tuple[str, ...], rubric_ref: str | None, config_path: str | None, lang: str | None,
          jobs: int | None, quiet: bool, output: str, timeout: float | None, memory_limit: str | None) -> None:
    """Score the reports and write their findings and scores to a baseline file."""
    from scorer import baseline as base
    from scorer.cli.check import load_settings, score_all

    config = load_settings(config_path)
    lang = lang or config.lang or "zh"
    if not paths and not config.include:  # as `scorer check`: the current folder
        paths = (".",)
    result = score_all(paths, config, rubric_ref, jobs, quiet, timeout=timeout, memory=memory_bytes(memory_limit),
                       lang=lang)
    write_output(output, base.dumps(base.build(result, output, lang)))
    if not quiet:
        n = sum(len(c.findings) for c in result.cards)
        say(f"baseline {output}: {len(result.cards)} reports, {n} findings")
    raise SystemExit(ExitCode.USAGE if result.errors else ExitCode.OK)
