"""The immutable values that flow through the pipeline, from a read document to a scorecard."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

Lang = dict[str, str]  # text in each interface language: {"zh": "…", "en": "…"}
LANGS = ("zh", "en")  # the interface languages; zh is the reference, the one every text has


def in_lang(text: Lang | str | None, lang: str) -> str:
    """A text in one language (Chinese when it has none in ``lang``)."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get("zh") or next(iter(text.values()), "")


class Status(str, Enum):
    FOUND = "found"
    WEAK = "weak"
    MISSING = "missing"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class Verdict(str, Enum):
    PASS = "pass"
    FAIL = "fail"


# What the ``line`` of a finding counts, per input format (Document.format): see Scorecard.unit.
UNITS = {"docx": "paragraph", "doc": "paragraph", "html": "paragraph", "pdf": "page"}


# ---------------------------------------------------------------- read / normalize


@dataclass(frozen=True)
class Line:
    """One line of a document and where it came from in the source file.

    ``source`` is the 1-based line number in a text file, the paragraph number in a Word file,
    or the line number within ``page`` in a PDF. ``level`` is a heading level known from the
    format itself (a Word heading style, a Markdown ``#``), else None.
    """

    text: str
    source: int
    page: int | None = None
    level: int | None = None


@dataclass(frozen=True)
class Document:
    """A file's text as lines, each mapped back to its place in the source."""

    path: str
    format: str
    lines: tuple[Line, ...]
    encoding: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class Noise:
    """One kind of scraping noise that normalization removed, with how often and where first."""

    kind: str
    count: int
    first_line: int
    sample: str


@dataclass(frozen=True)
class NormalizedDocument:
    """Clean text, line by line, still mapped to source lines; what was removed is kept as noise."""

    path: str
    format: str
    lines: tuple[Line, ...]
    raw_lines: tuple[str, ...]
    noise: tuple[Noise, ...]
    script: str  # "simplified" | "traditional"

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


# ---------------------------------------------------------------- outline


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int  # index into NormalizedDocument.lines
    source: int


@dataclass(frozen=True)
class Section:
    """A heading and the paragraphs directly under it; children are indices into Outline.sections.

    The root (index 0, level 0) holds the preamble: everything before the first heading.
    """

    index: int
    level: int
    kind: str  # numbering style: "cn" 一、, "cnp" （一）, "ar" 1., "arp" （1）, "part", "enum", "md", "plain", "root"
    number: str | None
    title: str
    line: int | None
    source: int | None
    parent: int | None
    body: tuple[Paragraph, ...]
    children: tuple[int, ...]


@dataclass(frozen=True)
class Outline:
    sections: tuple[Section, ...]

    @property
    def root(self) -> Section:
        return self.sections[0]

    def descendants(self, index: int) -> list[Section]:
        out: list[Section] = []
        stack = list(reversed(self.sections[index].children))
        while stack:
            sec = self.sections[stack.pop()]
            out.append(sec)
            stack.extend(reversed(sec.children))
        return out

    def ancestors(self, index: int) -> list[Section]:
        out: list[Section] = []
        parent = self.sections[index].parent
        while parent is not None:
            out.append(self.sections[parent])
            parent = self.sections[parent].parent
        return out

    def content(self, index: int) -> list[Paragraph]:
        """Every paragraph under a section, its subsections' headings included, in order."""
        paras = list(self.sections[index].body)
        for sec in self.descendants(index):
            if sec.line is not None:
                paras.append(Paragraph(sec.title, sec.line, sec.source or 0))
            paras.extend(sec.body)
        return sorted(paras, key=lambda p: p.line)


# ---------------------------------------------------------------- facts


@dataclass(frozen=True)
class DateFound:
    """A date written in the report, where, and whether it is written the GB/T 9704 way."""

    date: dt.date | None  # None when the written date is impossible (2023年2月30日) or has no day
    text: str
    line: int  # index into NormalizedDocument.lines
    well_formed: bool


