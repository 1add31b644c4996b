"""What every check receives and how it words a finding from the rubric's message templates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from scorer.errors import RubricError
from scorer.linescan import LineScan
from scorer.model import Facts, Finding, Lang, Match, NormalizedDocument, Outline, Severity, Status
from scorer.rubric import Rubric
from scorer.words import Wordy, as_lang, fill

T = TypeVar("T")


@dataclass(frozen=True)
class Context:
    """The pipeline's state up to matching, as the checks see it (read only)."""

    doc: NormalizedDocument
    outline: Outline
    facts: Facts
    matches: tuple[Match, ...]
    rubric: Rubric
    # Facts shared by the checks of one document, computed on first use (see scan()).
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def scan(self) -> LineScan:
        """The document's lines joined once for fast pattern scans (shared by the checks)."""
        got = self._memo.get("scan")
        if got is None:
            got = self._memo["scan"] = LineScan(tuple(line.text for line in self.doc.lines))
        return got

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """A fact about this document computed once and shared by the checks (``compute()`` on first use)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

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

    def label(self, cid: str) -> Lang:
        """A criterion's (or requirement's) label in every language."""
        for crit in self.rubric.criteria:
            if crit.id == cid:
                return as_lang(crit.label)
            for req in crit.requirements:
                if req.id == cid:
                    return as_lang(req.label)
        return as_lang(cid)

    def options(self, group: str, kind: type[T]) -> T:
        """A check's options: the rubric's ``checks.<group>``, completed with their defaults and typed at load."""
        got = self.rubric.check_options.get(group)
        if not isinstance(got, kind):
            raise RubricError(f"{self.rubric.path}: checks.{group}: the rubric was loaded without the checks' "
                              "options (load it with scorer.api.load_rubric)")
        return got

    def complete(self) -> bool:
        """Whether the report runs to its end: the last part in the rubric's order is there.

        Web pages and excerpts are often cut off; what a report lacks at its end (署名, 成文日期)
        or in its whole (纲要 areas) is only said of a report that reaches its last part.
        """
        if not self.rubric.order:
            return True
        m = self.match(self.rubric.order[-1])
        return m is not None and m.status is not Status.MISSING

    def say(self, template: Wordy, **values: Any) -> Lang:
        """A template from the rubric's options, filled in, in every language (never raises)."""
        return fill(template, **values)

    def text(self, lang_map: Wordy) -> Lang:
        """Words of the rubric's options in every language ("" in each when there are none)."""
        return as_lang(lang_map)

    def finding(
        self,
        rule: str,
        line: int | None = None,
        criterion: str | None = None,
        severity: Severity | None = None,
        marks: tuple[str, ...] = (),
        **values: Any,
    ) -> Finding | None:
        """A finding worded by the rubric's template for ``rule`` (in every language, filled with
        ``values``, kept as its params); None when the rubric turns it off.

        ``marks``: the words of the line it is about (a spam span, the placeholders), to point at them exactly."""
        spec = self.rubric.rule(rule)
        if spec.severity is None:
            return None
        return Finding(
            rule=rule,
            severity=severity or spec.severity,
            text=fill(spec.message, **values),
            line=self.source(line),
            criterion=criterion,
            page=self.page(line),
            params=tuple(sorted(values.items())),
            marks=marks,
        )


# ---------------------------------------------------------------- option schemas
# Pieces of the JSON Schema fragments in which each check declares its options (OPTIONS), composed
# under the rubric's `checks:` by scorer.checks.check_options. `$defs` are the rubric schema's.
LANG: dict[str, Any] = {"$ref": "#/$defs/lang"}
TEXT: dict[str, Any] = {"anyOf": [{"type": "string"}, LANG]}  # the same in every language, or each its own
PATTERN: dict[str, Any] = {"$ref": "#/$defs/pattern"}
PATTERNS: dict[str, Any] = {"$ref": "#/$defs/patternList", "default": []}  # regexes, or patterns: and words:
WORDS: dict[str, Any] = {"$ref": "#/$defs/words", "default": []}


def group(default: bool = True, **props: dict[str, Any]) -> dict[str, Any]:
    """A mapping of options, no other key allowed, completed with its options' defaults ({} by default)."""
    out: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": props}
    return {**out, "default": {}} if default else out


def option(kind: str | list[str], default: Any = None, **more: Any) -> dict[str, Any]:
    """One option of JSON type ``kind`` (with its default unless None)."""
    out = {"type": kind, **more}
    return out if default is None else {**out, "default": default}


def texts(*keys: str) -> dict[str, Any]:
    """Message templates by key, each in every language (``messages``)."""
    return {"type": "object", "additionalProperties": False, "properties": dict.fromkeys(keys, LANG), "default": {}}
