"""Baselines: record a run's findings and scores, and compare a later run with them (new, fixed, drops).

A finding's identity is its rule, its criterion and a fingerprint of its message with the digits
taken out, never its line: inserting a paragraph above a problem must not make it "new".
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from scorer.errors import UserError
from scorer.model import Finding, RunResult, Scorecard

VERSION = 1
SCORE_TOLERANCE = 0.05  # scores are rounded to 0.1; anything smaller is not a drop


class BaselineError(UserError):
    """A baseline file that cannot be read or was written for something else."""


_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_SPACE = re.compile(r"\s+")


def fingerprint(finding: Finding) -> str:
    """A short, line-independent identity: rule, criterion and the message with numbers folded."""
    message = _SPACE.sub("", _DIGITS.sub("#", finding.message))
    raw = "\0".join((finding.rule, finding.criterion or "", message))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def report_key(path: str, base_dir: Path) -> str:
    """A report's path relative to the baseline's folder, POSIX style, so the file is portable."""
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base_dir))
    return Path(rel).as_posix()


@dataclass(frozen=True)
class Entry:
    """One finding as the baseline remembers it."""

    fingerprint: str
    rule: str
    criterion: str | None
    severity: str
    message: str
    line: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"fingerprint": self.fingerprint, "rule": self.rule, "criterion": self.criterion,
                "severity": self.severity, "message": self.message, "line": self.line}


@dataclass(frozen=True)
class Diff:
    """What changed since the baseline, over the reports of this run."""

    new: tuple[tuple[str, Finding], ...]  # (report path as scored, finding)
    fixed: tuple[tuple[str, Entry], ...]
    drops: tuple[tuple[str, float, float], ...]  # (path, baseline score, score now)
    unknown: tuple[str, ...]  # reports the baseline does not know

    @property
    def failed(self) -> bool:
        return bool(self.new or self.drops)


def build(result: RunResult, baseline_path: Path | str, lang: str) -> dict[str, Any]:
    """The baseline document for a run: per report its score, verdict and findings."""
    base_dir = Path(baseline_path).parent
    reports: dict[str, Any] = {}
    for card in result.cards:
        reports[report_key(card.path, base_dir)] = {
            "score": round(card.score, 1),
            "verdict": card.verdict.value,
            "rubric": card.rubric_id,
            "findings": [_entry(f).to_dict() for f in card.findings],
        }
    return {"version": VERSION, "lang": lang, "reports": dict(sorted(reports.items()))}


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def _entry(f: Finding) -> Entry:
    return Entry(fingerprint(f), f.rule, f.criterion, f.severity.value, f.message, f.line)


def load(path: Path | str) -> dict[str, Any]:
    path = Path(path)
    try:
        doc = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline not found (write one with `scorer baseline write`)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a baseline file ({exc})") from None
    if not isinstance(doc, dict) or doc.get("version") != VERSION or not isinstance(doc.get("reports"), dict):
        raise BaselineError(f"{path}: not a scorer baseline (version {VERSION})")
    return doc


def compare(result: RunResult, doc: dict[str, Any], baseline_path: Path | str, lang: str) -> Diff:
    """New findings, fixed findings and score drops of this run's reports against a baseline."""
    if doc.get("lang", lang) != lang:
        raise BaselineError(f"{baseline_path}: written with --lang {doc.get('lang')}; compare with the same --lang")
    base_dir = Path(baseline_path).parent
    new: list[tuple[str, Finding]] = []
    fixed: list[tuple[str, Entry]] = []
    drops: list[tuple[str, float, float]] = []
    unknown: list[str] = []
    for card in result.cards:
        old = doc["reports"].get(report_key(card.path, base_dir))
        if old is None:
            unknown.append(card.path)
            new.extend((card.path, f) for f in card.findings)
            continue
        entries = [Entry(**e) for e in old.get("findings", [])]
        left = Counter(e.fingerprint for e in entries)
        for f in card.findings:
            fp = fingerprint(f)
            if left[fp] > 0:
                left[fp] -= 1
            else:
                new.append((card.path, f))
        for e in entries:
            if left[e.fingerprint] > 0:
                left[e.fingerprint] -= 1
                fixed.append((card.path, e))
        if card.score < float(old["score"]) - SCORE_TOLERANCE:
            drops.append((card.path, float(old["score"]), card.score))
    return Diff(tuple(new), tuple(fixed), tuple(drops), tuple(unknown))


def only_new(result: RunResult, diff: Diff) -> RunResult:
    """The run with each report's findings cut down to the new ones (what CI should show)."""
    keep: dict[str, list[Finding]] = {}
    for path, f in diff.new:
        keep.setdefault(path, []).append(f)
    cards: list[Scorecard] = [replace(c, findings=tuple(keep.get(c.path, []))) for c in result.cards]
    return replace(result, cards=tuple(cards))
