"""What a worker process does for `scorer annotate`: read and score one draft as `scorer check` does, then write
its annotated copy in memory; bounded by the same time and memory limits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from scorer.annotate.draft import annotated
from scorer.batch import Scored, scored
from scorer.model import FileError, Scorecard


@dataclass(frozen=True)
class Annotated:
    """A draft scored, and its annotated copy (.docx bytes)."""

    card: Scorecard
    docx: bytes


def annotate_work(lang: str) -> Callable[[tuple[str, str]], Annotated | FileError]:
    """The task a worker runs for each input of a plan (scored with detail), its comments in ``lang``."""
    return partial(_annotate_task, lang=lang)


def _annotate_task(task: tuple[str, str], lang: str) -> Annotated | FileError:
    return scored(task, partial(_annotate, lang=lang))


def _annotate(done: Scored, lang: str) -> Annotated:
    return Annotated(done.card, annotated(done.doc, done.data, done.card, lang))