@dataclass(frozen=True)
class Facts:
    """What the report says of itself, worked out once (title, issuer, level, year, addressee, signature,
    dates), with normalized line indices; match, the checks, auto-selection and the scorecard share it."""

    title: str | None = None
    title_line: int | None = None
    issuer: str | None = None
    level: str | None = None  # government | department | party-and-government | township
    report_year: int | None = None
    addressee: str | None = None
    addressee_line: int | None = None
    signature: str | None = None
    signature_line: int | None = None
    date: DateFound | None = None
    published: dt.date | None = None
    published_line: int | None = None


# ---------------------------------------------------------------- match


class Via(str, Enum):
    """How the matcher found a part: the closed set that checks, explain and renderers read."""

    HEADING = "heading"  # its own top-level heading
    NESTED = "nested"  # its own heading, inside a part it may stand in (the duty as (七) of the measures)
    MERGED = "merged"  # one heading carrying two parts (存在的问题和2024年工作打算)
    WEAK_HEADING = "weak-heading"  # a heading that only names it weakly, or over text that only claims it
    MISPLACED = "misplaced"  # its own heading, inside another part it may not stand in
    CUE = "cue"  # a paragraph without a heading (下一步,我们将……)
    THEMATIC = "thematic"  # inferred from top-level sections that name no part (measures by theme)
    BODY = "body"  # a requirement found in its part's text (the causes)
    NONE = "none"  # not found

    @property
    def headed(self) -> bool:
        """The part stands under a heading of its own."""
        return self in (Via.HEADING, Via.NESTED, Via.MERGED)


class CandidateKind(str, Enum):
    HEADING = "heading"
    WEAK_HEADING = "weak-heading"
    CUE = "cue"
    THEMATIC = "thematic"


@dataclass(frozen=True)
class Candidate:
    """One outline node or paragraph that a criterion weighed, and why."""

    criterion: str
    kind: CandidateKind
    score: float
    section: int | None
    line: int | None
    text: str
    reason: str


@dataclass(frozen=True)
class Match:
    """What the matcher decided for one criterion."""

    criterion: str
    status: Status
    confidence: float
    sections: tuple[int, ...]
    heading: str | None
    line: int | None  # index into NormalizedDocument.lines
    evidence: str | None
    evidence_line: int | None
    content_chars: int
    via: Via
    candidates: tuple[Candidate, ...] = ()
    unreported: bool = False  # under its heading, the text names the part but reports none of its evidence
    mention: str | None = None  # for a missing part: words that only mention it (压实第一责任人职责)


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Related:
    """The place in another file that a finding points to (last year's report for recycled text)."""

    path: str
    line: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line}


@dataclass(frozen=True)
class Finding:
    """A problem a check found: its rule, how severe, where, and its message in every interface language
    (the rubric's template filled with ``params``, the values that say what and how much)."""

    rule: str
    severity: Severity
    text: Lang
    line: int | None = None  # source line number (1-based) as the user sees it
    criterion: str | None = None
    page: int | None = None
    related: Related | None = None
    params: tuple[tuple[str, Any], ...] = ()
    marks: tuple[str, ...] = ()  # the words of the line the finding is about (a spam span, placeholders)

    @property
    def message(self) -> str:
        """The message in Chinese, the reference language."""
        return in_lang(self.text, "zh")

    def message_in(self, lang: str) -> str:
        return in_lang(self.text, lang)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message_in(lang),
            "line": self.line,
            "criterion": self.criterion,
        }
        if self.page is not None:
            out["page"] = self.page
        if self.related is not None:
            out["related"] = self.related.to_dict()
        if self.marks:
            out["marks"] = list(self.marks)
        return out

    def sort_key(self) -> tuple[int, int, str, str]:
        """Errors first, then warnings, then info; by line within each."""
        return (self.severity.rank, self.line if self.line is not None else 1 << 30, self.rule, self.message)


