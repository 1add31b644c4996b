"""What every check receives and how it words a finding from the rubric's message templates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from scorer.errors import RubricError
from scorer.model import Finding, Match, NormalizedDocument, Outline, Severity, Status
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

    def options(self, check_id: str) -> dict[str, Any]:
        """A check's options: the rubric's ``checks.<check_id>`` mapping ({} when the rubric has none)."""
        opts = self.rubric.checks.get(check_id)
        return opts if isinstance(opts, dict) else {}

    def patterns(self, check_id: str, key: str, items: Any = None) -> tuple[re.Pattern[str], ...]:
        """The regular expressions at ``checks.<check_id>.<key>`` (or ``items``), compiled once.

        A bad pattern is a RubricError naming the rubric file and the YAML path.
        """
        raw = self.options(check_id).get(key, []) if items is None else items
        if isinstance(raw, str):
            raw = [raw]
        return _compile(self.rubric.path, f"checks.{check_id}.{key}", tuple(str(p) for p in raw or ()))

    def complete(self) -> bool:
        """Whether the report runs to its end: the last part in the rubric's order is there.

        Web pages and excerpts are often cut off; what a report lacks at its end (署名, 成文日期)
        or in its whole (纲要 areas) is only said of a report that reaches its last part.
        """
        if not self.rubric.order:
            return True
        m = self.match(self.rubric.order[-1])
        return m is not None and m.status is not Status.MISSING

    def say(self, lang_map: dict[str, str] | str | None, **values: Any) -> str:
        """A template from the rubric's options in the output language, filled in (never raises)."""
        template = self.text(lang_map) if isinstance(lang_map, dict) else str(lang_map or "")
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError, AttributeError):
            return template

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


@lru_cache(maxsize=256)
def _compile(path: str, where: str, items: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    out = []
    for i, pattern in enumerate(items):
        try:
            out.append(re.compile(pattern))
        except re.error as exc:
            raise RubricError(f"{path}: {where}[{i}]: bad pattern {pattern!r}: {exc}") from None
    return tuple(out)
