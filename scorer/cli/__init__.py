"""The `scorer` command group: exit codes and the one-line error path; commands live in submodules."""

from __future__ import annotations

import sys
from enum import IntEnum
from typing import NoReturn

import click

from scorer import __version__


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1
    USAGE = 2


def fail(message: str) -> NoReturn:
    """Print one line on stderr and exit 2: the only way a user error leaves the program."""
    click.echo(f"scorer: {message}", err=True)
    sys.exit(ExitCode.USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scorer")
def main() -> None:
    """Score annual rule-of-law government reports (法治政府建设年度报告) against a rubric."""


# Commands register themselves on `main` when imported; this list is the registry.
from scorer.cli import baseline, check, explain, init, rubric_cmds, rules, serve  # noqa: E402

__all__ = ["ExitCode", "baseline", "check", "explain", "fail", "init", "main", "rubric_cmds", "rules", "serve"]
