"""Notes put into a Word file as comments (批注), each on its paragraph at the words it marks; the package is written
back part by part, every part but the document body, the comments and their relationship and content type byte
for byte as it came."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

from scorer.annotate.notes import Note
from scorer.annotate.runs import W, runs_of, span_runs
from scorer.wording import say

_Element = Any
Locate = Callable[[Note], int | None]  # a note's paragraph number (1-based, as the reader counts), None: unknown
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"


def comment_docx(data: bytes, notes: list[Note], locate: Locate, lang: str) -> bytes:
    """``data`` (a .docx) with each note as a comment: on the paragraph ``locate`` gives, at the words it marks;
    a note with no paragraph goes on the summary's paragraph (the title), else on the first with text."""
    import docx

    from scorer.read.docx import body_paragraphs

    document = docx.Document(io.BytesIO(data))
    paras = list(body_paragraphs(document.element.body))
    home = _home(paras, notes, locate)
    author, initials = say("author", lang), say("initials", lang)
    for note in notes:
        number = locate(note)
        p = _outside_boxes(paras[number - 1]) if number is not None and 0 < number <= len(paras) else home
        comment = document.comments.add_comment(text=note.text, author=author, initials=initials)
        mark(p, span_runs(p, note.marks), comment.comment_id)
    return repack(data, document)


def _home(paras: list[_Element], notes: list[Note], locate: Locate) -> _Element:
    """Where a note with no place goes: the summary's paragraph (the title), else the first paragraph with text."""
    summary = next((locate(n) for n in notes if n.kind == "summary"), None)
    if summary is not None and 0 < summary <= len(paras):
        return paras[summary - 1]
    return next((p for p in paras if any(t.text for t in p.iter(f"{W}t"))), paras[0])


def _outside_boxes(p: _Element) -> _Element:
    """A paragraph of a text box gives its comment to the paragraph the box is anchored in: Word does not
    take comments inside text boxes."""
    outer, up = p, p.getparent()
    while up is not None:
        if up.tag == f"{W}p":
            outer = up
        up = up.getparent()
    return outer


def mark(p: _Element, span: tuple[_Element, _Element] | None, comment_id: int) -> None:
    """Put a comment's range around the runs ``span`` (the whole paragraph when it has no run) and its reference
    right after; nothing else of the paragraph changes."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    start = OxmlElement("w:commentRangeStart", attrs={qn("w:id"): str(comment_id)})
    end = OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): str(comment_id)})
    ref = OxmlElement("w:r")
    ref.append(OxmlElement("w:commentReference", attrs={qn("w:id"): str(comment_id)}))
    if span is None:
        ppr = p.find(f"{W}pPr")
        p.insert(0 if ppr is None else p.index(ppr) + 1, start)
        p.append(end)
        p.append(ref)
        return
    first, last = span
    first.addprevious(start)
    last.addnext(end)
    end.addnext(ref)


def repack(original: bytes, document: Any) -> bytes:
    """The package of ``original`` with the document part and the comments part python-docx holds, the comments
    relationship and content type added where missing; every other member is copied byte for byte."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    part = document.part
    comments = part.part_related_by(RT.COMMENTS)
    rel = next(r for r in part.rels.values() if r.reltype == RT.COMMENTS)
    changed = {_name(part.partname): part.blob, _name(comments.partname): comments.blob}
    with zipfile.ZipFile(io.BytesIO(original)) as src:
        names = set(src.namelist())
        rels = _name(part.partname.rels_uri)
        changed[rels] = _related(src.read(rels), rel.rId, RT.COMMENTS, rel.target_ref) if rels in names else \
            _rels_part(rel.rId, RT.COMMENTS, rel.target_ref)
        changed["[Content_Types].xml"] = _typed(src.read("[Content_Types].xml"), str(comments.partname),
                                                comments.content_type)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as dst:
            for info in src.infolist():
                data = changed.pop(info.filename, None)
                dst.writestr(_same(info), src.read(info) if data is None else data)
            for name, data in changed.items():  # new members: the comments part, perhaps its relationships
                dst.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _name(partname: Any) -> str:
    return str(partname).lstrip("/")


def _same(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """A member's entry as it was: name, time, compression, attributes."""
    copy = zipfile.ZipInfo(info.filename, info.date_time)
    copy.compress_type = info.compress_type
    copy.external_attr = info.external_attr
    copy.create_system = info.create_system
    return copy


def _related(xml: bytes, rid: str, reltype: str, target: str) -> bytes:
    """A relationships part with one of type ``reltype`` (added when it has none; its own bytes when it has)."""
    root = _parse(xml)
    if any(r.get("Type") == reltype for r in root):
        return xml
    taken = {r.get("Id") for r in root}
    n = 1
    while rid in taken:
        rid, n = f"rIdScorer{n}", n + 1
    root.append(root.makeelement(f"{{{_RELS}}}Relationship", {"Id": rid, "Type": reltype, "Target": target}))
    return _serialize(root)


def _rels_part(rid: str, reltype: str, target: str) -> bytes:
    return _serialize(_parse(f'<Relationships xmlns="{_RELS}"><Relationship Id="{rid}" Type="{reltype}" '
                             f'Target="{target}"/></Relationships>'.encode()))


def _typed(xml: bytes, partname: str, content_type: str) -> bytes:
    """The content types part with an override for ``partname`` (its own bytes when it has one)."""
    root = _parse(xml)
    if any(el.get("PartName", "").lower() == partname.lower() for el in root):
        return xml
    root.append(root.makeelement(f"{{{_TYPES}}}Override", {"PartName": partname, "ContentType": content_type}))
    return _serialize(root)


def _parse(xml: bytes) -> Any:
    """A package part's XML, parsed without entities or network (python-docx's own parser)."""
    from docx.opc.oxml import parse_xml

    return parse_xml(xml)  # type: ignore[arg-type]  # lxml parses bytes (and honours their declared encoding)


def _serialize(root: Any) -> bytes:
    from docx.opc.oxml import serialize_part_xml

    data: bytes = serialize_part_xml(root)
    return data


def paragraph_count(data: bytes) -> int:
    """How many paragraphs a .docx's body has, as the reader counts them (for tests and for building)."""
    import docx

    from scorer.read.docx import body_paragraphs

    return sum(1 for _ in body_paragraphs(docx.Document(io.BytesIO(data)).element.body))


__all__ = ["comment_docx", "mark", "paragraph_count", "repack", "runs_of"]
