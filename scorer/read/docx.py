"""Word .docx: body paragraphs (tables, text boxes too) in order, heading levels, and Word's automatic
numbering as text; hidden text and the table of contents are left out, as they are from the printed report."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from scorer.errors import InputError
from scorer.model import Document, Line
from scorer.read.docx_numbering import Numbering, Styles, format_number, is_on, to_int, val
from scorer.read.zipguard import vet_zip

__all__ = ["body_paragraphs", "format_number", "read_docx"]

# python-docx hands out lxml elements; typed loosely so that type checking needs no lxml stubs.
_Element = Any
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_CONTAINERS = {f"{_W}{t}" for t in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "ins", "moveTo")}
# Subtrees of a paragraph whose text a reader does not see in the flow: deleted or moved-away text,
# field instructions, text boxes and drawings (their own paragraphs), the legacy copy of new content.
_SKIP = {f"{_W}{t}" for t in ("pPr", "rPr", "del", "moveFrom", "instrText", "delInstrText", "drawing",
                                "pict", "object", "txbxContent", "footnoteReference", "endnoteReference")}
_FALLBACK, _TXBX = f"{_MC}Fallback", f"{_W}txbxContent"
_SKIP.add(_FALLBACK)
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
# The table of contents: its entries' styles (toc 1, TOC 1, 目录 1), its own heading, its title line.
_TOC_STYLE = re.compile(r"^(?:toc|目录)\s*(?:[1-9]|heading|标题)$", re.IGNORECASE)
_TOC_TITLE = re.compile(r"^(?:目录|目次|contents|tableofcontents)$", re.IGNORECASE)
_TOC_ENTRY_MAX = 100  # characters: a longer paragraph is body text, whatever field it is said to be in
_REPORT_WORD = re.compile(r"报告|总结")
_ENUMERATED = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|\d+\s*[、.．]"
                         r"|[（(]\s*[一二三四五六七八九十\d]+\s*[）)])")


def read_docx(name: str, data: bytes) -> Document:
    """Read a .docx; every failure of the zip, the XML or python-docx becomes an InputError."""
    if not data.startswith(b"PK"):
        raise InputError(name, "not-docx")
    members = set(vet_zip(name, data))
    if "word/document.xml" not in members:
        if "content.xml" in members:
            raise InputError(name, "odt")
        raise InputError(name, "zip-not-word")
    try:
        import docx
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        doc = docx.Document(io.BytesIO(data))
        try:
            numbering_part: Any = doc.part.part_related_by(RT.NUMBERING)
            numbering_root: _Element | None = numbering_part.element
        except KeyError:
            numbering_root = None
        lines = _demote_title(_lines(doc.element.body, doc.styles.element, numbering_root))
    except InputError:
        raise
    except Exception:  # python-docx, lxml and zipfile raise many types on damaged files
        raise InputError(name, "docx-unreadable") from None
    if not any(line.text.strip() for line in lines):
        raise InputError(name, "docx-no-text")
    return Document(path=name, format="docx", lines=tuple(lines))


def _lines(body: _Element, styles_root: _Element, numbering_root: _Element | None) -> list[Line]:
    styles = Styles(styles_root)
    numbering = Numbering(numbering_root, styles)
    fields = _Fields()
    toc_style: dict[str | None, bool] = {}
    out: list[Line] = []
    for number, (p, in_box) in enumerate(_paragraphs(body), start=1):
        ppr = p.find(f"{_W}pPr")
        style_id = val(ppr, "pStyle") or styles.default
        segments, hid = _segments(p, styles, styles.hidden(style_id))
        length = sum(map(len, segments))
        if style_id not in toc_style:  # a contents entry's style: toc 1, TOC 1, 目录 1
            toc_style[style_id] = any(_TOC_STYLE.match(s.name.strip()) for _, s in styles.chain(style_id))
        in_toc = False if in_box else fields.in_toc(p, length)  # before the other tests: it follows the fields
        if in_toc or toc_style[style_id] or _links_to_toc(p, length):
            _drop_toc_title(out)
            continue
        if hid and not any(t.strip() for t in segments):
            continue  # a paragraph all of whose text is hidden: Word shows nothing, not even its number
        level = _outline_level(ppr, style_id, styles)
        label = numbering.label(ppr, style_id)
        if label:
            segments[0] = label + segments[0]
        for text in segments:
            # Lines after a soft break (Shift+Enter) in a heading paragraph are its body, not more heading.
            out.append(Line(text, number, level=level if text.strip() else None))
            if text.strip():
                level = None
    return out


def body_paragraphs(body: _Element) -> Iterator[_Element]:
    """The body's paragraphs in the order whose 1-based position is a Line's ``source`` (its paragraph number)."""
    return (p for p, _ in _paragraphs(body))


def _paragraphs(el: _Element, in_box: bool = False) -> Iterator[tuple[_Element, bool]]:
    """Body paragraphs in reading order, descending into tables, content controls, revisions and
    text boxes (each box's paragraphs before those of the paragraph it is anchored in)."""
    for child in el:
        if child.tag == f"{_W}p":
            for box in _text_boxes(child):
                yield from _paragraphs(box, True)
            yield child, in_box
        elif child.tag in _CONTAINERS and not _is_toc_block(child):
            yield from _paragraphs(child, in_box)


def _text_boxes(p: _Element) -> Iterator[_Element]:
    """The text boxes anchored in a paragraph, each once: the DrawingML copy, not its VML fallback
    (mc:Fallback), and not boxes inside boxes (their own box yields them)."""
    for box in p.iter(_TXBX):
        up = box.getparent()
        while up is not None and up is not p and up.tag not in (_FALLBACK, _TXBX):
            up = up.getparent()
        if up is p:
            yield box


def _is_toc_block(el: _Element) -> bool:
    """A content control holding Word's table of contents (docPartGallery "Table of Contents")."""
    if el.tag != f"{_W}sdt":
        return False
    gallery = el.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
    return gallery is not None and (gallery.get(f"{_W}val") or "").lower() == "table of contents"


def _links_to_toc(p: _Element, length: int) -> bool:
    """A contents entry by its link to a heading's _Toc bookmark (a short paragraph)."""
    return length <= _TOC_ENTRY_MAX and any(
        (link.get(f"{_W}anchor") or "").startswith("_Toc") for link in p.iter(f"{_W}hyperlink"))


def _drop_toc_title(out: list[Line]) -> None:
    """Remove a 目录 line just before the table of contents (blank lines may separate them)."""
    i = len(out)
    while i > 0 and not out[i - 1].text.strip():
        i -= 1
    if i > 0 and _TOC_TITLE.match("".join(out[i - 1].text.split())):
        del out[i - 1:]


class _Fields:
    """Complex fields (fldChar begin/instrText/separate/end) open across paragraphs, to find the TOC field's."""

    def __init__(self) -> None:
        self.open: list[str] = []  # instructions of the fields open, outermost first

    def in_toc(self, p: _Element, length: int) -> bool:
        """Whether a paragraph is part of a TOC field's result; also moves the field state past it."""
        inside = self._toc()
        for el in p.iter(f"{_W}fldChar", f"{_W}instrText", f"{_W}fldSimple"):
            if el.tag == f"{_W}fldSimple":
                inside = inside or _is_toc(el.get(f"{_W}instr") or "")
                continue
            if el.tag == f"{_W}instrText":
                if self.open:
                    self.open[-1] += el.text or ""
                    inside = inside or self._toc()
                continue
            kind = el.get(f"{_W}fldCharType")
            if kind == "begin":
                self.open.append("")
            elif kind == "end" and self.open:
                self.open.pop()
        if inside and length > _TOC_ENTRY_MAX:  # an unclosed field, not a contents entry: forget it
            self.open.clear()
            return False
        return inside

    def _toc(self) -> bool:
        return any(_is_toc(instr) for instr in self.open)


def _is_toc(instr: str) -> bool:
    return instr.split(maxsplit=1)[:1] == ["TOC"]


def _segments(p: _Element, styles: Styles, para_hidden: bool) -> tuple[list[str], bool]:
    """The visible text of a paragraph, split at manual line breaks; and whether any text was hidden."""
    segments: list[list[str]] = [[]]
    hid = False

    def hidden(run: _Element) -> bool:
        rpr = run.find(f"{_W}rPr")
        if rpr is not None:
            own = is_on(rpr.find(f"{_W}vanish"))
            if own is not None:
                return own
            char_style = val(rpr, "rStyle")
            if char_style is not None and styles.hidden(char_style):
                return True
        return para_hidden

    def visit(el: _Element) -> None:
        nonlocal hid
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == f"{_W}r" and hidden(child):
                hid = True
            elif tag == f"{_W}t":
                segments[-1].append(child.text or "")
            elif tag == f"{_W}tab":
                segments[-1].append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                if child.get(f"{_W}type") in (None, "textWrapping"):
                    segments.append([])
            elif tag == f"{_W}noBreakHyphen":
                segments[-1].append("-")
            elif tag == f"{_W}sym":
                code = to_int(child.get(f"{_W}char"), 16) or 0
                if 0 < code < 0x110000 and not 0xE000 <= code <= 0xF8FF:  # symbol-font glyphs: no meaning
                    segments[-1].append(chr(code))
            else:
                visit(child)

    visit(p)
    return ["".join(parts) for parts in segments], hid


def _outline_level(ppr: _Element | None, style_id: str | None, styles: Styles) -> int | None:
    direct = to_int(val(ppr, "outlineLvl"))
    if direct is not None:
        return direct + 1 if 0 <= direct < 9 else None
    for _, style in styles.chain(style_id):
        m = _HEADING_NAME.match(style.name.strip())
        if m:
            return int(m.group(1))
        if style.outline is not None:
            return style.outline + 1 if 0 <= style.outline < 9 else None
    return None


def _demote_title(lines: list[Line]) -> list[Line]:
    """The report's title styled as a heading (标题 1, to show in the navigation pane) is no heading:
    as one it would hold every section. It is the first styled paragraph, before the body (after at
    most a few short lines such as 红头 and 文号, no addressee), unnumbered, and either names 报告/总结
    or is the only heading at its level. The other headings' levels are then re-based to start at 1."""
    headed = [i for i, line in enumerate(lines) if line.level is not None]
    if not headed:
        return lines
    first, level = headed[0], lines[headed[0]].level or 0
    title = lines[first].text.strip()
    before = [t for t in (line.text.strip() for line in lines[:first]) if t]
    rest = [lines[i].level or 0 for i in headed[1:]]
    if (len(title) > 80 or _ENUMERATED.match(title) or len(before) > 5
            or any(len(t) > 40 or t[-1] in ":：" or _REPORT_WORD.search(t) for t in before)
            or any(lv < level for lv in rest)
            or not (_REPORT_WORD.search(title) or all(lv > level for lv in rest))):
        return lines
    shift = min(rest, default=1) - 1
    out = list(lines)
    out[first] = replace(lines[first], level=None)
    for i in headed[1:]:
        out[i] = replace(lines[i], level=(lines[i].level or 0) - shift)
    return out
