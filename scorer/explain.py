"""What `scorer explain` shows: the outline the engine saw, each node's best criterion, and why each
criterion's winner won over the candidates it weighed (read from the matcher's records, never re-decided)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from scorer.api import score_document
from scorer.match import match
from scorer.meta import find_facts
from scorer.model import Candidate, CandidateKind, Document, Match, Scorecard, Via, in_lang
from scorer.normalize import normalize
from scorer.outline import build_outline
from scorer.rubric import Rubric, ui_label


@dataclass(frozen=True)
class NodeView:
    index: int
    level: int
    number: str | None
    title: str
    line: int | None  # source line
    best: str | None  # the criterion that scored this heading highest
    score: float
    claimed_by: tuple[str, ...]  # the criteria that took it

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "level": self.level, "number": self.number, "title": self.title,
                "line": self.line, "best": self.best, "score": round(self.score, 3),
                "claimed_by": list(self.claimed_by)}


@dataclass(frozen=True)
class CriterionView:
    id: str
    label: str
    status: str
    via: str
    points: float
    max_points: float
    heading: str | None
    line: int | None
    why: str
    candidates: tuple[tuple[Candidate, str], ...]  # each with a note (what became of it)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "status": self.status, "via": self.via,
                "points": round(self.points, 1), "max_points": round(self.max_points, 1),
                "heading": self.heading, "line": self.line, "why": self.why,
                "candidates": [{"kind": c.kind.value, "score": c.score, "line": c.line, "text": c.text,
                                "reason": c.reason, "note": note} for c, note in self.candidates]}


@dataclass(frozen=True)
class Explanation:
    path: str
    rubric_id: str
    selection: str | None
    nodes: tuple[NodeView, ...]
    criteria: tuple[CriterionView, ...]
    card: Scorecard

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "rubric": self.rubric_id, "selection": self.selection,
                "outline": [n.to_dict() for n in self.nodes], "criteria": [c.to_dict() for c in self.criteria],
                "score": round(self.card.score, 1), "verdict": self.card.verdict.value}


def explain_document(doc: Document, rubric: Rubric, lang: str = "zh", selection: str | None = None) -> Explanation:
    clean = normalize(doc)
    outline = build_outline(clean)
    matches = match(outline, rubric, find_facts(clean, outline))
    card = score_document(doc, rubric)
    source = {i: line.source for i, line in enumerate(clean.lines)}
    claimed: dict[int, list[str]] = {}
    for m in matches:
        if m.via.headed:
            for index in m.sections:
                claimed.setdefault(index, []).append(m.criterion)
    best: dict[int, Candidate] = {}
    for m in matches:
        for cand in m.candidates:
            if cand.section is not None and (cand.section not in best or cand.score > best[cand.section].score):
                best[cand.section] = cand
    nodes = tuple(
        NodeView(sec.index, sec.level, sec.number, sec.title, sec.source,
                 best[sec.index].criterion if sec.index in best else None,
                 best[sec.index].score if sec.index in best else 0.0, tuple(claimed.get(sec.index, ())))
        for sec in outline.sections[1:]
    )
    rows = {c.id: c for c in card.criteria}
    views = []
    for m in matches:
        row = rows[m.criterion]
        notes = []
        for cand in sorted(m.candidates, key=lambda c: -c.score):
            if cand.section is not None and cand.section in m.sections:
                note = ui_label(lang, "winner")
            elif cand.section is not None and claimed.get(cand.section):
                note = ui_label(lang, "lost_to", other=", ".join(claimed[cand.section]))
            else:
                note = ""
            # candidates carry normalized line indices; show the file's own line numbers
            line = source.get(cand.line) if cand.line is not None else None
            notes.append((replace(cand, line=line), note))
        views.append(CriterionView(m.criterion, in_lang(row.label, lang), m.status.value, m.via.value, row.points,
                                   row.max_points, m.heading, row.line, _why(m, rubric, lang, source), tuple(notes)))
    return Explanation(doc.path, rubric.id, selection, nodes, tuple(views), card)


def _why(m: Match, rubric: Rubric, lang: str, source: dict[int, int]) -> str:
    if m.via.headed:
        mine = [c for c in m.candidates if c.section in m.sections]
        top = max(mine, key=lambda c: c.score) if mine else None
        text = ui_label(lang, f"why_{m.via.value}", heading=m.heading, score=f"{top.score:.2f}" if top else "-",
                        reason=top.reason if top else "")
        if m.unreported:
            text += "; " + ui_label(lang, "why_unreported")
        elif m.status.value == "weak":
            need = next((c.min_chars for c in rubric.criteria if c.id == m.criterion), 0)
            text += "; " + ui_label(lang, "why_thin", chars=m.content_chars, need=need)
        return text
    if m.via is Via.WEAK_HEADING:
        return ui_label(lang, "why_claimed" if m.unreported else "why_weak_heading", heading=m.heading)
    if m.via is Via.MISPLACED:
        return ui_label(lang, "why_misplaced", heading=m.heading)
    if m.via is Via.CUE:
        cue = next((c for c in m.candidates if c.kind is CandidateKind.CUE), None)
        return ui_label(lang, "why_cue", reason=cue.reason if cue else "")
    if m.via is Via.THEMATIC:
        return ui_label(lang, "why_thematic")
    if m.via is Via.BODY:
        return ui_label(lang, "why_body", evidence=m.evidence)
    return ui_label(lang, "why_missing")


def explain_file(task: tuple[str, str, str]) -> Explanation | str:
    """(report path, rubric reference or "auto", lang) explained, or the one-line error; what
    `scorer explain` runs in a worker process, bounded like a file of `scorer check`."""
    from pathlib import Path

    from scorer.api import AUTO, choose_rubric, load_rubric
    from scorer.errors import InputError, ScorerError
    from scorer.read import read_path
    from scorer.uiwords import input_text

    path, rubric_ref, lang = task
    try:
        doc = read_path(Path(path))
        if rubric_ref == AUTO:
            rubric, chosen = choose_rubric(doc)
            reason: str | None = in_lang(chosen, lang)
        else:
            rubric, reason = load_rubric(rubric_ref), None
    except InputError as exc:
        return f"{exc.path}: {input_text(exc, lang)}"
    except ScorerError as exc:
        return str(exc)
    return explain_document(doc, rubric, lang, reason)
