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
from dataclasses import replace
from itertools import pairwise
from typing import TypeVar

from scorer.model import Document, Line
from scorer.numerals import cn_number

T = TypeVar("T")
MIN_CHARS = 600  # a line this long holding a whole report's headings (one 一、 series after sentence ends)
_MIN_TOP = 3  # 一、 二、 三、 at least: fewer is an enumeration
_MIN_SUB = 2
# A number opens a heading after a sentence end, a space, or the title's 报告 / the lead-in's 如下.
_BEFORE = r"(?:^|(?<=[。;!?！？；:：\s\u3000])|(?<=报告)|(?<=如下))"
_TOP = re.compile(_BEFORE + r"([一二三四五六七八九十]{1,3})、")
_SUB = re.compile(_BEFORE + r"[(（]([一二三四五六七八九十]{1,3})[)）]")
_HEAD_LINE = re.compile(r"^[\s\u3000]*([一二三四五六七八九十]{1,3})\s*、")


def _in_order(numbered: list[tuple[T, int | None]], minimum: int) -> list[T]:
    """The items whose numbers run 1, 2, 3 … in order (each the one after the last), or [] if fewer than ``minimum``."""
    chosen: list[T] = []
    for item, value in numbered:
        if value == len(chosen) + 1:
            chosen.append(item)
    return chosen if len(chosen) >= minimum else []


def _series(pattern: re.Pattern[str], text: str, minimum: int) -> list[int]:
    """Where a series 一, 二, 三 … starts in ``text``, or []."""
    return _in_order([(m.start(), cn_number(m.group(1))) for m in pattern.finditer(text)], minimum)


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
            out.extend(replace(line, text=piece, level=None) for piece in _split(part, subs))
    if not changed:
        return doc
    return Document(doc.path, doc.format, tuple(out), doc.encoding)


# A top-level number glued to the end of the line before it: "……现将有关情况报告如下:一、2024年……".
_GLUED = re.compile(r"(?<=[。;!?！？；:：])([一二三四五六七八九十]{1,3})、")


def unglue(doc: Document) -> Document:
    """Top-level headings glued to the end of the paragraph before them, put back at a line start.

    A glued 二、 counts when it fills the gap of a series whose other numbers start lines (一、 and 三、
    at line starts), or, in a report where no top-level number starts a line, when the glued ones
    run 一、二、三、 in order. An enumeration inside a paragraph of a report laid out in lines
    (…。一、加强领导。二、完善制度。) fills no gap and stays.
    """
    starts: list[tuple[int, int]] = []  # (line index, value) of top-level numbers at line starts
    glued: list[tuple[int, int, int]] = []  # (line index, position, value) of glued ones
    for i, line in enumerate(doc.lines):
        if m := _HEAD_LINE.match(line.text):
            value = cn_number(m.group(1))
            if value:
                starts.append((i, value))
        if "、" in line.text:
            glued.extend((i, g.start(), v) for g in _GLUED.finditer(line.text) if (v := cn_number(g.group(1))))
    if not glued:
        return doc
    chosen: list[tuple[int, int]] = []
    if not starts:
        chosen = _in_order([((i, pos), value) for i, pos, value in glued], _MIN_TOP)
    else:
        have = {v for _, v in starts}
        for i, pos, value in glued:
            if value in have:
                continue
            before = [li for li, v in starts if v == value - 1 and li <= i]
            after = [li for li, v in starts if v == value + 1 and li > i]
            if (before or value == 1) and (after or value == max(have) + 1) and (before or after):
                chosen.append((i, pos))
                have.add(value)
    if not chosen:
        return doc
    cuts: dict[int, list[int]] = {}
    for i, pos in chosen:
        cuts.setdefault(i, []).append(pos)
    out: list[Line] = []
    for i, line in enumerate(doc.lines):
        if i not in cuts:
            out.append(line)
            continue
        bounds = [0, *sorted(cuts[i]), len(line.text)]
        pieces = [piece for a, b in pairwise(bounds) if (piece := line.text[a:b].strip())]
        # the page stays; a heading level known from the format belongs to the first piece only
        out.extend(replace(line, text=piece, level=line.level if k == 0 else None) for k, piece in enumerate(pieces))
    return Document(doc.path, doc.format, tuple(out), doc.encoding)
