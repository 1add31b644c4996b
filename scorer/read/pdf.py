"""PDF with a text layer (pdfplumber): lines in reading order with page and line, layout breaks joined."""

from __future__ import annotations

import io
import logging
import re
import statistics
from collections import Counter
from typing import Any, NamedTuple

from scorer.errors import InputError
from scorer.model import Document, Line

MAX_PAGES = 300  # a year's report runs to a few dozen pages; more is not a report and would be slow

_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+\s*[、,，.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]"
    r"|\d{1,2}\s*[.．、](?!\d)|第[一二三四五六七八九十百\d]+[章节部分条篇]|[①-⑳])"
)
_SENTENCE_END = set("。！？!?：:")
_CLOSERS = "”’」』）)】》\"' "
_PAGE_NUMBER = re.compile(r"^[-—–－\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–－\s]*$")
_CID = re.compile(r"\(cid:\d+\)")


class _Row(NamedTuple):
    page: int
    number: int  # line number within the page, counting every visual line
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page_height: float


def read_pdf(name: str, data: bytes) -> Document:
    """Read a PDF's text layer; no text at all means a scan, which this tool cannot read."""
    rows = _extract(name, data)
    if not any(row.text.strip() for row in rows):
        raise InputError(name, "pdf-scanned")
    garbled = sum(len(m) for row in rows for m in _CID.findall(row.text))
    if garbled * 3 > sum(len(row.text) for row in rows):
        raise InputError(name, "pdf-no-unicode")
    rows = _drop_running_lines(rows)
    if not rows:
        raise InputError(name, "pdf-only-running")
    return Document(path=name, format="pdf", lines=tuple(_join(rows)))


def _extract(name: str, data: bytes) -> list[_Row]:
    if b"%PDF-" not in data[:1024]:
        raise InputError(name, "not-pdf")
    _quiet_library_logs()
    try:
        import pdfplumber

        rows: list[_Row] = []
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not pdf.pages:
                raise InputError(name, "pdf-no-pages")
            if len(pdf.pages) > MAX_PAGES:
                raise InputError(name, "pdf-too-many-pages", n=len(pdf.pages), limit=MAX_PAGES)
            for number, page in enumerate(pdf.pages, start=1):
                lines = _dedupe(page).extract_text_lines(strip=True, return_chars=True)
                for index, line in enumerate(lines, start=1):
                    rows.append(_row(number, index, line, float(page.height)))
                page.close()  # drop the page's cached layout: memory stays flat over long files
        return rows
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many types on damaged files; wrap them all
        cause = _root(exc)
        if type(cause).__name__ in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"):
            raise InputError(name, "pdf-encrypted") from None
        raise InputError(name, "pdf-corrupt") from None


def _dedupe(page: Any) -> Any:
    """Drop characters drawn twice at (almost) the same place: the fake bold of many office PDFs.

    pdfplumber's own dedupe_chars does the same but is quadratic in the characters of a page.
    """
    seen: dict[tuple[str, str, float], list[tuple[float, float]]] = {}
    drop: set[int] = set()
    for c in page.chars:
        key = (c["text"], str(c.get("fontname")), round(float(c.get("size") or 0), 1))
        x, top = float(c["x0"]), float(c["top"])
        places = seen.setdefault(key, [])
        if any(abs(x - px) <= 1 and abs(top - pt) <= 1 for px, pt in places):
            drop.add(id(c))
        else:
            places.append((x, top))
    return page.filter(lambda obj: id(obj) not in drop) if drop else page