@dataclass(frozen=True)
class Criterion:
    id: str
    label: Lang
    status: Status
    confidence: float
    points: float
    max_points: float
    heading: str | None
    line: int | None
    evidence: str | None
    required: bool = False
    via: Via = Via.NONE
    part_of: str | None = None  # a requirement inside a part (the causes, inside the shortcomings)

    @property
    def optional(self) -> bool:
        """A part the rule lists but does not require (其他需要报告的情况): its absence is no fault."""
        return not self.required and self.part_of is None

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "id": self.id,
            "label": in_lang(self.label, lang),
            "status": self.status.value,
            "confidence": round(self.confidence, 2),
            "points": round(self.points, 1),
            "max_points": round(self.max_points, 1),
            "heading": self.heading,
            "line": self.line,
            "evidence": self.evidence,
            "required": self.required,
            "part_of": self.part_of,
        }


@dataclass(frozen=True)
class Reason:
    """Why a report fails: a required part missing, a finding at or above the fail-on severity, or the total."""

    kind: str  # "missing" | "finding" | "threshold"
    text: Lang
    criterion: str | None = None
    rule: str | None = None

    @property
    def message(self) -> str:
        return in_lang(self.text, "zh")

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "message": in_lang(self.text, lang)}
        if self.criterion is not None:
            out["criterion"] = self.criterion
        if self.rule is not None:
            out["rule"] = self.rule
        return out


@dataclass(frozen=True)
class Policy:
    """A run's settings for the verdict, over the rubric's own (None: the rubric decides).

    ``fail_on``: the least severe finding that fails a report ("error", "warning", "info"; "off": none).
    ``threshold``: a pass mark from the config or --fail-under; the strictest of it and the rubric's applies.
    """

    fail_on: str | None = None
    threshold: float | None = None


@dataclass(frozen=True)
class OutlineNode:
    """One heading of the outline the engine saw, with the criteria it was taken to carry."""

    level: int
    number: str | None
    title: str
    line: int | None  # source line number (1-based) as the user sees it
    criteria: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "number": self.number, "title": self.title, "line": self.line,
                "criteria": list(self.criteria)}


@dataclass(frozen=True)
class TemplateHeading:
    """A heading the report lacks (a part missing, or one a finding asks to give a heading of its own), in the
    rubric's wording with the year filled in, the hint of what it must contain, and where it goes.

    ``number`` is the numbering it would take there (``三、``; "" when the report's parts are unnumbered).
    ``where`` says how it is placed against ``anchor`` (a heading, or the start of a paragraph) at source
    line ``line``: "after" that part, "before" that heading or paragraph, "above" the first of the sections it
    was inferred from (which go under it), "split" out of that heading which carries two parts, or "end" of a
    report that has no part to place it by. ``year`` is the year the
    heading names (the plan's is the next one).
    """

    criterion: str
    heading: Lang
    hint: Lang
    number: str = ""
    where: str = "end"
    anchor: str | None = None
    line: int | None = None
    year: int | None = None
    page: int | None = None  # the page of ``line`` in a PDF

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        out = {"criterion": self.criterion, "heading": in_lang(self.heading, lang), "hint": in_lang(self.hint, lang),
               "number": self.number, "where": self.where, "anchor": self.anchor, "line": self.line,
               "year": self.year}
        if self.page is not None:
            out["page"] = self.page
        return out


@dataclass(frozen=True)
class Recycled:
    """A paragraph of this year's report nearly the same as one of last year's (lines as the user sees them)."""

    criterion: str | None
    line: int
    text: str
    related_line: int
    related_text: str
    score: float  # rapidfuzz ratio, 0-100, on the texts with years and numbers masked

    def to_dict(self) -> dict[str, Any]:
        return {"criterion": self.criterion, "line": self.line, "text": self.text,
                "related": {"line": self.related_line, "text": self.related_text}, "score": round(self.score, 1)}


@dataclass(frozen=True)
class PlanItem:
    """One item of last year's plan and the best trace of it in this year's report (None: none found)."""

    text: str
    line: int  # in last year's report
    followed: bool
    trace_line: int | None = None
    trace_text: str | None = None
    score: float = 0.0  # 0-100: how much of the item the trace holds

    def to_dict(self) -> dict[str, Any]:
        trace = {"line": self.trace_line, "text": self.trace_text} if self.trace_line is not None else None
        return {"text": self.text, "line": self.line, "followed": self.followed, "trace": trace,
                "score": round(self.score, 1)}


