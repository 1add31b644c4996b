"""`scorer check`: score files, folders and globs in parallel, print a format, exit 0/1/2."""

from __future__ import annotations

import math
import os
import sys
from typing import TYPE_CHECKING

import click

from scorer.cli import ExitCode, fail, main, say, write_output
from scorer.cli.options import Extras, extra_options, statistics_text, want_color
from scorer.errors import ScorerError
from scorer.render import BINARY_FORMATS, FORMATS
from scorer.uiwords import error_text, localized
from scorer.workers import MAX_JOBS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from scorer.baseline import Diff
    from scorer.batch import Plan
    from scorer.config import Config
    from scorer.model import FileError, Policy, RunResult, Scorecard
    from scorer.render import RenderOptions

_PROGRESS_MIN = 4  # files; a shorter batch needs no progress bar
_RANK = {"error": 0, "warning": 1, "info": 2}


def load_settings(config_path: str | None) -> Config:
    from scorer.config import load_config

    try:
        return load_config(config_path)
    except ScorerError as exc:
        fail(str(exc))


def read_stdin(paths: tuple[str, ...], name: str | None, max_bytes: int | None) -> tuple[str, bytes] | None:
    """The report on standard input when ``-`` is among the paths: (its name, at most the limit + 1 bytes)."""
    from scorer.batch import STDIN
    from scorer.read import DEFAULT_MAX_BYTES

    if STDIN not in paths:
        return None
    if sys.stdin is None or sys.stdin.isatty():
        fail("'-' reads the report from standard input, but nothing is piped in (e.g. scorer check - < draft.docx)")
    return name or STDIN, sys.stdin.buffer.read((max_bytes or DEFAULT_MAX_BYTES) + 1)


