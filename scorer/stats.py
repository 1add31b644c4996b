"""Figures over a run for the supervisor's and the CI user's views: reports failing first, findings per rule,
parts missing or weak, the score distribution by verdict, the totals of a closing line."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass

from scorer.model import Criterion, FileError, Finding, Lang, RunResult, Scorecard, Severity, Status, Verdict

__all__ = ["Bin", "PartCount", "RuleCount", "Summary", "Totals", "failing_first", "fingerprint", "gaps", "is_late",
           "part_counts", "rule_counts", "score_bins", "severity_counts", "summarize", "totals"]

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_SPACE = re.compile(r"\s+")


def fingerprint(finding: Finding) -> str:
    """A short identity of a finding that no line shift, language or rewording changes: its rule, its
    criterion and the values it names (spans, headings, years), numbers folded; words of the rubric
    (labels, details, in every language) left out."""
    values = [f"{k}={_SPACE.sub('', _DIGITS.sub('#', str(v)))}" for k, v in finding.params if not isinstance(v, dict)]
    raw = "\0".join((finding.rule, finding.criterion or "", *values))
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True)
class Summary:
    """A batch at a glance: counts by verdict, the mean score, the parts most often missing or weak."""

    reports: int
    passed: int
    failed: int
    errors: int
    mean_score: float | None
    # (criterion id, label, reports where it is missing, where it is weak), most often missing first
    gaps: tuple[tuple[str, Lang, int, int], ...]
    worst: tuple[Scorecard, ...]  # the lowest-scoring failing reports


def summarize(result: RunResult, top: int = 5) -> Summary:
    cards = result.cards
    passed = sum(1 for c in cards if c.verdict is Verdict.PASS)
    counts: dict[str, list[int]] = {}
    labels: dict[str, Lang] = {}
    for card in cards:
        for crit in card.criteria:
            labels.setdefault(crit.id, crit.label)
            row = counts.setdefault(crit.id, [0, 0])
            if crit.status is Status.MISSING and not crit.optional:
                row[0] += 1
            elif crit.status is Status.WEAK:
                row[1] += 1
    found = sorted(((cid, labels[cid], m, w) for cid, (m, w) in counts.items() if m or w),
                   key=lambda g: (-g[2], -g[3], g[0]))
    worst = sorted((c for c in cards if c.verdict is Verdict.FAIL), key=lambda c: (c.score, c.path))[:top]
    mean = round(sum(c.score for c in cards) / len(cards), 1) if cards else None
    return Summary(len(cards), passed, len(cards) - passed, len(result.errors), mean, tuple(found[:top]),
                   tuple(worst))

LATE_RULE = "late-report"


def failing_first(result: RunResult) -> tuple[Scorecard | FileError, ...]:
    """Failing reports (lowest score first), then files that could not be read, then passing reports
    (lowest first: the closest to failing); the input order breaks ties."""
    rows: list[Scorecard | FileError] = [*result.cards, *result.errors]

    def key(item: tuple[int, Scorecard | FileError]) -> tuple[int, float, int]:
        index, row = item
        if isinstance(row, FileError):
            return 1, 0.0, index
        return (0 if row.verdict is Verdict.FAIL else 2), row.score, index

    return tuple(row for _, row in sorted(enumerate(rows), key=key))


def severity_counts(card: Scorecard) -> Counter[Severity]:
    return Counter(f.severity for f in card.findings)


def gaps(card: Scorecard) -> tuple[tuple[Criterion, ...], tuple[Criterion, ...]]:
    """The report's parts (and requirements) that are missing, and those that are weak; an optional part
    not written is no gap."""
    missing = tuple(c for c in card.criteria if c.status is Status.MISSING and not c.optional)
    weak = tuple(c for c in card.criteria if c.status is Status.WEAK)
    return missing, weak


def is_late(card: Scorecard) -> bool | None:
    """Whether the report came in late by the late-report rule; None when it has no date to tell by."""
    if any(f.rule == LATE_RULE for f in card.findings):
        return True
    if card.meta.get("report_year") and (card.meta.get("date") or card.meta.get("published")):
        return False
    return None


@dataclass(frozen=True)
class Totals:
    reports: int
    failing: int
    unreadable: int
    errors: int
    warnings: int
    infos: int


def totals(result: RunResult) -> Totals:
    counts: Counter[Severity] = Counter()
    for card in result.cards:
        counts.update(severity_counts(card))
    failing = sum(1 for c in result.cards if c.verdict is Verdict.FAIL)
    return Totals(len(result.cards), failing, len(result.errors), counts[Severity.ERROR], counts[Severity.WARNING],
                  counts[Severity.INFO])


@dataclass(frozen=True)
class RuleCount:
    rule: str
    severity: Severity
    findings: int
    reports: int


def rule_counts(result: RunResult) -> tuple[RuleCount, ...]:
    """Findings per rule and severity, with the number of reports raising them: most findings first."""
    findings: Counter[tuple[str, Severity]] = Counter()
    reports: Counter[tuple[str, Severity]] = Counter()
    for card in result.cards:
        keys = [(f.rule, f.severity) for f in card.findings]
        findings.update(keys)
        reports.update(set(keys))
    rows = [RuleCount(rule, sev, n, reports[(rule, sev)]) for (rule, sev), n in findings.items()]
    return tuple(sorted(rows, key=lambda r: (-r.findings, r.severity.rank, r.rule)))


@dataclass(frozen=True)
class PartCount:
    id: str
    label: Lang
    part_of: str | None
    found: int
    weak: int
    missing: int
    not_written: int  # an optional part that is not written: no fault


def part_counts(result: RunResult) -> tuple[PartCount, ...]:
    """Per criterion, how many reports have it found, weak, missing (or, optional, not written); in the
    order the rubrics list them."""
    order: dict[str, Criterion] = {}
    counts: dict[str, Counter[str]] = {}
    for card in result.cards:
        for c in card.criteria:
            order.setdefault(c.id, c)
            key = "not_written" if c.optional and c.status is Status.MISSING else c.status.value
            counts.setdefault(c.id, Counter())[key] += 1
    return tuple(PartCount(cid, c.label, c.part_of, counts[cid]["found"], counts[cid]["weak"],
                           counts[cid]["missing"], counts[cid]["not_written"]) for cid, c in order.items())


@dataclass(frozen=True)
class Bin:
    low: int
    high: int  # inclusive: 0–9, 10–19, …, 90–100
    passed: int
    failed: int


def score_bins(result: RunResult) -> tuple[Bin, ...]:
    """The score distribution in ten bins, each split by verdict."""
    passed = [0] * 10
    failed = [0] * 10
    for card in result.cards:
        i = min(int(card.score // 10), 9)
        (passed if card.verdict is Verdict.PASS else failed)[i] += 1
    return tuple(Bin(i * 10, i * 10 + 9 if i < 9 else 100, passed[i], failed[i]) for i in range(10))