@dataclass(frozen=True)
class Previous:
    """This report compared with last year's: the share of its compared text that is recycled, and how many
    items of last year's plan it follows up."""

    path: str
    report_year: int | None
    recycled_share: float
    plan_items: int
    plan_items_followed: int
    recycled: tuple[Recycled, ...] = ()
    plan: tuple[PlanItem, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "report_year": self.report_year, "recycled_share": round(self.recycled_share, 3),
                "plan_items": self.plan_items, "plan_items_followed": self.plan_items_followed,
                "recycled": [r.to_dict() for r in self.recycled], "plan": [p.to_dict() for p in self.plan]}


@dataclass(frozen=True)
class Scorecard:
    path: str
    rubric_id: str
    rubric_version: str
    score: float
    verdict: Verdict
    pass_threshold: float
    criteria: tuple[Criterion, ...]
    findings: tuple[Finding, ...]
    meta: dict[str, Any] = field(default_factory=dict)
    reasons: tuple[Reason, ...] = ()  # why it fails, in order: missing parts, findings, the total
    # Filled only when detail is asked for (the web page, --format html): what the engine saw.
    outline: tuple[OutlineNode, ...] = ()
    template: tuple[TemplateHeading, ...] = ()
    previous: Previous | None = None  # compared with last year's report (--previous, --history)
    rubric_title: dict[str, str] = field(default_factory=dict)  # the rubric's name, zh and en

    @property
    def unit(self) -> str:
        """What a ``line`` counts in this report: "line" (text), "paragraph" (Word, web page) or "page" (PDF:
        the line within ``page``)."""
        return UNITS.get(str(self.meta.get("format")), "line")

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The card as JSON-ready data, its words (labels, messages, reasons, hints) in ``lang``."""
        rubric: dict[str, Any] = {"id": self.rubric_id, "version": self.rubric_version}
        if self.rubric_title:
            rubric["title"] = in_lang(self.rubric_title, lang)
        out: dict[str, Any] = {
            "path": self.path,
            "rubric": rubric,
            "unit": self.unit,
            "score": round(self.score, 1),
            "verdict": self.verdict.value,
            "reasons": [r.to_dict(lang) for r in self.reasons],
            "pass_threshold": round(self.pass_threshold, 1),
            "meta": {k: in_lang(v, lang) if _is_lang(v) else v for k, v in self.meta.items()},
            "criteria": [c.to_dict(lang) for c in self.criteria],
            "findings": [f.to_dict(lang) for f in self.findings],
        }
        if self.outline:
            out["outline"] = [n.to_dict() for n in self.outline]
        if self.template:
            out["template"] = [h.to_dict(lang) for h in self.template]
        if self.previous is not None:
            out["previous"] = self.previous.to_dict()
        return out


def _is_lang(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and set(value) <= set(LANGS)


@dataclass(frozen=True)
class FileError:
    """A file that could not be scored, and why (one line, for humans).

    ``key`` and ``params`` name the reason among the interface words (rubrics/ui/input.yaml), so that it
    can be said in any language (scorer.uiwords.error_text); ``message`` is the line as last said.
    """

    path: str
    message: str
    key: str | None = None
    params: tuple[tuple[str, object], ...] = ()

    def to_dict(self) -> dict[str, str]:
        out = {"path": self.path, "message": self.message}
        if self.key:
            out["key"] = self.key
        return out


@dataclass(frozen=True)
class RunResult:
    """Everything one `scorer check` produced: scorecards in input order and per-file errors."""

    cards: tuple[Scorecard, ...]
    errors: tuple[FileError, ...]

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "version": 1,
            "reports": [c.to_dict(lang) for c in self.cards],
            "errors": [e.to_dict() for e in self.errors],
        }