def score_all(paths: tuple[str, ...], config: Config, rubric_ref: str | None, jobs: int | None, quiet: bool,
              detail: bool = False, stdin: tuple[str, bytes] | None = None,
              max_bytes: int | None = None, policy: Policy | None = None, previous: str | None = None,
              history: str | None = None, timeout: float | None = None, memory: int | None = None,
              lang: str = "zh") -> RunResult:
    """Score a batch; unreadable files are reported on stderr, one line each, as they come, in ``lang`` (and so
    is their entry in the result).

    ``previous`` (one report) or ``history`` (a folder) give last year's reports to compare with.
    """
    from scorer.batch import run_plan

    the_plan = _plan(paths, config, rubric_ref, jobs, quiet, stdin, max_bytes, policy, previous, history, timeout,
                     memory)
    results = run_plan(the_plan, jobs or config.jobs, detail)
    if quiet or the_plan.size < _PROGRESS_MIN or not sys.stderr.isatty():
        return localized(_collect(results, lambda e: say(f"{e.path}: {error_text(e, lang)}")), lang)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from scorer.render.safe import line

    console = Console(stderr=True, no_color="NO_COLOR" in os.environ, highlight=False)
    # No refresh thread: workers are forked from this process, and forking while a thread holds a
    # lock would leave it held in the child. The bar is redrawn as each result comes in.
    with Progress(TextColumn("scoring"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console, transient=True, auto_refresh=False) as progress:
        task = progress.add_task("scoring", total=len(the_plan.items))
        progress.refresh()

        def advance() -> None:
            progress.advance(task)
            progress.refresh()

        got = _collect(results, lambda e: console.print(line(f"scorer: {e.path}: {error_text(e, lang)}"),
                                                        markup=False), advance)
    return localized(got, lang)


def _plan(paths: tuple[str, ...], config: Config, rubric_ref: str | None, jobs: int | None, quiet: bool,
          stdin: tuple[str, bytes] | None, max_bytes: int | None, policy: Policy | None, previous: str | None,
          history: str | None, timeout: float | None, memory: int | None) -> Plan:
    """What to score, each report paired with last year's when ``previous`` or ``history`` is given; a bad
    argument or config is a one-line failure (exit 2)."""
    from scorer.batch import plan

    try:
        the_plan = plan(paths, config, rubric_ref, stdin=stdin, max_bytes=max_bytes, policy=policy,
                        timeout=timeout, memory=memory)
        if previous or history:
            from scorer.pairing import with_previous

            paired = with_previous(the_plan, previous, history, jobs or config.jobs)
            if history and not quiet:
                _report_pairing(len(paired.plan.previous), paired.unpaired)
            return paired.plan
    except ScorerError as exc:
        fail(str(exc))
    return the_plan


def _collect(results: Iterable[Scorecard | FileError], on_error: Callable[[FileError], object],
             advance: Callable[[], object] = lambda: None) -> RunResult:
    """The scorecards and the unreadable files of a run, each unreadable one said as it comes."""
    from scorer.model import FileError, RunResult

    cards: list[Scorecard] = []
    errors: list[FileError] = []
    for item in results:
        if isinstance(item, FileError):
            on_error(item)
            errors.append(item)
        else:
            cards.append(item)
        advance()
    return RunResult(tuple(cards), tuple(errors))


def _report_pairing(paired: int, unpaired: tuple[str, ...]) -> None:
    """One line on stderr: how many reports were compared with last year's, and which found none."""
    line = f"scorer: history: {paired} of {paired + len(unpaired)} reports compared with last year's"
    if unpaired:
        shown = ", ".join(unpaired[:5]) + (f" and {len(unpaired) - 5} more" if len(unpaired) > 5 else "")
        line += f"; no report of the same issuer for the year before: {shown}"
    click.echo(line, err=True)


def finite(_ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    """A number option that is a number: NaN passes every range check (every comparison is false)."""
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a number", param=param)
    return value


TIMEOUT_OPTION = click.option(
    "--timeout", type=click.FloatRange(0, 86400, min_open=True), default=None, metavar="SECONDS", callback=finite,
    help="Time one file may take; a file past it is an error entry and the others go on "
         "(default: the config's, else 60).")
MEMORY_OPTION = click.option(
    "--memory-limit", "memory_limit", default=None, metavar="SIZE",
    help="Memory each scoring process may use, e.g. 512MB or 2GB (default: the config's, else 1GB).")


def memory_bytes(memory_limit: str | None) -> int | None:
    """--memory-limit in bytes (None: not given); exit 2 on a bad or too small value."""
    from scorer.config import parse_size

    if memory_limit is None:
        return None
    try:
        size = parse_size(memory_limit)
    except ValueError as exc:
        fail(f"--memory-limit: {exc}")
    if size < 128 * 1024 * 1024:
        fail(f"--memory-limit: {memory_limit} is too small to score anything; give at least 128MB")
    return size


def _failed(result: RunResult, fail_on: str | None, diff: Diff | None) -> bool:
    """Whether the run fails: any report's verdict (which --fail-on and --fail-under already decided);
    with a baseline, only what is new: new findings at the fail-on severity, score drops, new reports."""
    from scorer.model import Verdict

    if diff is not None:
        level = _RANK.get(fail_on or "error", -1)  # "off": no finding fails the run
        unknown = set(diff.unknown)
        return (any(_RANK[f.severity.value] <= level for _, f in diff.new) or bool(diff.drops)
                or any(c.verdict is Verdict.FAIL for c in result.cards if c.path in unknown))
    return any(c.verdict is Verdict.FAIL for c in result.cards)


def _report_diff(diff: Diff, lang: str) -> None:
    for path, f in diff.new:
        where = f":{f.line}" if f.line is not None else ""
        say(f"baseline: new {f.severity.value} [{f.rule}] {path}{where}: {f.message_in(lang)}")
    for path, e in diff.fixed:
        say(f"baseline: fixed [{e.rule}] {path}: {e.message}")
    for path, old, now in diff.drops:
        say(f"baseline: score dropped {path}: {old:g} -> {now:g}")
    say(f"baseline: {len(diff.new)} new, {len(diff.fixed)} fixed, {len(diff.drops)} score drops")


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--rubric", "rubric_ref", default=None,
              help="Built-in rubric id, a rubric YAML file, or auto: chosen per report by its title and "
                   "signature (default: the config's, else national).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Config file (default: scorer.yaml or [tool.scorer] in pyproject.toml, found upwards).")
@click.option("--format", "fmt", type=click.Choice(sorted({*FORMATS, *BINARY_FORMATS})), default=None,
              help="Output format (default: the config's; github under GitHub Actions; else rich).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Language of labels and messages [zh].")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the output to this file instead of stdout.")
@click.option("--jobs", "-j", type=click.IntRange(1, MAX_JOBS), default=None,
              help=f"Processes to use (default: every core; at most {MAX_JOBS}).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no baseline report on stderr.")
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None, callback=finite,
              help="Fail a report whose total is under this (the strictest of this, the config's threshold "
                   "and the rubric's pass mark applies).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "off"]), default=None,
              help="Fail a report that raises a finding of this severity or worse (default: the config's, "
                   "else the rubric's, error; off: findings never fail a report).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when reports fail (2 still means bad input).")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None,
              help="Fail only on findings not in this baseline, or on a score that dropped.")
@click.option("--color/--no-color", default=None,
              help="Force colour (on a pipe too) or disable it (default: on a terminal; NO_COLOR and "
                   "FORCE_COLOR are respected).")
@click.option("--width", type=int, default=None, help="Terminal width for the rich format.")
@click.option("--stdin-filename", default=None, metavar="NAME",
              help="With '-': the name of the report read from standard input (its type and config overrides).")
