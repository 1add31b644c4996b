"""The `scorer` command group: exit codes and the one-line error path; commands live in submodules."""

from __future__ import annotations

import os
import sys
from enum import IntEnum
from typing import Any, NoReturn

import click

from scorer import __version__


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1
    USAGE = 2
    INTERRUPTED = 130  # 128 + SIGINT, as shells report it: CI must not read "a report failed"


def say(message: str) -> None:
    """One line on stderr, with anything a terminal would act on (escape sequences) made visible."""
    from scorer.render.safe import line

    click.echo(f"scorer: {line(message)}", err=True)


def echo(text: str) -> None:
    """Text on stdout, with anything a terminal would act on (escape sequences) made visible: what a
    report or a user's rubric says may be printed, never obeyed."""
    from scorer.render.safe import text as safe_text

    click.echo(safe_text(text))


def fail(message: str) -> NoReturn:
    """Print one line on stderr and exit 2: the only way a user error leaves the program."""
    say(message)
    sys.exit(ExitCode.USAGE)


def write_output(path: str, data: str | bytes) -> None:
    """Write text (UTF-8) or bytes to ``path`` whole or not at all: a temporary file beside it, renamed over it.

    A full disk or a crash leaves the previous file as it was, and no temporary file behind. A device
    or a pipe (``-o /dev/stdout``) is written to directly; a link is followed to the file it names.
    """
    import stat
    import tempfile

    raw = data if isinstance(data, bytes) else data.encode("utf-8", "backslashreplace")
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        fail(f"{path}: cannot write ({exc.strerror or exc})")
    try:
        if mode is not None and not stat.S_ISREG(mode):
            with open(path, "wb") as fh:
                fh.write(raw)
            return
        target = os.path.realpath(path)
        fd, tmp = tempfile.mkstemp(prefix=".scorer-", suffix=".tmp", dir=os.path.dirname(target))
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(raw)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as exc:
        fail(f"{path}: cannot write ({exc.strerror or exc})")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class _Main(click.Group):
    """The command group; Ctrl+C ends any command with one line and exit 130, not click's exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("\nscorer: interrupted", err=True)
            sys.exit(ExitCode.INTERRUPTED)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scorer")
def main() -> None:
    """Score annual rule-of-law government reports (法治政府建设年度报告) against a rubric."""


# Commands register themselves on `main` when imported; this list is the registry.
from scorer.cli import annotate, baseline, check, explain, init, rubric_cmds, rules, serve  # noqa: E402

__all__ = ["ExitCode", "annotate", "baseline", "check", "echo", "explain", "fail", "init", "main", "rubric_cmds",
           "rules", "say", "serve", "write_output"]
