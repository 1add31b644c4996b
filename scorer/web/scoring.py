"""What the page's worker process does with one upload: read it, choose its rubric, score it (once: the card
holds its words in every language, and the page shows it in Chinese with an English switch), and write the
draft back with its comments (批注) in the page's language, in memory.

It runs in a worker (scorer.workers.Pool, from a fork server: the page's server runs threads), so
a hostile upload is bounded in time and memory like a file of `scorer check`, and the memory it
took goes back when the worker is replaced; the server itself never parses a report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from scorer import api
from scorer.errors import InputError, ScorerError
from scorer.model import Document, Scorecard
from scorer.read import read_bytes
from scorer.rubric import Rubric, builtin_ids
from scorer.uiwords import input_text, word

if TYPE_CHECKING:
    from scorer.history import Pieces

LANGS = ("zh", "en")


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes
    chosen: str  # a built-in rubric id, or "auto"
    limit: int  # bytes
    previous: tuple[str, bytes] | None = None  # last year's report (its name and bytes), to compare with
    lang: str = "zh"  # the page's language when it was sent: that of the comments in the Word file given back


@dataclass(frozen=True)
class Scored:
    card: Scorecard
    rubric_id: str
    reason: dict[str, str]  # why the rubric was chosen, per language ({} when the user chose it)
    previous_error: dict[str, str] | None = None  # last year's report could not be read: its line per language
    docx: bytes = b""  # the draft with its comments (scorer.annotate), in the upload's language


@dataclass(frozen=True)
class Refused:
    status: int  # the HTTP status: 422 for a file that cannot be read, 400 for a bad request
    message: dict[str, str]  # per language, the same line `scorer check --lang` prints after "scorer: "


def warm() -> None:
    """Load the built-in rubrics and the lazy caches once per worker, before the first upload."""
    for rid in builtin_ids():
        api.score_text("一、主要举措和成效\n法治建設(shè)。", api.load_rubric(rid))


def _auto_rubric(doc: Document) -> tuple[str, dict[str, str]]:
    """The rubric id for a report and why, per language: the engine's choice (api.choose_rubric)."""
    rubric, reason = api.choose_rubric(doc)
    return str(rubric.id), reason


def score_upload(upload: Upload) -> Scored | Refused:
    """Score one upload in memory; a file that cannot be read is Refused with its one-line reason."""
    from scorer.annotate.draft import annotated

    rubrics = builtin_ids()
    try:
        doc = read_bytes(upload.name, upload.data, upload.limit)
        rubric_id, reason = _auto_rubric(doc) if upload.chosen == "auto" else (upload.chosen, {})
        if rubric_id not in rubrics:
            return Refused(400, {lang: word("clerk", "no_rubric", lang, rubric=rubric_id, ids=", ".join(rubrics))
                                 for lang in LANGS})
        rubric = api.load_rubric(rubric_id)
        previous, bad = _previous(upload, rubric)
        card = api.score_document(doc, rubric, detail=True, previous=previous)
        docx = annotated(doc, upload.data, card, upload.lang if upload.lang in LANGS else LANGS[0])
    except InputError as exc:  # the same line the CLI prints after "scorer: "
        return Refused(422, _lines(exc))
    except ScorerError as exc:
        return Refused(400, {lang: str(exc) for lang in LANGS})
    return Scored(card, rubric_id, reason, bad, docx)


def _lines(exc: InputError) -> dict[str, str]:
    """A file's one line per language, as `scorer check --lang` says it after "scorer: "."""
    return {lang: f"{exc.path}: {input_text(exc, lang)}" for lang in LANGS}


def _previous(upload: Upload, rubric: Rubric) -> tuple[Pieces | None, dict[str, str] | None]:
    """Last year's report from the form's second file, as the comparison reads it; or why it cannot be read."""
    if upload.previous is None:
        return None, None
    name, data = upload.previous
    try:
        return api.pieces(read_bytes(name, data, upload.limit), rubric), None
    except InputError as exc:
        return None, _lines(exc)
