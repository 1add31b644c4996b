"""Where each heading the report should add goes: a required part missing, or one that a finding asks to give a
heading of its own (found only in a paragraph, inferred, misplaced, merged); in the rubric's words with the year
filled in, with the number it would take there and the part or paragraph it goes after or before."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from scorer.layout import words
from scorer.model import Facts, Finding, Lang, Match, Outline, Paragraph, Section, Status, TemplateHeading, Via
from scorer.rubric import CriterionSpec, Rubric
from scorer.words import as_lang

# The parts a finding asks to give a heading of their own (section-weak), beside those missing.
_UNHEADED = (Via.CUE, Via.THEMATIC, Via.WEAK_HEADING, Via.MISPLACED)
_ASKING = ("section-missing", "section-weak", "section-merged")
_CN = "一二三四五六七八九"
_EXCERPT = 16  # characters of a paragraph named as the place


@dataclass(frozen=True)
class Report:
    """What placing needs of a scored report: its outline, what each part matched, its facts and findings."""

    outline: Outline
    matches: tuple[Match, ...]
    facts: Facts
    findings: tuple[Finding, ...]
    source_of: dict[int, int]
    page_of: Mapping[int, int | None] = field(default_factory=dict)  # a PDF's lines: the page each stands on


@dataclass(frozen=True)
class _Spot:
    """Where one heading goes: before the ``position``-th top-level part, ``where`` ``line`` (normalized)."""

    position: int
    where: str
    line: int | None
    anchor: str | None


def headings_to_add(report: Report, rubric: Rubric) -> tuple[TemplateHeading, ...]:
    """The headings the report should add, in the rubric's order of parts, each placed and numbered."""
    order = part_order(rubric)
    by_id = {m.criterion: m for m in report.matches}
    tops = [s for s in report.outline.sections[1:] if s.parent == 0]
    asked = [cid for cid in order if _asked(rubric.criterion(cid), order, by_id, report)]
    spots = {cid: _spot(cid, order, by_id, tops, report) for cid in asked}
    ranked = sorted(asked, key=lambda cid: (spots[cid].position, order.index(cid)))
    kinds = [s.kind for s in tops]
    kind = max(kinds, key=kinds.count) if kinds else "cn"  # the report's own numbering of its parts
    out = []
    for cid in asked:
        crit, spot = rubric.criterion(cid), spots[cid]
        heading, year = template_heading(rubric, crit, report.facts.report_year)
        line = report.source_of.get(spot.line) if spot.line is not None else None
        page = report.page_of.get(spot.line) if spot.line is not None else None
        before = sum(1 for s in tops[:spot.position] if s.kind == kind) + ranked.index(cid)
        out.append(TemplateHeading(cid, heading, as_lang(crit.hint), _number(kind, before + 1), spot.where,
                                   spot.anchor, line, year, page))
    return tuple(out)


def part_order(rubric: Rubric) -> list[str]:
    """The rubric's parts in the order a report gives them: its template's order, then the other required ones."""
    ids = [c.id for c in rubric.criteria]
    order = [cid for cid in rubric.raw.get("template", {}).get("order", []) if cid in ids]
    return order + [c.id for c in rubric.criteria if c.required and c.id not in order]


def template_heading(rubric: Rubric, crit: CriterionSpec, year: int | None) -> tuple[Lang, int | None]:
    """A part's heading as the rubric's template words it, in each language, the year filled in (20×× when
    unknown), and that year."""
    spec = rubric.raw.get("template", {}).get("headings", {}).get(crit.id)
    texts = as_lang(spec if spec else crit.phrases[0])
    named = None if year is None else year + 1 if "{next_year}" in texts["zh"] else year if "{year}" in texts["zh"] \
        else None
    unknown = "20××"
    return {lang: text.replace("{next_year}", str(year + 1) if year else unknown)
            .replace("{year}", str(year) if year else unknown) for lang, text in texts.items()}, named


def _asked(crit: CriterionSpec, order: list[str], by_id: dict[str, Match], report: Report) -> bool:
    """A required part that is missing, or that a finding asks to head on its own (one heading carrying two
    parts keeps the first of them in the rubric's order and asks a heading for the others)."""
    m = by_id[crit.id]
    if not crit.required:
        return False
    if m.status is Status.MISSING:
        return True
    flagged = any(f.criterion == crit.id and f.rule in _ASKING for f in report.findings)
    if m.status is Status.WEAK and m.via in _UNHEADED:
        return flagged
    if m.via is Via.MERGED and m.sections:
        group = [o.criterion for o in by_id.values() if o.via is Via.MERGED and o.sections[:1] == m.sections[:1]]
        merged = any(f.rule == "section-merged" and f.criterion in group for f in report.findings)
        return merged and min(group, key=lambda c: order.index(c) if c in order else len(order)) != crit.id
    return False


