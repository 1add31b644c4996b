"""The annotated draft of one scored report: its own Word file commented in place, or a new .docx of its text."""

from __future__ import annotations

from scorer.annotate.build import build_docx
from scorer.annotate.notes import Note, notes
from scorer.annotate.word import comment_docx
from scorer.model import Document, Scorecard

SUFFIX = ".scored.docx"  # what the annotated copy of draft.docx (or draft.txt) is called: draft.scored.docx


def annotated(doc: Document, data: bytes, card: Scorecard, lang: str) -> bytes:
    """``card`` (scored with detail) said as comments in the draft: a .docx keeps every part but the body and the
    comments byte for byte; any other input (text, web page, PDF, .doc) becomes a new .docx of the text read."""
    said = notes(card, lang)
    if doc.format == "docx" and data.startswith(b"PK"):
        return comment_docx(data, said, _paragraph, lang)
    built, where = build_docx(doc, card)
    first: dict[int, int] = {}
    for (_, source), number in sorted(where.items(), key=lambda kv: kv[1]):
        first.setdefault(source, number)

    def locate(note: Note) -> int | None:
        if note.line is None:
            return None
        return where.get((note.page, note.line)) or first.get(note.line)

    return comment_docx(built, said, locate, lang)


def _paragraph(note: Note) -> int | None:
    """In a Word file, a note's line is its paragraph number already (Line.source)."""
    return note.line
