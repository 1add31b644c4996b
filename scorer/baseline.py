"""Baselines: record a run's findings and scores, and compare a later run with them (new, fixed, drops).

A finding's identity is its rule, its criterion and a fingerprint of its message with the digits
taken out, never its line: inserting a paragraph above a problem must not make it "new".
"""

from __future__ import annotations

import json
import math
import os
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from scorer.errors import InputError, UserError
from scorer.limits import LONG_NUMBER, MAX_BASELINE_BYTES, read_settings_text
from scorer.model import Finding, RunResult, Scorecard
from scorer.stats import fingerprint
from scorer.uiwords import input_text

VERSION = 2  # 2: findings known by their rule, criterion and the values they name (stats.fingerprint)
SCORE_TOLERANCE = 0.05  # scores are rounded to 0.1; anything smaller is not a drop


class BaselineError(UserError):
    """A baseline file that cannot be read or was written for something else."""


_SURROGATE = re.compile("[\ud800-\udfff]")


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
            "findings": [_entry(f, lang).to_dict() for f in card.findings],
        }
    return {"version": VERSION, "lang": lang, "reports": dict(sorted(reports.items()))}


def dumps(doc: dict[str, Any]) -> str:
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    # A path that is not valid UTF-8 holds lone surrogates: written as JSON escapes, read back the same.
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _entry(f: Finding, lang: str) -> Entry:
    """A finding as the baseline remembers it: known by its fingerprint, its message kept for people to read."""
    return Entry(fingerprint(f), f.rule, f.criterion, f.severity.value, f.message_in(lang), f.line)


def load(path: Path | str) -> dict[str, Any]:
    """A baseline file, checked entry by entry: BaselineError (one line) for anything else."""
    path = Path(path)
    try:
        text = read_settings_text(path, MAX_BASELINE_BYTES)
    except InputError as exc:
        if exc.key == "not-found":
            raise BaselineError(f"{path}: baseline not found (write one with `scorer baseline write`)") from None
        raise BaselineError(f"{path}: cannot be read ({input_text(exc, 'en')})") from None
    try:
        doc = json.loads(text)
    except RecursionError:
        raise BaselineError(f"{path}: not a baseline file (nested too deeply)") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: not a baseline file ({exc})") from None
    except ValueError:  # a number of more than 4,300 digits
        raise BaselineError(f"{path}: not a baseline file ({LONG_NUMBER})") from None
    if not isinstance(doc, dict) or doc.get("version") != VERSION or not isinstance(doc.get("reports"), dict):
        raise BaselineError(f"{path}: not a scorer baseline (version {VERSION})")
    problem = _shape(doc)
    if problem is not None:
        raise BaselineError(f"{path}: not a scorer baseline ({problem})")
    return doc


_ENTRY_TYPES: dict[str, tuple[type, ...]] = {
    "fingerprint": (str,), "rule": (str,), "criterion": (str, type(None)), "severity": (str,),
    "message": (str,), "line": (int, type(None)),
}


_KIND: dict[type, str] = {str: "a string", int: "an integer", type(None): "null"}


def _shape(doc: dict[str, Any]) -> str | None:
    """What is wrong with a baseline's reports, as ``reports["a.txt"].findings[2].rule: expected str``."""
    if not isinstance(doc.get("lang", "zh"), str):
        return "lang: expected a string"
    for key, report in doc["reports"].items():
        where = f"reports[{json.dumps(key, ensure_ascii=False)[:80]}]"
        if not isinstance(report, dict):
            return f"{where}: expected an object"
        score = report.get("score")
        if isinstance(score, bool) or not isinstance(score, (int, float)) or not math.isfinite(score):
            return f"{where}.score: expected a finite number"
        findings = report.get("findings", [])
        if not isinstance(findings, list):
            return f"{where}.findings: expected a list"
        for i, entry in enumerate(findings):
            if not isinstance(entry, dict) or set(entry) != set(_ENTRY_TYPES):
                return f"{where}.findings[{i}]: expected an object with {', '.join(sorted(_ENTRY_TYPES))}"
            for name, types in _ENTRY_TYPES.items():
                value = entry[name]
                if not isinstance(value, types) or isinstance(value, bool):
                    kinds = " or ".join(_KIND[t] for t in types)
                    return f"{where}.findings[{i}].{name}: expected {kinds}"
    return None


def compare(result: RunResult, doc: dict[str, Any], baseline_path: Path | str) -> Diff:
    """New findings, fixed findings and score drops of this run's reports against a baseline (in any
    language: a finding is known by its fingerprint, not its words)."""
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
