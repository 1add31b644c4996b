"""Arithmetic only: statuses, weights and findings into points, a total and a verdict."""

from __future__ import annotations

from typing import Any

from scorer.model import Criterion, Finding, Match, Scorecard, Status, Verdict
from scorer.rubric import Rubric


def build_scorecard(
    path: str,
    rubric: Rubric,
    matches: tuple[Match, ...],
    findings: tuple[Finding, ...],
    meta: dict[str, Any],
    source_of: dict[int, int],
    lang: str = "zh",
) -> Scorecard:
    by_id = {m.criterion: m for m in matches}
    rows: list[Criterion] = []
    required_missing = False
    for crit in rubric.criteria:
        m = by_id[crit.id]
        factor = rubric.status_factor[m.status.value]
        rows.append(_row(crit.id, crit.label, m, crit.weight * factor, crit.weight, crit.required, source_of, lang))
        required_missing = required_missing or (crit.required and m.status is Status.MISSING)
        for req in crit.requirements:
            r = by_id[req.id]
            got = req.weight if r.status is Status.FOUND else 0.0
            rows.append(_row(req.id, req.label, r, got, req.weight, False, source_of, lang))
    total_max = sum(c.max_points for c in rows)
    score = 100.0 * sum(c.points for c in rows) / total_max if total_max else 0.0
    verdict = Verdict.FAIL if required_missing or score < rubric.pass_threshold else Verdict.PASS
    return Scorecard(
        path=path,
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        score=round(score, 1),
        verdict=verdict,
        pass_threshold=rubric.pass_threshold,
        criteria=tuple(rows),
        findings=findings,
        meta=meta,
    )


def _row(cid: str, label: dict[str, str], m: Match, points: float, max_points: float, required: bool,
         source_of: dict[int, int], lang: str) -> Criterion:
    line = m.line if m.line is not None else m.evidence_line
    return Criterion(
        id=cid,
        label=label.get(lang) or label["zh"],
        status=m.status,
        confidence=m.confidence,
        points=points,
        max_points=max_points,
        heading=m.heading,
        line=source_of.get(line) if line is not None else None,
        evidence=m.evidence,
        required=required,
        via=m.via,
    )
