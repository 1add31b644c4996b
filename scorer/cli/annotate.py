"""`scorer annotate`: give each draft back as a Word file with 批注 where its findings are; exit 0/1/2 as check."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from scorer.cli import ExitCode, fail, main, say, write_output
from scorer.cli.check import MEMORY_OPTION, TIMEOUT_OPTION, load_settings, memory_bytes
from scorer.errors import ScorerError
from scorer.uiwords import error_text
from scorer.workers import MAX_JOBS

if TYPE_CHECKING:
    from scorer.annotate.job import Annotated
    from scorer.batch import Plan
    from scorer.config import Config


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--output", "-o", default=None, metavar="OUT",
              help="One draft: the file to write (default: <name>.scored.docx beside it). Several drafts or a "
                   "folder: the folder to write them to (default: beside each draft).")
@click.option("--rubric", "rubric_ref", default=None,
              help="Built-in rubric id, a rubric YAML file, or auto (default: the config's, else national).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Language of the comments [zh].")
@click.option("--force", is_flag=True, help="Replace annotated copies that already exist (never a draft itself).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Config file (default: scorer.yaml or [tool.scorer] in pyproject.toml, found upwards).")
@click.option("--jobs", "-j", type=click.IntRange(1, MAX_JOBS), default=None, help="Processes to use.")
@click.option("--quiet", "-q", is_flag=True, help="No line per draft written.")
@TIMEOUT_OPTION
@MEMORY_OPTION
def annotate(paths: tuple[str, ...], output: str | None, rubric_ref: str | None, lang: str | None, force: bool,
             config_path: str | None, jobs: int | None, quiet: bool, timeout: float | None,
             memory_limit: str | None) -> None:
    """Write a copy of each draft with Word comments (批注): a summary on the title, each finding at its words,
    each missing part where it belongs with the heading to insert. A .docx keeps everything else as it was;
    other inputs (.txt, .pdf, .html, .doc…) become a new .docx of their text.

    Exit 0: all pass; 1: some draft fails; 2: bad input or usage.
    """
    from scorer.annotate.job import Annotated, annotate_work
    from scorer.batch import run_work

    config = load_settings(config_path)
    lang = lang or config.lang or "zh"
    the_plan = _plan(paths, config, rubric_ref, timeout, memory_bytes(memory_limit), lang)
    targets = outputs(the_plan, paths, output)
    _refuse(targets, force, lang)
    status = ExitCode.OK
    for item in run_work(the_plan, annotate_work(lang), jobs or config.jobs, detail=True):
        if isinstance(item, Annotated):
            target = targets[item.card.path]
            write_output(target, item.docx)
            if not quiet:
                click.echo(_written(item, target, lang))
            if item.card.verdict.value == "fail" and status is ExitCode.OK:
                status = ExitCode.FAILED
        else:
            say(f"{item.path}: {error_text(item, lang)}")
            status = ExitCode.USAGE
    sys.exit(status)


def _plan(paths: tuple[str, ...], config: Config, rubric_ref: str | None, timeout: float | None,
          memory: int | None, lang: str) -> Plan:
    """What to annotate: files, folders and globs as `scorer check` takes them, less annotated copies found in
    a folder (annotating a folder twice does not annotate the copies)."""
    from dataclasses import replace

    from scorer.annotate.draft import SUFFIX
    from scorer.batch import STDIN, plan
    from scorer.model import FileError

    if STDIN in paths:
        fail(said("no_stdin", lang))
    try:
        the_plan = plan(paths, config, rubric_ref, timeout=timeout, memory=memory)
    except ScorerError as exc:
        fail(str(exc))
    named = {os.path.normpath(p) for p in paths}
    kept = tuple(item for item in the_plan.items if isinstance(item, FileError) or not item[0].endswith(SUFFIX)
                 or os.path.normpath(item[0]) in named)
    return replace(the_plan, items=kept)


def outputs(the_plan: Plan, paths: tuple[str, ...], output: str | None) -> dict[str, str]:
    """Each draft's annotated copy: one draft named alone goes to OUT (a file), else <name>.scored.docx beside
    it; several drafts or a folder go into OUT (a folder, keeping their place under a folder given), else beside
    each. Drafts that would give the same name (a.txt, a.docx) keep their extension in it (a.txt.scored.docx)."""
    from scorer.annotate.draft import SUFFIX

    drafts = [item[0] for item in the_plan.items if isinstance(item, tuple)]
    if output is not None and len(paths) == 1 and len(drafts) == 1 and not Path(paths[0]).is_dir():
        return {drafts[0]: output}
    roots = [Path(p) for p in paths if Path(p).is_dir()]
    folders = {d: Path(d).parent if output is None else Path(output) / _under(Path(d), roots) for d in drafts}
    stems = [str(folders[d] / Path(d).stem) for d in drafts]
    return {d: str(folders[d] / ((Path(d).stem if stems.count(stem) == 1 else Path(d).name) + SUFFIX))
            for d, stem in zip(drafts, stems, strict=True)}


def _under(src: Path, roots: list[Path]) -> Path:
    """Where a draft found in a folder given stands under it (its folder part), so that OUT mirrors it."""
    for root in roots:
        try:
            return src.parent.relative_to(root)
        except ValueError:
            continue
    return Path()


def _refuse(targets: dict[str, str], force: bool, lang: str) -> None:
    """Never write over a draft; never over an existing file unless --force. Folders of OUT are created."""
    drafts = list(targets)
    for target in targets.values():
        if os.path.isdir(target):
            fail(said("refuse_folder", lang, path=target))
        if os.path.exists(target) and any(os.path.exists(d) and os.path.samefile(d, target) for d in drafts):
            fail(said("refuse_input", lang, path=target))
        if os.path.exists(target) and not force:
            fail(said("refuse_exists", lang, path=target))
    for target in targets.values():
        os.makedirs(os.path.dirname(target) or ".", exist_ok=True)


def _written(item: Annotated, target: str, lang: str) -> str:
    from scorer.render import verdict_text

    card = item.card
    return said("written", lang, path=card.path, out=target, score=f"{card.score:g}", verdict=verdict_text(card, lang))


def said(key: str, lang: str, **values: object) -> str:
    """A word of the clerk's tools (rubrics/ui/clerk.yaml)."""
    from scorer.uiwords import word

    return word("clerk", key, lang, **values)
