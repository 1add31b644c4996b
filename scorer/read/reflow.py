"""Text that lost its line breaks (a page copied or scraped as one paragraph): break it again at its headings.

Some pages hold a whole report in one paragraph: ``……的报告 一、主要举措和成效 2023年,…… 二、……``.
The outline needs each heading at the start of a line, so a very long line whose text runs through
a series of top-level numbers in order (一、 二、 三、 …, each after a sentence end, a space or a
bracketed opening) is broken before each of them, each resulting part before its own series of
(一) (二) … and 1. 2. …, and the title, 特此报告, the signature and the date go back on lines of their own.
Every piece keeps the source line of the line it came from, so findings still point at a real line.
Only a report that has no top-level heading on a line of its own is broken whole: in a report laid
out in lines, ``一、……二、……`` inside a paragraph is an enumeration, not headings (``unglue`` puts
back only the numbers that a series at line starts lacks, ``split_sections`` only the subheadings
of a section that sits on one line).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from itertools import pairwise
from typing import TypeVar

from scorer.layout import words
from scorer.model import Document, Line
from scorer.numerals import cn_number

T = TypeVar("T")
MIN_CHARS = 600  # a line this long holding a whole report's headings (one 一、 series after sentence ends)
MIN_SECTION = 300  # a line opening with 一、 this long that holds its (一) (二): a section on one line
_MIN_TOP = 3  # 一、 二、 三、 at least: fewer is an enumeration
_MIN_SUB = 2
# A number opens a heading after a sentence end, a space, the title's 报告 / the lead-in's 如下, or
# a bracketed opening's closing bracket (……的报告（2024年1月18日县政府常务会议审议通过）一、……).
_BEFORE = r"(?:^|(?<=[。;!?！？；:：\s\u3000)）】])|(?<=报告)|(?<=如下))"
_TOP = re.compile(_BEFORE + r"([一二三四五六七八九十]{1,3})、")
_HEAD_LINE = re.compile(r"^[\s\u3000]*([一二三四五六七八九十]{1,3})\s*、")
# Subheadings (一) and items 1. anywhere in a piece; _heads keeps those that open a heading.
_SUB = re.compile(r"[(（]([一二三四五六七八九十]{1,3})[)）]")
_ITEM = re.compile(r"(?<![\d.．])(\d{1,2})[.．、](?![\d%])")
_ENDS = frozenset("。;!?！？；:：\u3000 \t")
_STOP = re.compile(r"[。;!?！？；:：]")
_HEADING_START = re.compile(r"^[\s\u3000]*(?:[一二三四五六七八九十]{1,3}\s*、|[(（][一二三四五六七八九十]{1,3}[)）])")
_TITLE_END = re.compile(r"[\s\u3000]+")
_TITLE_MAX = 40


def _in_order(numbered: list[tuple[T, int | None]], minimum: int) -> list[T]:
    """The items whose numbers run 1, 2, 3 … in order (each the one after the last), or [] if fewer than ``minimum``."""
    chosen: list[T] = []
    for item, value in numbered:
        if value == len(chosen) + 1:
            chosen.append(item)
    return chosen if len(chosen) >= minimum else []


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


def _heads(pattern: re.Pattern[str], text: str) -> list[int]:
    """Where a series of subheadings (一) (二) … or items 1. 2. … starts in ``text``, a heading's piece:
    each after a sentence end or a space, or the first glued to the heading the piece opens with
    (一、主要举措和成效（一）加强组织领导。……), or []."""
    numbered = []
    for m in pattern.finditer(text):
        pos = m.start()
        glued = 0 < pos <= _TITLE_MAX + 4 and _HEADING_START.match(text) and not _STOP.search(text, 0, pos)
        if glued or pos == 0 or text[pos - 1] in _ENDS or text[max(0, pos - 2):pos] in ("报告", "如下"):
            numbered.append((pos, cn_number(m.group(1))))
    return _in_order(numbered, _MIN_SUB)


def _subsections(top: str) -> list[str]:
    """A section's text broken before its subheadings (一) (二) … and, in each, before its items 1. 2. …."""
    return [piece for part in _split(top, _heads(_SUB, top)) for piece in _split(part, _heads(_ITEM, part))]


# The report's title in the opening (before 一、): it names 法治(政府)建设 and ends with 报告 or 总结,
# after the start, a sentence end or a bracketed note (【编者按】……。 or （……）), and runs into what follows.
_PLAIN = r"[^。!?！？,，:：;；【】()（）\s]"
_TITLE = re.compile(rf"(?:^|(?<=[。!?！？】)）\s]))({_PLAIN}{{0,40}}{words('title.rule_of_law')}{_PLAIN}{{0,30}}?"
                    rf"{words('title.document_type')})"
                    r"(?!如下|[,，。:：;；)）])")