def _spot(cid: str, order: list[str], by_id: dict[str, Match], tops: list[Section], report: Report) -> _Spot:
    m = by_id[cid]
    outline = report.outline
    line = m.evidence_line if m.evidence_line is not None else m.line
    if m.status is not Status.MISSING and m.via is Via.CUE and line is not None:
        j = _top_of_line(tops, line)
        # A paragraph closing a part that comes before it in order (下一步,我们将…… after the shortcomings) gets
        # its heading right above it; told anywhere else, the part gets a place of its own after that part.
        earlier = {_placed(by_id[other], tops, outline) for other in order[:order.index(cid)]}
        if j >= 0 and j in earlier and _closes(outline, tops[j], line):
            return _Spot(j + 1, "before", line, _excerpt(outline_text(outline, line)))
    if m.via is Via.THEMATIC and m.sections:
        j = _top_of(outline, m.sections[0], tops)
        return _Spot(j, "above", tops[j].line, display(tops[j]))
    if m.via is Via.MERGED and m.sections:
        j = _top_of(outline, m.sections[0], tops)
        return _Spot(j + 1, "split", tops[j].line, display(tops[j]))
    return _by_neighbours(cid, order, by_id, tops, report)


def _before(cid: str, order: list[str], by_id: dict[str, Match], tops: list[Section], outline: Outline) -> int | None:
    """The top-level part holding the nearest part before ``cid`` in the rubric's order that the report has."""
    for other in reversed(order[:order.index(cid)]):
        j = _placed(by_id[other], tops, outline)
        if j is not None:
            return j
    return None


def _closes(outline: Outline, top: Section, line: int) -> bool:
    """Whether a paragraph comes after every heading inside a top-level part (it is the part's tail)."""
    return all(sec.line is None or sec.line <= line for sec in outline.descendants(top.index))


def _by_neighbours(cid: str, order: list[str], by_id: dict[str, Match], tops: list[Section], report: Report) -> _Spot:
    """After the part that comes before it in the rubric's order, else before the one that follows it."""
    j = _before(cid, order, by_id, tops, report.outline)
    if j is not None:
        return _Spot(j + 1, "after", _last_line(tops[j], report), display(tops[j]))
    at = order.index(cid)
    for other in order[at + 1:]:
        j = _placed(by_id[other], tops, report.outline)
        if j is not None:
            return _Spot(j, "before", tops[j].line, display(tops[j]))
    if tops:
        return _Spot(len(tops), "after", _last_line(tops[-1], report), display(tops[-1]))
    body = _before_closing(report.outline.root.body, report)
    return _Spot(0, "end", body[-1].line if body else None, None)


def _placed(m: Match, tops: list[Section], outline: Outline) -> int | None:
    """The top-level part a found (or weak) part stands in, by its heading or its paragraph; None if nowhere."""
    if m.status is Status.MISSING or not tops:
        return None
    if m.sections and m.via is not Via.CUE:
        return _top_of(outline, m.sections[0], tops)
    line = m.evidence_line if m.evidence_line is not None else m.line
    j = _top_of_line(tops, line) if line is not None else -1
    return j if j >= 0 else None


def _top_of(outline: Outline, index: int, tops: list[Section]) -> int:
    sec = outline.sections[index]
    while sec.parent not in (0, None):
        sec = outline.sections[sec.parent]
    return tops.index(sec) if sec in tops else 0


def _top_of_line(tops: list[Section], line: int) -> int:
    """The top-level part a line stands in (-1: the opening, before the first part)."""
    j = -1
    for k, sec in enumerate(tops):
        if sec.line is not None and sec.line <= line:
            j = k
    return j


def _last_line(sec: Section, report: Report) -> int | None:
    """The last paragraph of a part, before the closing formula, the signature and the date."""
    paras = _before_closing(report.outline.content(sec.index), report)
    return paras[-1].line if paras else sec.line


def _before_closing(paras: list[Paragraph] | tuple[Paragraph, ...], report: Report) -> list[Paragraph]:
    facts = report.facts
    ends = [x for x in (facts.signature_line, facts.date.line if facts.date else None) if x is not None]
    ends += [p.line for p in paras if _sign_off().match(p.text.strip())]
    stop = min(ends, default=None)
    return [p for p in paras if stop is None or p.line < stop]


@lru_cache(maxsize=1)
def _sign_off() -> re.Pattern[str]:
    return re.compile(words("closing.sign_off") + "$")


def outline_text(outline: Outline, line: int) -> str:
    """The text of a normalized line as the outline holds it (a paragraph, or a heading's title)."""
    for para in _paragraphs(outline):
        if para[0] == line:
            return para[1]
    return ""


def _paragraphs(outline: Outline) -> Iterator[tuple[int, str]]:
    for sec in outline.sections:
        if sec.line is not None:
            yield sec.line, display(sec)
        yield from ((p.line, p.text) for p in sec.body)


def display(sec: Section) -> str:
    """A heading as the report writes it: 二、存在的不足, (一)加强组织领导, 第一部分 ……"""
    if not sec.number:
        return sec.title
    sep = {"cn": "、", "ar": ".", "part": " "}.get(sec.kind, "")
    return f"{sec.number}{sep}{sec.title}"


def _excerpt(text: str) -> str:
    text = "".join(text.split())
    return text if len(text) <= _EXCERPT else text[:_EXCERPT] + "……"


def _number(kind: str, n: int) -> str:
    """The numbering the n-th top-level part takes in a report numbered the ``kind`` way ("" if unnumbered)."""
    cn = cn_numeral(n)
    return {"cn": f"{cn}、", "cnl": f"{cn}、", "part": f"第{cn}部分 ", "cnp": f"({cn})", "ar": f"{n}.",
            "arp": f"({n})"}.get(kind, "")


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (up to 99)."""
    tens, ones = divmod(n, 10)
    if not tens:
        return _CN[ones - 1]
    return ("" if tens == 1 else _CN[tens - 1]) + "十" + (_CN[ones - 1] if ones else "")
