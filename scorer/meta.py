"""Facts about a report read from its text: title, report year, script, length."""

from __future__ import annotations

import re
from typing import Any

from scorer.model import NormalizedDocument, Outline

_TITLE_WORDS = re.compile(r"法治(政府)?建设")
_REPORT_WORD = re.compile(r"报告|总结")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_HEAD_LINES = 25


def find_title(doc: NormalizedDocument, outline: Outline) -> tuple[str | None, int | None]:
    """The report's own title: an early line (or two joined lines) naming 法治…建设 and 报告."""
    first_heading = next((s.line for s in outline.sections[1:] if s.line is not None), len(doc.lines))
    lines = [(i, ln.text.strip()) for i, ln in enumerate(doc.lines[: min(first_heading, 200)]) if ln.text.strip()]
    lines = lines[:_HEAD_LINES]
    for k, (i, text) in enumerate(lines):
        if len(text) > 80 or text.startswith(("关于报送", "索引号")):
            continue
        if _TITLE_WORDS.search(text) and _REPORT_WORD.search(text):
            return text, i
        if _TITLE_WORDS.search(text) and k + 1 < len(lines) and len(text) < 40:
            joined = text + lines[k + 1][1]
            if _REPORT_WORD.search(lines[k + 1][1]) and len(lines[k + 1][1]) <= 20:
                return joined, i
    return None, None


def report_year(title: str | None, doc: NormalizedDocument) -> int | None:
    if title:
        m = _YEAR.search(title)
        if m:
            return int(m.group(1))
    for line in doc.lines[:60]:
        m = re.match(r"^\s*((?:19|20)\d{2})\s*年[,，以来]", line.text)
        if m:
            return int(m.group(1))
    return None


def extract_meta(doc: NormalizedDocument, outline: Outline) -> dict[str, Any]:
    title, title_line = find_title(doc, outline)
    text = doc.text
    return {
        "title": title,
        "title_line": doc.lines[title_line].source if title_line is not None else None,
        "report_year": report_year(title, doc),
        "script": doc.script,
        "format": doc.format,
        "chars": sum(1 for ch in text if not ch.isspace()),
    }