# The close: 特此报告。, the signature and the date, each on a line of its own.
_SIGN_OFF = re.compile(words("closing.sign_off"))
_DATE_END = re.compile(r"(?:(?:19|20)\d\d|[〇零○一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                       r"\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$")
_SIGNATURE = re.compile(rf"(?<=[。!?！？\s])({_PLAIN}{{2,40}})\s*$")


def _opening(text: str) -> list[str]:
    """The opening of a one-line report with its title on a line of its own."""
    m = _TITLE.search(text, 0, 300)
    if m is None:
        return [text]
    return [p for p in (text[: m.start(1)].strip(), m.group(1), text[m.end(1):].strip()) if p]


def _closing(text: str) -> list[str]:
    """The end of a report run together with 特此报告, its signature and its date, each put on a line of its own."""
    date = _DATE_END.search(text)
    cuts = [date.start()] if date else []
    if date and (sign := _SIGNATURE.search(text, 0, date.start())):
        cuts.insert(0, sign.start(1))
    if (m := _SIGN_OFF.search(text)) and (not cuts or m.end() <= cuts[0]):
        cuts[:0] = [m.start(), m.end()]
    bounds = [0, *cuts, len(text)]
    return [p for a, b in pairwise(bounds) if (p := text[a:b].strip())]


def _one_line_report(text: str) -> list[str] | None:
    """A whole report on one line, broken at its headings, title and close; None if it is no such line."""
    cuts = _in_order([(m.start(), cn_number(m.group(1))) for m in _TOP.finditer(text)], _MIN_TOP)
    if len(text) < MIN_CHARS or not cuts:
        return None
    tops = _split(text, cuts)
    tops[:1] = _opening(tops[0])
    tops[-1:] = _closing(tops[-1])
    return [piece for top in tops for piece in _subsections(top)]


def _broken(doc: Document, pieces: Callable[[int, str], list[str] | None], lines: Iterable[int]) -> Document:
    """The document with each of ``lines`` that ``pieces(index, text)`` breaks replaced by its pieces;
    the page stays, a heading level known from the format belongs to the first piece only."""
    broken = {i: parts for i in lines if (parts := pieces(i, doc.lines[i].text)) and len(parts) > 1}
    if not broken:
        return doc
    out: list[Line] = []
    for i, line in enumerate(doc.lines):
        if i not in broken:
            out.append(line)
        else:
            out.extend(replace(line, text=p, level=line.level if k == 0 else None) for k, p in enumerate(broken[i]))
    return Document(doc.path, doc.format, tuple(out), doc.encoding)


def reflow(doc: Document) -> Document:
    """The document with a one-paragraph report broken before its headings; unchanged otherwise."""
    if not any(len(line.text) >= MIN_CHARS for line in doc.lines):
        return doc
    if any(_HEAD_LINE.match(line.text) for line in doc.lines):
        return doc
    return _broken(doc, lambda _, text: _one_line_report(text), range(len(doc.lines)))


def split_sections(doc: Document) -> Document:
    """A section on one line (一、…… of 300 characters or more holding its (一) (二) …) broken before
    its subheadings and items; a long last line broken before 特此报告, the signature and the date."""
    last = next((i for i in range(len(doc.lines) - 1, -1, -1) if doc.lines[i].text.strip()), -1)
    sections = {i for i, line in enumerate(doc.lines)
                if len(line.text) >= MIN_SECTION and _HEAD_LINE.match(line.text) and _heads(_SUB, line.text)}
    if last >= 0 and len(doc.lines[last].text) >= 100:
        sections.add(last)
    if not sections:
        return doc

    def pieces(i: int, text: str) -> list[str]:
        parts = _subsections(text) if _HEAD_LINE.match(text) else [text]
        if i == last:
            parts[-1:] = _closing(parts[-1])
        return parts

    return _broken(doc, pieces, sections)


# A top-level number glued to the end of the line before it: "……现将有关情况报告如下:一、2024年……".
_GLUED = re.compile(r"(?<=[。;!?！？；:：])([一二三四五六七八九十]{1,3})、")


def unglue(doc: Document) -> Document:
    """Top-level headings glued to the end of the paragraph before them, put back at a line start.

    The top-level series is read through the whole report, line starts and glued numbers together, in
    order: a glued 二、 counts where no line starts with 二、 (it fills the series' gap, or the report
    lost its breaks in a few places: 一、 glued, 二、 glued, 三、 at a line start), and the series has
    three numbers at least; each section put back is broken before its (一) (二) … too. An enumeration
    inside a paragraph of a report laid out in lines (…。一、加强领导。二、完善制度。) repeats numbers
    that start lines and stays.
    """
    numbered: list[tuple[tuple[int, int | None], int | None]] = []  # ((line, position or None), value)
    glued = False
    for i, line in enumerate(doc.lines):
        if m := _HEAD_LINE.match(line.text):
            numbered.append(((i, None), cn_number(m.group(1))))
        if "、" in line.text:
            for g in _GLUED.finditer(line.text):
                numbered.append(((i, g.start()), cn_number(g.group(1))))
                glued = True
    if not glued:
        return doc
    starts = {v for (_, pos), v in numbered if pos is None}
    numbered = [(at, v) for at, v in numbered if at[1] is None or v not in starts]
    cuts: dict[int, list[int]] = {}
    for i, pos in _in_order(numbered, _MIN_TOP):
        if pos is not None:
            cuts.setdefault(i, []).append(pos)
    if not cuts:
        return doc

    def pieces(i: int, text: str) -> list[str]:
        tops = [p for a, b in pairwise([0, *cuts[i], len(text)]) if (p := text[a:b].strip())]
        # a section that lost its breaks lost them inside too: its (一) (二) go back at line starts
        return [tops[0], *(piece for top in tops[1:] for piece in _subsections(top))]

    return _broken(doc, pieces, cuts)
