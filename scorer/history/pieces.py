"""A report's pieces for the year-over-year comparison: its paragraphs, each with the part that holds it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scorer.model import Facts, Match, NormalizedDocument, Outline, Status, Via

_CUE = 1 << 10  # rank of a part found by a cue: more specific than any heading level


@dataclass(frozen=True)
class Para:
    """One paragraph (or a subheading) of a report, as the comparison sees it."""

    text: str  # normalized text
    source: int  # the line as the user sees it
    part: str | None  # the criterion whose part holds it; None: the opening, before the first heading
    heading: bool = False  # a subheading inside a part (its title), not body text
    leaf: bool = True  # for a subheading: no subsections under it


@dataclass(frozen=True)
class Pieces:
    """What one report brings to the comparison: who and which year, and its paragraphs in order."""

    path: str
    report_year: int | None
    issuer: str | None
    paragraphs: tuple[Para, ...]

    def part(self, *ids: str) -> list[Para]:
        """The paragraphs of these parts, in order."""
        return [p for p in self.paragraphs if p.part in ids]


def pieces_of(path: str, doc: NormalizedDocument, outline: Outline, facts: Facts, matches: tuple[Match, ...],
              ids: tuple[str, ...]) -> Pieces:
    """The report's opening and the paragraphs of its parts (``ids``: the rubric's criteria), each part's
    paragraphs as the matcher placed it; the title, addressee, signature and date are left out."""
    owner, cuts = _owners(outline, matches, ids)
    skip = {facts.title_line, facts.addressee_line}
    end = min((i for i in (facts.signature_line, facts.date.line if facts.date else None) if i is not None),
              default=len(doc.lines))
    out: list[Para] = []
    for sec in outline.sections:
        rows: list[tuple[int, str, bool]] = []
        if sec.index and sec.line is not None:
            rows.append((sec.line, sec.title, True))
        rows.extend((p.line, p.text, False) for p in sec.body)
        for line, text, heading in rows:
            if line in skip or line >= end or not text.strip():
                continue
            part = owner.get(line)
            if part is None and (sec.index or heading):
                continue  # a part's own heading, or text no part holds
            source = doc.lines[line].source
            cut = cuts.get(line) if not heading else None
            if cut is not None and 0 < cut[0] < len(text):  # a part that opens inside the paragraph
                out.append(Para(text[:cut[0]], source, part))
                out.append(Para(text[cut[0]:], source, cut[1]))
                continue
            out.append(Para(text, source, part, heading, not sec.children if heading else True))
    return Pieces(path, facts.report_year, facts.issuer, tuple(out))


def _owners(outline: Outline, matches: tuple[Match, ...],
            ids: tuple[str, ...]) -> tuple[dict[int, str], dict[int, tuple[int, str]]]:
    """Which part holds each line: the most specific part wins (a nested part over the one around it, a
    part found by its cue over the section it stands in); two parts under one heading split it where the
    later one starts. Also, for a paragraph a cue part opens inside, where it opens."""
    spans: list[tuple[int, int, str, list[int]]] = []  # (rank, start line, part, lines)
    cuts: dict[int, tuple[int, str]] = {}
    for m in matches:
        if m.criterion not in ids or m.status is Status.MISSING:
            continue
        if m.sections and m.via is not Via.CUE:
            lines = sorted({p.line for i in m.sections for p in outline.content(i)})
            rank = min(outline.sections[i].level for i in m.sections)
            spans.append((rank, m.evidence_line if m.via is Via.MERGED and m.evidence_line is not None else -1,
                          m.criterion, lines))
        elif m.evidence_line is not None:
            lines, at = _cue_lines(outline, m)
            spans.append((_CUE, m.evidence_line, m.criterion, lines))
            if at:
                cuts[m.evidence_line] = (at, m.criterion)
    owner: dict[int, str] = {}
    rank_of: dict[int, int] = {}
    for rank, start, part, lines in sorted(spans, key=lambda s: (s[0], s[1])):
        for line in lines:
            if rank > rank_of.get(line, -1) or line >= start:
                owner[line], rank_of[line] = part, rank
    return owner, cuts


def _cue_lines(outline: Outline, m: Match) -> tuple[list[int], int]:
    """A part found by its cue: its paragraph and the rest of that section's text after it; and where in
    the paragraph its sentence starts (0: at the start)."""
    for sec in outline.sections:
        for k, para in enumerate(sec.body):
            if para.line == m.evidence_line:
                return [p.line for p in sec.body[k:]], _opening(para.text, m.evidence)
    return [m.evidence_line] if m.evidence_line is not None else [], 0


def _opening(text: str, evidence: Any) -> int:
    """Where the cue's sentence starts in its paragraph (0 when it is the first, or cannot be told)."""
    if not isinstance(evidence, str) or len(evidence) < 6:
        return 0
    at = text.find(evidence.rstrip("…")[:12])
    return max(at, 0)
