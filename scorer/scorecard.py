"""Arithmetic and the verdict: statuses, weights and findings into points, a total, a verdict and its reasons."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from scorer.model import (
    LANGS,
    Criterion,
    Finding,
    Lang,
    Match,
    Policy,
    Reason,
    Scorecard,
    Severity,
    Status,
    Verdict,
    in_lang,
)
from scorer.rubric import Rubric, ui_label
from scorer.words import as_lang


def build_scorecard(
    path: str,
    rubric: Rubric,
    matches: tuple[Match, ...],
    findings: tuple[Finding, ...],
    meta: dict[str, Any],
    source_of: dict[int, int],
    policy: Policy | None = None,
) -> Scorecard:
    by_id = {m.criterion: m for m in matches}
    rows: list[Criterion] = []
    for crit in rubric.criteria:
        m = by_id[crit.id]
        factor = rubric.status_factor[m.status.value]
        rows.append(_row(crit.id, crit.label, m, crit.weight * factor, crit.weight, crit.required, source_of))
        for req in crit.requirements:
            r = by_id[req.id]
            got = req.weight if r.status is Status.FOUND else 0.0
            rows.append(replace(_row(req.id, req.label, r, got, req.weight, False, source_of), part_of=crit.id))
    total_max = sum(c.max_points for c in rows)
    score = 100.0 * sum(c.points for c in rows) / total_max if total_max else 0.0
    card = Scorecard(
        path=path,
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        score=round(score, 1),
        verdict=Verdict.PASS,
        pass_threshold=rubric.pass_threshold,
        criteria=tuple(rows),
        findings=findings,
        meta=meta,
        rubric_title=dict(rubric.title),
    )
    return decide(card, rubric, policy or Policy())


def fail_on(rubric: Rubric, policy: Policy) -> Severity | None:
    """The least severe finding that fails a report: the run's setting, else the rubric's (None: none does)."""
    if policy.fail_on is None:
        return rubric.fail_on
    return None if policy.fail_on == "off" else Severity(policy.fail_on)


def threshold(rubric: Rubric, policy: Policy) -> float:
    """The pass mark that applies: the strictest of the rubric's and the run's."""
    return max(rubric.pass_threshold, policy.threshold if policy.threshold is not None else 0.0)


def decide(card: Scorecard, rubric: Rubric, policy: Policy) -> Scorecard:
    """The verdict and its reasons, one rule everywhere: a required part missing, a finding at or above
    the fail-on severity, or a total under the pass mark fails the report. Findings are sorted once here.
    """
    findings = tuple(sorted(card.findings, key=lambda f: f.sort_key()))
    missing = [c for c in card.criteria if c.required and c.status is Status.MISSING]
    reasons = [Reason("missing", _say("reason_missing", label=c.label), criterion=c.id) for c in missing]
    gone = {c.id for c in missing}
    level = fail_on(rubric, policy)
    counts: dict[tuple[Severity, str], int] = {}
    for f in findings:
        # a missing part's own finding is already its reason
        if level is not None and f.severity.rank <= level.rank and not (f.criterion in gone and
                                                                          f.rule == "section-missing"):
            counts[(f.severity, f.rule)] = counts.get((f.severity, f.rule), 0) + 1
    for (sev, rule), n in sorted(counts.items(), key=lambda kv: (kv[0][0].rank, kv[0][1])):
        severity = {lang: ui_label(lang, sev.value) for lang in LANGS}
        reasons.append(Reason("finding", _say("reason_finding", n=n, severity=severity, rule=rule), rule=rule))
    alone = [Reason("finding", f.text, rule=f.rule) for f in findings
             if rubric.rule(f.rule).options.get("alone") and level is not None and f.severity.rank <= level.rank]
    if alone:  # not-a-report: the one thing to say, not a list of the parts a non-report lacks
        return replace(card, findings=findings, verdict=Verdict.FAIL, pass_threshold=threshold(rubric, policy),
                       reasons=tuple(alone))
    mark = threshold(rubric, policy)
    if card.score < mark:
        reasons.append(Reason("threshold", _say("reason_threshold", score=f"{card.score:g}", threshold=f"{mark:g}")))
    verdict = Verdict.FAIL if reasons else Verdict.PASS
    return replace(card, findings=findings, verdict=verdict, pass_threshold=mark, reasons=tuple(reasons))


def _say(key: str, **values: Any) -> Lang:
    """An interface sentence (rubrics/ui/labels.yaml) in every language, a Lang value in its own."""
    return {lang: ui_label(lang, key, **{k: in_lang(v, lang) if isinstance(v, dict) else v
                                         for k, v in values.items()}) for lang in LANGS}


def _row(cid: str, label: Lang, m: Match, points: float, max_points: float, required: bool,
         source_of: dict[int, int]) -> Criterion:
    line = m.line if m.line is not None else m.evidence_line
    return Criterion(
        id=cid,
        label=as_lang(label),
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
