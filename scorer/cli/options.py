"""`scorer check`'s options from ruff's habits (--select, --ignore, --extend-select, --statistics, --show-settings,
--show-files), colour on a pipe, the current folder by default, and the atomic write of a binary format."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import click

from scorer.cli import ExitCode, fail
from scorer.errors import ScorerError
from scorer.uiwords import error_text

if TYPE_CHECKING:
    from scorer.config import Config
    from scorer.model import RunResult
    from scorer.select_rules import RuleSelection

# check()'s own parameters that --show-settings reports as "from the command line" when given.
_GIVEN = ("rubric_ref", "fmt", "lang", "jobs", "max_size", "fail_under", "fail_on")


@dataclass(frozen=True)
class Extras:
    """The options this module adds to `scorer check`, and the command line's raw values of the others."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    statistics: bool = False
    show_settings: bool = False
    show_files: bool = False
    given: Mapping[str, Any] = field(default_factory=dict)

    def selection(self) -> RuleSelection:
        from scorer.checks import all_rules
        from scorer.select_rules import RuleSelection

        try:
            return RuleSelection.parse(self.select, self.ignore, self.extend_select, all_rules())
        except ScorerError as exc:
            fail(str(exc))

    def prepare(self, config: Config, paths: tuple[str, ...], fmt: str, output: str | None,
                quiet: bool) -> tuple[Config, tuple[str, ...]]:
        """The config with the rule selection applied and the paths to score (the current folder when none
        is given and the config has no ``include``); refuses a binary format without -o; says which named
        files the config excludes; prints the settings or the files and exits when asked to."""
        from scorer.render import BINARY_FORMATS

        selection = self.selection()
        derived = selection.configure(config)
        if not paths and not config.include:
            paths = (".",)
        if self.show_settings:
            from scorer.cli.settings import settings_text

            click.echo(settings_text(config, derived, selection, self.given, fmt), nl=False)
            sys.exit(ExitCode.OK)
        if fmt in BINARY_FORMATS and not output and not self.show_files and not self.statistics:
            fail(f"--format {fmt} writes a binary file: give it a name with -o FILE (e.g. -o reports.{fmt})")
        if not quiet:
            note_excluded(paths, config)
        if self.show_files:
            sys.exit(show_files(paths, derived, self.given.get("rubric_ref"), self.given.get("lang") or config.lang))
        return derived, paths


def extra_options(fn: Callable[..., None]) -> Callable[..., None]:
    """Add this module's options to a command; the command receives them as one ``extras`` argument."""

    @functools.wraps(fn)
    def command(*args: Any, select: tuple[str, ...], ignore: tuple[str, ...], extend_select: tuple[str, ...],
                statistics: bool, show_settings: bool, show_files: bool, **kwargs: Any) -> None:
        given = {k: kwargs[k] for k in _GIVEN if kwargs.get(k) is not None}
        fn(*args, extras=Extras(select, ignore, extend_select, statistics, show_settings, show_files, given),
           **kwargs)

    rules = "rule ids, comma-separated or repeated; a family such as 'section' (every section-* rule) or ALL"
    for decorator in reversed([
        click.option("--select", multiple=True, metavar="RULES",
                     help=f"Report only these rules ({rules}); the others are off, as the config's 'off'."),
        click.option("--ignore", multiple=True, metavar="RULES",
                     help="Turn these rules off (beats --select and the config); an ignored rule cannot fail "
                          "a report."),
        click.option("--extend-select", multiple=True, metavar="RULES",
                     help="Turn these rules on as well, over the config's 'off', at the rubric's severity."),
        click.option("--statistics", is_flag=True,
                     help="Print the number of findings per rule instead of the report (a format still goes "
                          "to -o FILE); the exit code is as usual."),
        click.option("--show-settings", is_flag=True,
                     help="Print the settings this run would use (config file, rubric, thresholds, every "
                          "rule's severity and where it comes from) and exit."),
        click.option("--show-files", is_flag=True, help="Print the files this run would score and exit."),
    ]):
        command = decorator(command)
    return command


def note_excluded(paths: tuple[str, ...], config: Config) -> None:
    """A file named on the command line that the config excludes is not scored: say so on stderr."""
    from scorer.config import glob_match

    for raw in paths:
        rel = config.relative(raw)
        if rel is None or not os.path.isfile(raw):
            continue
        hit = next((pat for pat in config.exclude if glob_match(pat, rel)), None)
        if hit is not None:
            click.echo(f"scorer: {raw}: not scored, excluded by {config.path} (exclude: {hit})", err=True)


def show_files(paths: tuple[str, ...], config: Config, rubric_ref: str | None, lang: str | None = None) -> int:
    """Print the files a run would score, one per line; unreadable inputs on stderr (then exit 2)."""
    from scorer.batch import STDIN, plan
    from scorer.model import FileError

    named = [p for p in paths if p != STDIN]
    try:
        the_plan = plan(named, config, rubric_ref)
    except ScorerError as exc:
        fail(str(exc))
    if STDIN in paths:
        click.echo(STDIN)
    bad = 0
    for item in the_plan.items:
        if isinstance(item, FileError):
            click.echo(f"scorer: {item.path}: {error_text(item, lang or 'zh')}", err=True)
            bad += 1
        else:
            click.echo(item[0])
    return ExitCode.USAGE if bad else ExitCode.OK


def want_color(flag: bool | None, output: str | None) -> bool:
    """--color/--no-color decide; else NO_COLOR turns colour off and FORCE_COLOR (non-empty) on for standard
    output, a pipe included; else colour only on a terminal."""
    if flag is not None:
        return flag
    if "NO_COLOR" in os.environ or output is not None:
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def statistics_text(result: RunResult, lang: str, color: bool) -> str:
    """Findings per rule and severity, most first (count, rule, severity, what the rule checks), then the
    closing line of the concise format."""
    from scorer.checks import rule_summary
    from scorer.i18n import t
    from scorer.render import RenderOptions
    from scorer.render.concise_format import closing_line
    from scorer.stats import rule_counts

    rows = rule_counts(result)
    wide = max((len(r.rule) for r in rows), default=0)
    sev_wide = max((len(t(lang, r.severity.value)) for r in rows), default=0)
    lines = [f"{r.findings:>5}  {r.rule:<{wide}}  {t(lang, r.severity.value):<{sev_wide}}  "
             f"{rule_summary(r.rule, lang)}" for r in rows]
    lines.append(closing_line(result, RenderOptions(lang=lang, color=color)))
    return "\n".join(lines) + "\n"