@click.option("--max-size", "max_size", default=None, metavar="SIZE",
              help="Refuse inputs larger than this, e.g. 500KB or 20MB (default: the config's, else 20MB).")
@click.option("--previous", "previous", default=None, metavar="FILE",
              help="Last year's report: compare the one report checked with it (recycled text, last year's plan).")
@click.option("--history", "history", default=None, metavar="DIR",
              help="A folder of earlier reports: compare each report with the one of the same issuer for the "
                   "year before, found there or among the inputs (default: the config's history).")
@TIMEOUT_OPTION
@MEMORY_OPTION
@extra_options
def check(paths: tuple[str, ...], rubric_ref: str | None, config_path: str | None, fmt: str | None,
          lang: str | None, output: str | None, jobs: int | None, quiet: bool, fail_under: float | None,
          fail_on: str | None, exit_zero: bool, baseline_path: str | None, color: bool | None,
          width: int | None, stdin_filename: str | None, max_size: str | None, previous: str | None,
          history: str | None, timeout: float | None, memory_limit: str | None, extras: Extras) -> None:
    """Score report files, folders or globs ('-': standard input; none: the config's include, else the
    current folder).

    Exit 0: all pass; 1: some report fails; 2: bad input or usage.
    """
    from scorer.config import parse_size

    config = load_settings(config_path)
    lang = lang or config.lang or "zh"
    fmt = fmt or config.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "rich")
    config, paths = extras.prepare(config, paths, fmt, output, quiet)
    try:
        max_bytes = parse_size(max_size) if max_size is not None else config.max_bytes
    except ValueError as exc:
        fail(f"--max-size: {exc}")
    memory = memory_bytes(memory_limit)
    stdin = read_stdin(paths, stdin_filename, max_bytes)
    from scorer.model import Policy

    policy = Policy(fail_on, fail_under)
    if previous and history:
        fail("--previous and --history: give one (--previous for one report, --history for a batch)")
    result = score_all(paths, config, rubric_ref, jobs, quiet, detail=fmt == "html", stdin=stdin,
                       max_bytes=max_bytes, policy=policy, previous=previous,
                       history=history or (config.history if not previous else None), timeout=timeout,
                       memory=memory, lang=lang)
    result, diff = _against_baseline(result, baseline_path, quiet, lang)
    color = want_color(color, output)
    _emit(result, fmt, _render_options(fmt, lang, width, color), output, extras.statistics)
    if result.errors:
        sys.exit(ExitCode.USAGE)
    if not exit_zero and _failed(result, fail_on or config.fail_on, diff):
        sys.exit(ExitCode.FAILED)
    sys.exit(ExitCode.OK)


def _against_baseline(result: RunResult, baseline_path: str | None, quiet: bool,
                      lang: str) -> tuple[RunResult, Diff | None]:
    """The result with only the findings that are not in the baseline (and the difference), as it is
    without one."""
    if not baseline_path:
        return result, None
    from scorer import baseline

    try:
        diff = baseline.compare(result, baseline.load(baseline_path), baseline_path)
    except ScorerError as exc:
        fail(str(exc))
    if not quiet:
        _report_diff(diff, lang)
    return baseline.only_new(result, diff), diff


def _render_options(fmt: str, lang: str, width: int | None, color: bool) -> RenderOptions:
    """What the format needs besides the result: SARIF the rules' documentation, xlsx their one-liners."""
    from scorer.render import RenderOptions

    rules: dict[str, str] = {}
    lines: dict[str, str] = {}
    if fmt == "sarif" or fmt in BINARY_FORMATS:
        from scorer.checks import all_rules, rule_summary

        if fmt == "sarif":
            rules = {rid: rule_summary(rid, "en") + "\n\n" + (mod.__doc__ or "").strip()
                     for rid, mod in all_rules().items()}
        else:
            lines = {rid: rule_summary(rid, lang) for rid in all_rules()}
    return RenderOptions(lang=lang, width=width, color=color, rules=rules, rule_lines=lines)


def _emit(result: RunResult, fmt: str, options: RenderOptions, output: str | None, statistics: bool) -> None:
    """The statistics (with --statistics), then the result in ``fmt``: to OUT, or to standard output."""
    from scorer.render import render, render_bytes

    color = options.color
    if statistics:
        click.echo(statistics_text(result, options.lang, color), nl=False, color=color)
    if fmt in BINARY_FORMATS:
        assert output is not None  # extras.prepare refused a binary format without -o
        write_output(output, render_bytes(result, fmt, options))
        return
    text = "" if statistics and not output else render(result, fmt, options)
    if output:
        write_output(output, text)
    else:
        click.echo(text, nl=False, color=color)
