"""Text that lost its line breaks (a page copied or scraped as one paragraph): break it again at its headings.

Some pages hold a whole report in one paragraph: ``……的报告 一、主要举措和成效 2023年,…… 二、……``.
The outline needs each heading at the start of a line, so a very long line whose text runs through
a series of top-level numbers in order (一、 二、 三、 …, each after a sentence end or a space) is
broken before each of them, and each resulting part before its own series of (一) (二) ….
Every piece keeps the source line of the line it came from, so findings still point at a real line.
Only a report that has no top-level heading on a line of its own is touched: in a report laid out
in lines, ``一、……二、……`` inside a paragraph is an enumeration, not headings.
"""

from __future__ import annotations

import re
from itertools import pairwise

from scorer.model import Document, Line
from scorer.numerals import cn_number

MIN_CHARS = 600  # a line this long holding a whole report's headings (one 一、 series after sentence ends)
_MIN_TOP = 3  # 一、 二、 三、 at least: fewer is an enumeration
_MIN_SUB = 2
# A number opens a heading after a sentence end, a space, or the title's 报告 / the lead-in's 如下.
_BEFORE = r"(?:^|(?<=[。;!?！？；:：\s\u3000])|(?<=报告)|(?<=如下))"
_TOP = re.compile(_BEFORE + r"([一二三四五六七八九十]{1,3})、")
_SUB = re.compile(_BEFORE + r"[(（]([一二三四五六七八九十]{1,3})[)）]")
_HEAD_LINE = re.compile(r"^[\s\u3000]*[一二三四五六七八九十]{1,3}\s*、")


def _series(pattern: re.Pattern[str], text: str, minimum: int) -> list[int]:
    """Where a series 一, 二, 三 … starts in ``text`` (each number the one after the last), or []."""
    cuts: list[int] = []
    want = 1
    for m in pattern.finditer(text):
        if cn_number(m.group(1)) == want:
            cuts.append(m.start())
            want += 1
    return cuts if len(cuts) >= minimum else []


_TITLE_END = re.compile(r"[\s\u3000]+")
_TITLE_MAX = 40


def _split(text: str, cuts: list[int]) -> list[str]:
    """``text`` cut before each position; a heading followed by a space within 40 characters is cut there too."""
    bounds = [0, *cuts, len(text)]
    out: list[str] = []
    for k, (a, b) in enumerate(pairwise(bounds)):
        piece = text[a:b].strip()
        if not piece:
            continue
        gap = _TITLE_END.search(piece, 0, _TITLE_MAX + 4) if k else None
        if gap is not None and gap.start() >= 3:
            out.extend(p for p in (piece[:gap.start()], piece[gap.end():].strip()) if p)
        else:
            out.append(piece)
    return out


def reflow(doc: Document) -> Document:
    """The document with a one-paragraph report broken before its headings; unchanged otherwise."""
    if not any(len(line.text) >= MIN_CHARS for line in doc.lines):
        return doc
    if any(_HEAD_LINE.match(line.text) for line in doc.lines):
        return doc
    out: list[Line] = []
    changed = False
    for line in doc.lines:
        cuts = _series(_TOP, line.text, _MIN_TOP) if len(line.text) >= MIN_CHARS else []
        if not cuts:
            out.append(line)
            continue
        changed = True
        for part in _split(line.text, cuts):
            subs = _series(_SUB, part, _MIN_SUB)
            out.extend(Line(piece, line.source) for piece in _split(part, subs))
    if not changed:
        return doc
    return Document(doc.path, doc.format, tuple(out), doc.encoding)
