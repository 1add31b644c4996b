"""What `scorer init` writes: a report skeleton with the rubric's required headings in order, the year
filled in and a one-line hint per part (from the rubric's `template:` block and each criterion's `hint`)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from scorer.rubric import Rubric

_CN_NUM = "一二三四五六七八九十"


@dataclass(frozen=True)
class Part:
    criterion: str
    heading: str  # with its numbering, e.g. 一、2024年推进法治政府建设的主要举措和成效
    hint: str


@dataclass(frozen=True)
class Skeleton:
    title: str
    addressee: str
    opening: str
    parts: tuple[Part, ...]
    closing: str
    signature: tuple[str, ...]
    hint_prefix: str


def skeleton(rubric: Rubric, year: int, lang: str = "zh", issuer: str | None = None) -> Skeleton:
    """The parts a report must have, in order: template.order, then any other required criterion."""
    spec = rubric.raw.get("template", {})

    def tr(key: str, default: str = "") -> str:
        entry = spec.get(key)
        text = (entry.get(lang) or entry.get("zh", "")) if entry else default
        return str(text).format(year=year, next_year=year + 1, issuer=issuer or "××")

    by_id = {c.id: c for c in rubric.criteria}
    order = [cid for cid in spec.get("order", []) if cid in by_id]
    order += [c.id for c in rubric.criteria if c.required and c.id not in order]
    headings = spec.get("headings", {})
    parts = []
    for n, cid in enumerate(order):
        crit = by_id[cid]
        head = headings.get(cid)
        text = (head.get(lang) or head["zh"]) if head else crit.phrases[0]
        number = _CN_NUM[n] if n < len(_CN_NUM) else str(n + 1)
        hint = crit.hint.get(lang) or crit.hint["zh"]
        parts.append(Part(cid, f"{number}、{text.format(year=year, next_year=year + 1)}", hint))
    return Skeleton(tr("title"), tr("addressee"), tr("opening"), tuple(parts), tr("closing"),
                    tuple(tr("signature").split("\n")) if spec.get("signature") else (), tr("hint_prefix"))


def to_markdown(sk: Skeleton) -> str:
    # The title is a plain line: as a `#` heading it would become the parent of every part.
    out = [sk.title, "", sk.addressee, "", sk.opening, ""]
    for part in sk.parts:
        out += [f"# {part.heading}", "", f"> {sk.hint_prefix}{part.hint}", ""]
    out += [sk.closing, "", *sk.signature, ""]
    return "\n".join(out)


def to_docx(sk: Skeleton) -> bytes:
    """A Word file: title, addressee, opening, one Heading 1 per part with its hint in italics, closing."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    title = doc.add_paragraph()  # not a heading style: it would become the parent of every part
    title.add_run(sk.title).bold = True
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(sk.addressee)
    doc.add_paragraph(sk.opening)
    for part in sk.parts:
        doc.add_heading(part.heading, level=1)
        doc.add_paragraph().add_run(sk.hint_prefix + part.hint).italic = True
    doc.add_paragraph(sk.closing)
    for line in sk.signature:
        doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