def _root(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's exception as its first argument; unwrap to name the cause."""
    seen = 0
    while exc.args and isinstance(exc.args[0], BaseException) and seen < 5:
        exc = exc.args[0]
        seen += 1
    return exc


def _row(page: int, number: int, line: dict[str, Any], height: float) -> _Row:
    chars = line.get("chars") or []
    sizes = [float(c.get("size", 0) or 0) for c in chars] or [10.0]
    return _Row(page, number, str(line["text"]), float(line["x0"]), float(line["x1"]),
                float(line["top"]), float(line["bottom"]), statistics.median(sizes) or 10.0, height)


def _drop_running_lines(rows: list[_Row]) -> list[_Row]:
    """Drop page numbers and running headers/footers: margin lines a reader skips."""
    pages = max(row.page for row in rows)

    def in_margin(row: _Row) -> bool:
        return row.top < row.page_height * 0.1 or row.bottom > row.page_height * 0.9

    repeated = Counter(row.text.strip() for row in rows if in_margin(row))
    threshold = max(3, pages // 2 + 1)
    return [
        row for row in rows
        if row.text.strip()
        and not (in_margin(row) and (_PAGE_NUMBER.match(row.text) or repeated[row.text.strip()] >= threshold))
    ]


def _edges(rows: list[_Row]) -> tuple[float, float]:
    """The text block's left and right edges: where most lines start, where the full ones end."""
    long_rows = [row for row in rows if len(row.text) >= 8] or rows
    lefts = sorted(row.x0 for row in long_rows)
    rights = sorted(row.x1 for row in long_rows)
    return lefts[len(lefts) // 10], rights[(len(rights) * 9) // 10]


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS)
    return not stripped or stripped[-1] in _SENTENCE_END


def _is_heading(row: _Row, left: float, right: float) -> bool:
    if _HEADING.match(row.text):
        return True
    centre = (left + right) / 2
    short = row.x1 - row.x0 < (right - left) * 0.7
    return short and row.x0 > left + 2 * row.size and abs((row.x0 + row.x1) / 2 - centre) < 2 * row.size


def _indents(rows: list[_Row], left: float) -> bool:
    """Does the document mark paragraphs with a first-line indent (about two characters)?"""
    indented = sum(1 for row in rows if 1.5 * row.size <= row.x0 - left <= 2.6 * row.size)
    return indented >= 3 and indented * 20 >= len(rows)


def _continues(prev: _Row, row: _Row, left: float, right: float, indents: bool) -> bool:
    """Does ``row`` carry on the paragraph that ``prev`` started (a break made only by the layout)?

    A line that falls short of the right edge ends its paragraph. After a full line, the next one
    continues it unless it is a heading or indented; where paragraphs are not marked by an
    indent, a full line that ends a sentence is taken to end its paragraph too.
    """
    if prev.x1 < right - 1.5 * prev.size or (not indents and _ends_sentence(prev.text)):
        return False
    if _is_heading(row, left, right) or row.x0 > left + 0.8 * row.size:
        return False
    if abs(prev.size - row.size) > 0.15 * prev.size:
        return False
    same_page_gap = row.top - prev.bottom if row.page == prev.page else 0.0
    return same_page_gap <= 1.2 * max(prev.size, row.size)


def _join(rows: list[_Row]) -> list[Line]:
    left, right = _edges(rows)
    indents = _indents(rows, left)
    lines: list[Line] = []
    prev: _Row | None = None
    for row in rows:
        text = row.text.strip()
        if prev is not None and lines and _continues(prev, row, left, right, indents):
            last = lines[-1]
            glue = " " if _latin_break(prev.text, text) else ""
            lines[-1] = Line(last.text + glue + text, last.source, last.page)
        else:
            lines.append(Line(text, row.number, row.page))
        prev = row
    return lines


def _latin_break(before: str, after: str) -> bool:
    """A break between two Latin words (the space was eaten by the line end); CJK text has none."""
    if not (before[-1:].isascii() and before[-1:].isalpha() and after[:1].isascii() and after[:1].isalpha()):
        return False
    return sum(1 for ch in before if ch.isascii()) * 2 > len(before)


def _quiet_library_logs() -> None:
    """The libraries log every oddity they repair; unless the application set up logging,
    Python would print those warnings on stderr, where only our one-line errors belong."""
    for logger_name in ("pdfminer", "pdfplumber"):
        logger = logging.getLogger(logger_name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
