"""A new .docx of the text the scorer read from a file that is not Word (.txt, .md, .html, .pdf, .doc): one
paragraph per line, the title styled Title and the headings it saw styled Heading 1/2/3…; a heading run in
with its paragraph (（一）加强组织领导。全年……) is set in bold instead."""

from __future__ import annotations

import io
import re
from typing import Any

from scorer.annotate.runs import find, fold
from scorer.model import Document, OutlineNode, Scorecard

Place = tuple[int | None, int]  # (page, source line): where a line came from
# Characters XML 1.0 cannot hold; a text read from a file may still carry one (a mojibake finding says where).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_RUN_IN = 6  # characters past a heading's own words that make its line a paragraph with a run-in heading


def build_docx(doc: Document, card: Scorecard) -> tuple[bytes, dict[Place, int]]:
    """The .docx, and the paragraph number (1-based, as the Word reader counts) of each place of the text."""
    import docx

    document = docx.Document()
    heads = heading_lines(doc, card.outline)
    title = card.meta.get("title_line")
    titled = False
    where: dict[Place, int] = {}
    for i, line in enumerate(doc.lines):
        text = _NOT_XML.sub("\ufffd", line.text)
        node = heads.get(i)
        if node is not None and len("".join(text.split())) > len(node.title) + len(node.number or "") + _RUN_IN:
            _run_in(document.add_paragraph(), text, node)
        elif node is not None:
            document.add_paragraph(text, style=f"Heading {min(max(node.level, 1), 9)}")
        elif line.source == title and not titled and text.strip():
            document.add_paragraph(text, style="Title")
            titled = True
        else:
            document.add_paragraph(text)
        where.setdefault((line.page, line.source), i + 1)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue(), where


def heading_lines(doc: Document, outline: tuple[OutlineNode, ...]) -> dict[int, OutlineNode]:
    """Which line of the document each heading of the outline is (the line of its source that holds its words)."""
    by_source: dict[int, list[int]] = {}
    for i, line in enumerate(doc.lines):
        by_source.setdefault(line.source, []).append(i)
    out: dict[int, OutlineNode] = {}
    for node in outline:
        if node.line is None:
            continue
        key = fold(node.title)[0][:8]
        candidates = [i for i in by_source.get(node.line, []) if i not in out]
        hit = next((i for i in candidates if key in fold(doc.lines[i].text)[0]), None)
        if hit is not None:
            out[hit] = node
    return out


def _run_in(p: Any, text: str, node: OutlineNode) -> None:
    """A paragraph whose heading runs in with its text: the heading's words (to its full stop) in bold."""
    span = find(text, node.title)
    end = span[1] if span else 0
    if end and end < len(text) and text[end] in "。.:：":
        end += 1
    if end:
        p.add_run(text[:end]).bold = True
    p.add_run(text[end:])
