"""What every check receives and how it words a finding from the rubric's message templates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scorer.model import Finding, Match, NormalizedDocument, Outline, Severity
from scorer.rubric import Rubric


@dataclass(frozen=True)
class Context:
    """The pipeline's state up to matching, as the checks see it (read only)."""

    doc: NormalizedDocument
    outline: Outline
    matches: tuple[Match, ...]
    rubric: Rubric
    lang: str

    def source(self, line: int | None) -> int | None:
        """The user-visible line number of a normalized line index."""
        if line is None or not 0 <= line < len(self.doc.lines):
            return None
        return self.doc.lines[line].source

    def page(self, line: int | None) -> int | None:
        if line is None or not 0 <= line < len(self.doc.lines):
            return None
        return self.doc.lines[line].page

    def match(self, cid: str) -> Match | None:
        return next((m for m in self.matches if m.criterion == cid), None)

    def label(self, cid: str) -> str:
        for crit in self.rubric.criteria:
            if crit.id == cid:
                return crit.label.get(self.lang, crit.label["zh"])
            for req in crit.requirements:
                if req.id == cid:
                    return req.label.get(self.lang, req.label["zh"])
        return cid

    def text(self, lang_map: dict[str, str] | None) -> str:
        if not lang_map:
            return ""
        return lang_map.get(self.lang) or lang_map.get("zh") or ""

    def finding(
        self,
        rule: str,
        line: int | None = None,
        criterion: str | None = None,
        severity: Severity | None = None,
        **values: Any,
    ) -> Finding | None:
        """A finding worded by the rubric's template for ``rule``; None when the rubric turns it off."""
        spec = self.rubric.rule(rule)
        if spec.severity is None:
            return None
        template = self.text(spec.message)
        try:
            message = template.format(**values)
        except (KeyError, IndexError, ValueError):
            message = template + " " + " ".join(f"{k}={v}" for k, v in values.items())
        return Finding(
            rule=rule,
            severity=severity or spec.severity,
            message=message,
            line=self.source(line),
            criterion=criterion,
            page=self.page(line),
        )
